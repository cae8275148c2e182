import { CatalogueProduct } from '@app/catalogue';
import { EVENT_ENTITIES } from '@app/events';
import { ServiceDatabase } from '@app/persistence';
import { InitialSchema1795227970701 } from './migrations/1795227970701-initial-schema';

export const ecommerceDatabase: ServiceDatabase = {
  service: 'ecommerce',
  entities: [...EVENT_ENTITIES, CatalogueProduct],
  migrations: [InitialSchema1795227970701],
};
