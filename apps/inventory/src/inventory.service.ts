import { ServiceDefinition } from '@app/bootstrap';
import { EventsModule } from '@app/events';
import { CategoriesModule } from './categories/categories.module';
import { inventoryDatabase } from './inventory.database';
import { InventoryEnvironment } from './inventory.environment';
import { LocationsModule } from './locations/locations.module';
import { ProductsModule } from './products/products.module';
import { ReservationsModule } from './reservations/reservations.module';
import { RestockRequestsModule } from './restock-requests/restock-requests.module';
import { StockModule } from './stock/stock.module';
import { StoreSalesModule } from './store-sales/store-sales.module';
import { SuppliersModule } from './suppliers/suppliers.module';

export const inventoryService: ServiceDefinition<InventoryEnvironment> = {
  service: 'inventory',
  title: 'Inventory',
  description: 'Products, categories, suppliers, locations, stock levels, reservations and restock requests',
  environment: InventoryEnvironment,
  database: inventoryDatabase,
  modules: [
    EventsModule.forService('inventory'),
    CategoriesModule,
    SuppliersModule,
    LocationsModule,
    ProductsModule,
    StockModule,
    ReservationsModule,
    RestockRequestsModule,
    StoreSalesModule,
  ],
};
