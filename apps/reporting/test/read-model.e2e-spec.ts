import { EventInbox } from '@app/events';
import { TestApp, createTestApp } from '@app/testing';
import request from 'supertest';
import { rebuildReadModel } from '../src/read-model/rebuild';
import { reportingService } from '../src/reporting.service';
import { HISTORY, deliver, productEvent, restockEvent, saleEvent, stockEvent, storeEvent } from './fixtures';

const PERIOD = 'from=2026-01-01&to=2026-01-31';

/** Every report over the history, without the time each was computed. */
async function reports(t: TestApp) {
  const bodies = [];
  for (const path of [
    `/reports/sales?${PERIOD}`,
    '/reports/inventory?limit=100',
    `/reports/performance?${PERIOD}&top=5`,
    `/analytics/trends?${PERIOD}`,
  ]) {
    const { body } = await request(t.http).get(`/api/v1${path}`).expect(200);
    delete body.generated_at;
    bodies.push(body);
  }
  return bodies;
}

const count = async (t: TestApp, table: string) =>
  Number((await t.dataSource.query<Array<{ n: string }>>(`SELECT count(*) AS n FROM ${table}`))[0].n);

describe('read model', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(reportingService, { env: { REPORT_CACHE_TTL_SECONDS: '0' } });
    await deliver(t, ...HISTORY);
  });

  afterAll(() => t.close());

  const salesTotals = async () =>
    (await request(t.http).get(`/api/v1/reports/sales?${PERIOD}`).expect(200)).body.totals as Record<string, unknown>;

  describe('applying events', () => {
    it('applies a redelivered event once, also when both copies arrive together', async () => {
      const before = await salesTotals();
      const sale = saleEvent(100, 1, 2, '2026-01-20T10:00:00.000Z', [[1, 1, '2.50']]);
      const inbox = t.app.get(EventInbox);
      const outcomes = await Promise.all([inbox.apply(sale), inbox.apply(sale)]);
      expect(outcomes.map((o) => o.outcome).sort()).toEqual(['APPLIED', 'DUPLICATE']);
      expect(await deliver(t, sale)).toEqual(['DUPLICATE']);
      const after = await salesTotals();
      expect(after.transactions).toBe((before.transactions as number) + 1);
      expect(after.gross_revenue).toBe('43.20');
      expect(await count(t, `event_log WHERE event_id = '${sale.event_id}'`)).toBe(1);
    });

    it('counts a sale published twice under two event ids once, and logs both events', async () => {
      const before = await salesTotals();
      const again = saleEvent(100, 1, 2, '2026-01-20T10:00:00.000Z', [[1, 1, '2.50']]);
      expect(await deliver(t, again)).toEqual(['APPLIED']);
      expect(await salesTotals()).toEqual(before);
      expect(await count(t, `event_log WHERE payload->>'sale_id' = '100'`)).toBe(2);
    });

    it('keeps nothing of an event whose projection fails, so that its redelivery can apply it', async () => {
      const logged = await count(t, 'event_log');
      const broken = saleEvent(101, 1, 2, '2026-01-21T10:00:00.000Z', [[1, 1, '2.50']]);
      (broken.payload.lines[0] as { quantity: unknown }).quantity = null;
      await expect(deliver(t, broken)).rejects.toThrow();
      expect(await count(t, 'event_log')).toBe(logged);
      expect(await count(t, `processed_events WHERE event_id = '${broken.event_id}'`)).toBe(0);
      expect(await count(t, 'sales WHERE source_id = 101')).toBe(0);
    });

    it('keeps the newest product, store and stock level and never reopens a decided restock, whatever the order', async () => {
      await deliver(
        t,
        productEvent(1, '2.75', [10, 'Drinks'], '2026-01-03T00:00:00Z'),
        productEvent(1, '2.60', [10, 'Drinks'], '2026-01-02T00:00:00Z'),
        storeEvent(1, 2, 'Store A (renamed)', new Date('2026-01-02T00:00:00Z')),
        storeEvent(1, 2, 'Store A (older)', new Date('2026-01-01T12:00:00Z')),
        stockEvent([[2, 1, 35, 0, 50, 3]]),
        stockEvent([[2, 1, 38, 0, 50, 2]]),
        restockEvent(2, 3, 3, 30, 'REJECTED'),
        restockEvent(2, 3, 3, 30, 'PENDING'),
      );
      const [product] = await t.dataSource.query('SELECT price FROM products WHERE product_id = 1');
      expect(product.price).toBe('2.75');
      const [store] = await t.dataSource.query('SELECT name FROM stores WHERE store_id = 1');
      expect(store.name).toBe('Store A (renamed)');
      const [level] = await t.dataSource.query(
        'SELECT on_hand, version FROM stock_levels WHERE product_id = 2 AND location_id = 1',
      );
      expect(level).toEqual({ on_hand: 35, version: 3 });
      const [restock] = await t.dataSource.query('SELECT status FROM restock_requests WHERE restock_request_id = 2');
      expect(restock.status).toBe('REJECTED');
    });

    it('knows a store from its first sale, before the store event fills in its name', async () => {
      await deliver(t, saleEvent(102, 9, 9, '2026-01-22T10:00:00.000Z', [[3, 1, '4.00']]));
      const before = (await request(t.http).get(`/api/v1/reports/sales?${PERIOD}&store_id=9`).expect(200)).body;
      expect(before.by_store).toEqual([expect.objectContaining({ store_id: 9, store_name: null, gross_revenue: '4.00' })]);
      await deliver(t, storeEvent(9, 9, 'Late store'));
      const after = (await request(t.http).get(`/api/v1/reports/sales?${PERIOD}&store_id=9`).expect(200)).body;
      expect(after.by_store[0]).toMatchObject({ store_name: 'Late store', gross_revenue: '4.00' });
    });

    it('logs every event it applied, as received, in arrival order', async () => {
      const rows = await t.dataSource.query<Array<{ event_id: string; type: string; source: string; payload: object }>>(
        'SELECT event_id, type, source, payload FROM event_log ORDER BY seq LIMIT 3',
      );
      expect(rows).toEqual(
        HISTORY.slice(0, 3).map((event) => ({
          event_id: event.event_id,
          type: event.type,
          source: event.source,
          payload: event.payload,
        })),
      );
      expect(await count(t, 'event_log')).toBe(await count(t, 'processed_events'));
    });
  });

  describe('rebuilding', () => {
    it('wipes the read model and replays the log into the same reports', async () => {
      const before = await reports(t);
      await t.dataSource.query(`UPDATE sales SET total = 0; DELETE FROM sale_lines; DELETE FROM stock_levels`);
      expect(await reports(t)).not.toEqual(before);
      const logged = await count(t, 'event_log');
      expect(await rebuildReadModel(t.dataSource)).toBe(logged);
      expect(await reports(t)).toEqual(before);
      expect(await rebuildReadModel(t.dataSource)).toBe(logged);
      expect(await reports(t)).toEqual(before);
    });

    it('gives the same read model whatever order the events arrived in', async () => {
      const other = await createTestApp(reportingService, { env: { REPORT_CACHE_TTL_SECONDS: '0' } });
      try {
        await deliver(other, ...[...HISTORY].reverse());
        const fresh = await createTestApp(reportingService, { env: { REPORT_CACHE_TTL_SECONDS: '0' } });
        try {
          await deliver(fresh, ...HISTORY);
          expect(await reports(other)).toEqual(await reports(fresh));
        } finally {
          await fresh.close();
        }
      } finally {
        await other.close();
      }
    });

    it('applies an event that arrives during a rebuild exactly once', async () => {
      const before = await salesTotals();
      const late = saleEvent(103, 1, 2, '2026-01-23T10:00:00.000Z', [[2, 10, '1.20']]);
      const [replayed, outcomes] = await Promise.all([rebuildReadModel(t.dataSource), deliver(t, late)]);
      expect(outcomes).toEqual(['APPLIED']);
      expect(replayed).toBeGreaterThan(0);
      const after = await salesTotals();
      expect(after.transactions).toBe((before.transactions as number) + 1);
      expect(after.units_sold).toBe((before.units_sold as number) + 10);
    });
  });
});
