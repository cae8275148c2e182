import { CatalogueProduct } from '@app/catalogue';
import { EVENT_ENTITIES } from '@app/events';
import { ServiceDatabase } from '@app/persistence';
import { InitialSchema1795227971899 } from './migrations/1795227971899-initial-schema';

export const retailDatabase: ServiceDatabase = {
  service: 'retail',
  entities: [...EVENT_ENTITIES, CatalogueProduct],
  migrations: [InitialSchema1795227971899],
};
