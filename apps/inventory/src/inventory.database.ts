import { EVENT_ENTITIES, OutboxPendingById1795270000000, OutboxRecordedAt1795260000100 } from '@app/events';
import { ProcessedCommand, ServiceDatabase } from '@app/persistence';
import { Category } from './categories/category.entity';
import { Location } from './locations/location.entity';
import { InitialSchema1795226381851 } from './migrations/1795226381851-initial-schema';

import { Product } from './products/product.entity';
import { Reservation, ReservationLine } from './reservations/reservation.entity';
import { RestockRequest } from './restock-requests/restock-request.entity';
import { seedDemoData } from './seed/demo-data';
import { StockLevel } from './stock/stock-level.entity';
import { Supplier } from './suppliers/supplier.entity';
import { DomainEvents1795227969518 } from './migrations/1795227969518-domain-events';
import { StockLevelVersion1795233736207 } from './migrations/1795233736207-stock-level-version';

export const inventoryDatabase: ServiceDatabase = {
  service: 'inventory',
  entities: [
    ...EVENT_ENTITIES,
    Category,
    Supplier,
    Location,
    Product,
    StockLevel,
    Reservation,
    ReservationLine,
    ProcessedCommand,
    RestockRequest,
  ],
  migrations: [
    InitialSchema1795226381851,
    DomainEvents1795227969518,
    StockLevelVersion1795233736207,
    OutboxRecordedAt1795260000100,
    OutboxPendingById1795270000000,
  ],
  seed: seedDemoData,
};
