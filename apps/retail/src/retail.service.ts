import { ServiceDefinition } from '@app/bootstrap';
import { CatalogueModule } from '@app/catalogue';
import { EventsModule } from '@app/events';
import { CashRegistersModule } from './cash-registers/cash-registers.module';
import { retailDatabase } from './retail.database';
import { RetailEnvironment } from './retail.environment';
import { ReturnsModule } from './returns/returns.module';
import { SalesModule } from './sales/sales.module';
import { StoresModule } from './stores/stores.module';

export const retailService: ServiceDefinition<RetailEnvironment> = {
  service: 'retail',
  title: 'Retail',
  description: 'Stores, cash registers, sales and returns',
  environment: RetailEnvironment,
  database: retailDatabase,
  modules: [EventsModule.forService('retail'), CatalogueModule, StoresModule, CashRegistersModule, SalesModule, ReturnsModule],
};
