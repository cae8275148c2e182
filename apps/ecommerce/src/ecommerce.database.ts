import { CatalogueProduct } from '@app/catalogue';
import { EVENT_ENTITIES, OutboxPendingById1795270000000, OutboxRecordedAt1795260000100 } from '@app/events';
import { ProcessedCommand, ServiceDatabase } from '@app/persistence';
import { Cart, CartLine } from './carts/cart.entity';
import { Customer } from './customers/customer.entity';
import { EcommerceDomain1795228287998 } from './migrations/1795228287998-ecommerce-domain';
import { InitialSchema1795227970701 } from './migrations/1795227970701-initial-schema';
import { Order, OrderLine } from './orders/order.entity';
import { Payment } from './payments/payment.entity';
import { seedDemoData } from './seed/demo-data';
import { Shipment } from './shipments/shipment.entity';

export const ecommerceDatabase: ServiceDatabase = {
  service: 'ecommerce',
  entities: [
    ...EVENT_ENTITIES,
    CatalogueProduct,
    ProcessedCommand,
    Customer,
    Cart,
    CartLine,
    Order,
    OrderLine,
    Payment,
    Shipment,
  ],
  migrations: [
    InitialSchema1795227970701,
    EcommerceDomain1795228287998,
    OutboxRecordedAt1795260000100,
    OutboxPendingById1795270000000,
  ],
  seed: seedDemoData,
};
