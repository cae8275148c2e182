import { ServiceDefinition } from '@app/bootstrap';
import { CatalogueModule } from '@app/catalogue';
import { EventsModule } from '@app/events';
import { CartsModule } from './carts/carts.module';
import { CustomersModule } from './customers/customers.module';
import { ecommerceDatabase } from './ecommerce.database';
import { EcommerceEnvironment } from './ecommerce.environment';
import { OrdersModule } from './orders/orders.module';
import { PaymentsModule } from './payments/payments.module';
import { ShipmentsModule } from './shipments/shipments.module';

export const ecommerceService: ServiceDefinition<EcommerceEnvironment> = {
  service: 'ecommerce',
  title: 'Ecommerce',
  description: 'Customers, carts, orders, payments and shipments of the online shop',
  environment: EcommerceEnvironment,
  database: ecommerceDatabase,
  modules: [
    EventsModule.forService('ecommerce'),
    CatalogueModule,
    CustomersModule,
    CartsModule,
    OrdersModule,
    PaymentsModule,
    ShipmentsModule,
  ],
};
