import { CatalogueProduct } from '@app/catalogue';
import { EVENT_ENTITIES, OutboxPendingById1795270000000, OutboxRecordedAt1795260000100 } from '@app/events';
import { ServiceDatabase } from '@app/persistence';
import { CashRegister } from './cash-registers/cash-register.entity';
import { InitialSchema1795227971899 } from './migrations/1795227971899-initial-schema';
import { RetailDomain1795228259575 } from './migrations/1795228259575-retail-domain';
import { SaleReturn, SaleReturnLine } from './returns/sale-return.entity';
import { Sale, SaleLine } from './sales/sale.entity';
import { seedDemoData } from './seed/demo-data';
import { Store } from './stores/store.entity';

export const retailDatabase: ServiceDatabase = {
  service: 'retail',
  entities: [...EVENT_ENTITIES, CatalogueProduct, Store, CashRegister, Sale, SaleLine, SaleReturn, SaleReturnLine],
  migrations: [
    InitialSchema1795227971899,
    RetailDomain1795228259575,
    OutboxRecordedAt1795260000100,
    OutboxPendingById1795270000000,
  ],
  seed: seedDemoData,
};
