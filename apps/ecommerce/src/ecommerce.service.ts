import { ServiceDefinition } from '@app/bootstrap';
import { CatalogueModule } from '@app/catalogue';
import { EventsModule } from '@app/events';
import { ecommerceDatabase } from './ecommerce.database';
import { EcommerceEnvironment } from './ecommerce.environment';

export const ecommerceService: ServiceDefinition<EcommerceEnvironment> = {
  service: 'ecommerce',
  title: 'Ecommerce',
  description: 'Customers, carts, orders, payments and shipments of the online shop',
  environment: EcommerceEnvironment,
  database: ecommerceDatabase,
  modules: [EventsModule.forService('ecommerce'), CatalogueModule],
};
