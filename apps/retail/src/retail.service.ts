import { ServiceDefinition } from '@app/bootstrap';
import { CatalogueModule } from '@app/catalogue';
import { EventsModule } from '@app/events';
import { retailDatabase } from './retail.database';
import { RetailEnvironment } from './retail.environment';

export const retailService: ServiceDefinition<RetailEnvironment> = {
  service: 'retail',
  title: 'Retail',
  description: 'Stores, cash registers, sales and returns',
  environment: RetailEnvironment,
  database: retailDatabase,
  modules: [EventsModule.forService('retail'), CatalogueModule],
};
