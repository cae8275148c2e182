import { CatalogueProduct, DEMO_LOCATIONS, DEMO_PRODUCTS } from '@app/catalogue';
import { SaleRecordedV1, SaleReturnedV1 } from '@app/contracts';
import { withDataSource } from '@app/persistence';
import { TestApp, createTestApp, createTestDatabase } from '@app/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { CashRegister } from '../src/cash-registers/cash-register.entity';
import { retailDatabase } from '../src/retail.database';
import { retailService } from '../src/retail.service';
import { SaleReturn } from '../src/returns/sale-return.entity';
import { Sale } from '../src/sales/sale.entity';
import { seedDemoData } from '../src/seed/demo-data';
import { Store } from '../src/stores/store.entity';
import { eventsOf } from './fixtures';

const DAY_MS = 24 * 3600 * 1000;

/** Everything the seed writes, in a comparable form. */
async function snapshot(dataSource: DataSource) {
  const sales = await dataSource
    .getRepository(Sale)
    .find({ relations: { lines: true }, order: { id: 'ASC', lines: { id: 'ASC' } } });
  const returns = await dataSource
    .getRepository(SaleReturn)
    .find({ relations: { lines: true }, order: { id: 'ASC', lines: { id: 'ASC' } } });
  return {
    stores: await dataSource
      .getRepository(Store)
      .find({ order: { id: 'ASC' } })
      .then((rows) => rows.map(({ createdAt, ...store }) => store)),
    registers: await dataSource
      .getRepository(CashRegister)
      .find({ order: { id: 'ASC' } })
      .then((rows) => rows.map(({ createdAt, ...register }) => register)),
    catalogue: await dataSource.getRepository(CatalogueProduct).find({ order: { productId: 'ASC' } }),
    sales,
    returns,
    events: await dataSource.query<Array<{ type: string; count: string }>>(
      'SELECT type, count(*) FROM outbox_events GROUP BY type ORDER BY type',
    ),
  };
}

describe('Demo data', () => {
  let t: TestApp;
  let seeded: Awaited<ReturnType<typeof snapshot>>;
  const now = new Date();
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());

  beforeAll(async () => {
    t = await createTestApp(retailService);
    await seedDemoData(t.dataSource, now);
    seeded = await snapshot(t.dataSource);
  });

  afterAll(() => t.close());

  it('opens a store at each demo store location, numbered as inventory numbers them', async () => {
    const expected = DEMO_LOCATIONS.flatMap((location, index) =>
      location.type === 'STORE' ? [{ code: location.code, locationId: index + 1 }] : [],
    );
    expect(seeded.stores.map(({ code, locationId }) => ({ code, locationId }))).toEqual(expected);
    expect(seeded.stores.map((store) => store.locationId)).toEqual([2, 3, 4, 5, 6]);
    expect(seeded.stores.every((store) => store.active && store.address)).toBe(true);
    const response = await request(t.http).get('/api/v1/stores?active=true').expect(200);
    expect(response.body.total).toBe(5);
  });

  it('gives each store two or three active registers', () => {
    for (const store of seeded.stores) {
      const registers = seeded.registers.filter((register) => register.storeId === store.id);
      expect(registers.length).toBeGreaterThanOrEqual(2);
      expect(registers.length).toBeLessThanOrEqual(3);
      expect(registers.map((register) => register.code)).toEqual(registers.map((_, i) => `POS-${i + 1}`));
      expect(registers.every((register) => register.active)).toBe(true);
    }
  });

  it('copies the demo catalogue with an epoch timestamp, so that real product events replace it', () => {
    expect(seeded.catalogue.map(({ productId, sku, price, active }) => ({ productId, sku, price, active }))).toEqual(
      DEMO_PRODUCTS.map(([sku, , , , price], index) => ({ productId: index + 1, sku, price, active: true })),
    );
    expect(seeded.catalogue.every((product) => product.sourceUpdatedAt.getTime() === 0)).toBe(true);
  });

  it('sells 5 to 15 times per store and day over the 30 days ending today, never in the future', () => {
    const first = today - 29 * DAY_MS;
    expect(seeded.sales.every((sale) => sale.soldAt.getTime() >= first && sale.soldAt <= now)).toBe(true);
    const days = new Set(seeded.sales.map((sale) => Math.floor(sale.soldAt.getTime() / DAY_MS)));
    // Today's sales start at opening time, so before it only 29 days have sales.
    expect(days.size).toBeGreaterThanOrEqual(29);
    expect(days.size).toBeLessThanOrEqual(30);
    for (const store of seeded.stores) {
      for (let day = first; day < today; day += DAY_MS) {
        const count = seeded.sales.filter(
          (sale) => sale.storeId === store.id && sale.soldAt.getTime() >= day && sale.soldAt.getTime() < day + DAY_MS,
        ).length;
        expect(count).toBeGreaterThanOrEqual(5);
        expect(count).toBeLessThanOrEqual(15);
      }
    }
    const ids = seeded.sales.map((sale) => sale.id);
    const byTime = [...seeded.sales].sort((a, b) => a.soldAt.getTime() - b.soldAt.getTime()).map((sale) => sale.id);
    expect(ids).toEqual(byTime);
  });

  it('prices every line from the catalogue and totals every sale exactly', async () => {
    const priceOf = new Map(seeded.catalogue.map((product) => [product.productId, product.price]));
    const storeOf = new Map(seeded.registers.map((register) => [register.id, register.storeId]));
    for (const sale of seeded.sales) {
      expect(sale.lines.length).toBeGreaterThanOrEqual(1);
      expect(sale.lines.length).toBeLessThanOrEqual(4);
      expect(storeOf.get(sale.registerId)).toBe(sale.storeId);
      for (const line of sale.lines) expect(line.unitPrice).toBe(priceOf.get(line.productId));
    }
    // Checked by PostgreSQL's own numeric arithmetic, independently of the seed's.
    const [mismatches] = await t.dataSource.query<Array<{ lines: string; totals: string }>>(`
      SELECT (SELECT count(*) FROM sale_lines WHERE line_total <> unit_price * quantity) AS lines,
             (SELECT count(*) FROM sales s WHERE total <> (SELECT sum(line_total) FROM sale_lines WHERE sale_id = s.id)) AS totals`);
    expect(mismatches).toEqual({ lines: '0', totals: '0' });
  });

  it('brings a few sales back, within what was sold and at the prices of the sale', async () => {
    expect(seeded.returns.length).toBeGreaterThan(5);
    expect(seeded.returns.length).toBeLessThan(seeded.sales.length / 10);
    const returnTimes = seeded.returns.map((saleReturn) => saleReturn.returnedAt.getTime());
    expect(returnTimes).toEqual([...returnTimes].sort((a, b) => a - b));
    const saleById = new Map(seeded.sales.map((sale) => [sale.id, sale]));
    for (const saleReturn of seeded.returns) {
      const sale = saleById.get(saleReturn.saleId) as Sale;
      expect(saleReturn.storeId).toBe(sale.storeId);
      expect(saleReturn.returnedAt > sale.soldAt && saleReturn.returnedAt <= now).toBe(true);
      expect(saleReturn.lines).toHaveLength(1);
      expect(saleReturn.totalRefund).toBe(saleReturn.lines[0].refund);
    }
    const [{ wrong }] = await t.dataSource.query<Array<{ wrong: string }>>(`
      SELECT count(*) AS wrong FROM sale_return_lines rl
        JOIN sale_returns r ON r.id = rl.return_id
        JOIN sale_lines sl ON sl.sale_id = r.sale_id AND sl.product_id = rl.product_id
       WHERE rl.refund <> sl.unit_price * rl.quantity`);
    expect(wrong).toBe('0');
    for (const sale of seeded.sales) {
      for (const line of sale.lines) {
        const returned = seeded.returns
          .filter((saleReturn) => saleReturn.saleId === sale.id)
          .flatMap((saleReturn) => saleReturn.lines)
          .filter((returnLine) => returnLine.productId === line.productId)
          .reduce((sum, returnLine) => sum + returnLine.quantity, 0);
        expect(line.returnedQuantity).toBe(returned);
      }
    }
  });

  it('records each sale and return in the outbox as imported history, at its historical time', async () => {
    const recorded = await eventsOf(t.dataSource, 'retail.sale.recorded');
    expect(recorded).toHaveLength(seeded.sales.length);
    const locationOf = new Map(seeded.stores.map((store) => [store.id, store.locationId]));
    recorded.forEach((event, index) => {
      const sale = seeded.sales[index];
      const payload = event.payload as SaleRecordedV1;
      expect(payload).toMatchObject({
        sale_id: sale.id,
        store_id: sale.storeId,
        location_id: locationOf.get(sale.storeId),
        total: sale.total,
        imported: true,
      });
      expect(payload.lines).toHaveLength(sale.lines.length);
      expect(event.occurredAt).toEqual(sale.soldAt);
      expect(event.pendingFor).toEqual(['inventory', 'reporting']);
    });
    const returned = await eventsOf(t.dataSource, 'retail.sale.returned');
    expect(returned.map((event) => (event.payload as SaleReturnedV1).return_id)).toEqual(
      seeded.returns.map((saleReturn) => saleReturn.id),
    );
    expect(returned.every((event) => (event.payload as SaleReturnedV1).imported)).toBe(true);
    expect(returned.map((event) => event.occurredAt)).toEqual(seeded.returns.map((saleReturn) => saleReturn.returnedAt));
  });

  it('changes nothing when run again', async () => {
    await seedDemoData(t.dataSource);
    expect(await snapshot(t.dataSource)).toEqual(seeded);
  });

  it('writes the same history on every fresh database', async () => {
    const other = await createTestDatabase(retailDatabase);
    try {
      const again = await withDataSource(retailDatabase, other.url, async (dataSource) => {
        await seedDemoData(dataSource, now);
        return snapshot(dataSource);
      });
      expect(again).toEqual(seeded);
    } finally {
      await other.drop();
    }
  });
});
