import { EventEnvelope, ReserveStockCommand, SaleRecordedV1, cents, money } from '@app/contracts';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Category } from '../src/categories/category.entity';
import { Location, LocationType } from '../src/locations/location.entity';
import { Product } from '../src/products/product.entity';
import { StockLevel } from '../src/stock/stock-level.entity';

/** Small, explicit data for one test file: a warehouse, a store, a category and products. */
export async function givenCatalogue(dataSource: DataSource, products = 2) {
  const warehouse = await dataSource
    .getRepository(Location)
    .save({ code: 'WH-TEST', name: 'Test warehouse', type: LocationType.Warehouse, address: null });
  const store = await dataSource
    .getRepository(Location)
    .save({ code: 'ST-TEST', name: 'Test store', type: LocationType.Store, address: null });
  const category = await dataSource.getRepository(Category).save({ name: 'Test category', description: null });
  const saved = await dataSource.getRepository(Product).save(
    Array.from({ length: products }, (_, i) => ({
      sku: `TEST-${i + 1}`,
      name: `Test product ${i + 1}`,
      description: null,
      categoryId: category.id,
      supplierId: null,
      price: '9.99',
      active: true,
    })),
  );
  return { warehouse, store, category, products: saved };
}

export async function givenStock(dataSource: DataSource, productId: number, locationId: number, onHand: number, reserved = 0) {
  await dataSource.getRepository(StockLevel).save({ productId, locationId, onHand, reserved, reorderLevel: 5 });
}

export async function stockOf(dataSource: DataSource, productId: number, locationId: number) {
  return dataSource.getRepository(StockLevel).findOneByOrFail({ productId, locationId });
}

/** The events (type and payload, in order) that the outbox recorded while `work` ran. */
export async function eventsRecordedBy(dataSource: DataSource, work: () => Promise<unknown>) {
  const [{ mark }] = await dataSource.query<Array<{ mark: string }>>('SELECT coalesce(max(id), 0) AS mark FROM outbox_events');
  await work();
  return dataSource.query<Array<{ type: string; payload: Record<string, unknown> }>>(
    'SELECT type, payload FROM outbox_events WHERE id > $1 ORDER BY id',
    [mark],
  );
}

/** A till sale as retail publishes it: `quantity` units of one product at 9.99, from a store location. */
export function saleRecorded(
  locationId: number,
  productId: number,
  quantity: number,
  overrides: Partial<SaleRecordedV1> = {},
): EventEnvelope<'retail.sale.recorded'> {
  const total = money(cents('9.99') * BigInt(quantity));
  return {
    event_id: randomUUID(),
    type: 'retail.sale.recorded',
    version: 1,
    source: 'retail',
    occurred_at: new Date().toISOString(),
    payload: {
      sale_id: 1,
      store_id: 1,
      location_id: locationId,
      register_id: 1,
      lines: [{ product_id: productId, quantity, unit_price: '9.99', line_total: total }],
      total,
      sold_at: new Date().toISOString(),
      imported: false,
      ...overrides,
    },
  };
}

/** Reserve commands as the saga sends them: each under a new saga's key unless given one. */
export function reserveCommands(): (lines: Array<[number, number]>, key?: string) => ReserveStockCommand {
  let sagas = 0;
  return (lines, key = `saga-${++sagas}:RESERVE_STOCK`) => ({
    idempotency_key: key,
    holder: key.split(':')[0],
    lines: lines.map(([product_id, quantity]) => ({ product_id, quantity })),
  });
}
