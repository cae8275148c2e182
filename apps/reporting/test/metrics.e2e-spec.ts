import { TestApp, TestDatabase, createTestApp, createTestDatabase } from '@app/testing';
import request from 'supertest';
import { reportingDatabase } from '../src/reporting.database';
import { reportingService } from '../src/reporting.service';
import { HISTORY, deliver, saleEvent, stockEvent } from './fixtures';

/** `name{labels} value` lines of the business metrics, as a map. */
async function businessMetrics(t: TestApp): Promise<Record<string, number>> {
  const { text } = await request(t.http).get('/metrics').expect(200);
  const lines = text
    .split('\n')
    .filter((line) => /^(total_orders_created|total_products_sold|inventory_low_stock_alerts|average_order_value)\b/.test(line));
  return Object.fromEntries(
    lines.map((line) => [line.slice(0, line.lastIndexOf(' ')), Number(line.slice(line.lastIndexOf(' ') + 1))]),
  );
}

describe('business metrics on /metrics', () => {
  let database: TestDatabase;
  let t: TestApp;

  beforeAll(async () => {
    database = await createTestDatabase(reportingDatabase);
    t = await createTestApp(reportingService, { database });
    await deliver(t, ...HISTORY);
  });

  afterAll(async () => {
    await t.app.close();
    await database.drop();
  });

  const AFTER_HISTORY = {
    'total_orders_created{channel="in_store"}': 4,
    'total_orders_created{channel="online"}': 1,
    'total_products_sold{channel="in_store"}': 13,
    'total_products_sold{channel="online"}': 4,
    inventory_low_stock_alerts: 3,
    'average_order_value{channel="in_store"}': 7.68,
    'average_order_value{channel="online"}': 10,
    'average_order_value{channel="all"}': 8.14,
  };

  it('declares counters and gauges under the seed names', async () => {
    const { text } = await request(t.http).get('/metrics').expect(200);
    expect(text).toContain('# TYPE total_orders_created counter');
    expect(text).toContain('# TYPE total_products_sold counter');
    expect(text).toContain('# TYPE inventory_low_stock_alerts gauge');
    expect(text).toContain('# TYPE average_order_value gauge');
    expect(text).toContain('# TYPE top_products_units_sold gauge');
  });

  it('lists the best sellers by units sold on both channels, before returns', async () => {
    const { text } = await request(t.http).get('/metrics').expect(200);
    const top = [...text.matchAll(/^top_products_units_sold\{product_id="(\d+)",name="[^"]+"\} (\d+)$/gm)].map(
      ([, id, units]) => [Number(id), Number(units)],
    );
    // product 1: 2 + 1 in store, 4 online; product 2: 5 + 1; product 3: 1 + 3 (its return does not count)
    expect(top.sort((a, b) => a[0] - b[0])).toEqual([
      [1, 7],
      [2, 6],
      [3, 4],
    ]);
  });

  it('reads them from the read model', async () => {
    expect(await businessMetrics(t)).toEqual(AFTER_HISTORY);
  });

  it('has them right at once after a restart', async () => {
    await t.app.close();
    t = await createTestApp(reportingService, { database });
    expect(await businessMetrics(t)).toEqual(AFTER_HISTORY);
  });

  it('follows new events', async () => {
    await deliver(t, saleEvent(50, 1, 2, '2026-02-01T10:00:00.000Z', [[3, 2, '4.00']]), stockEvent([[3, 3, 40, 0, 10, 2]]));
    expect(await businessMetrics(t)).toMatchObject({
      'total_orders_created{channel="in_store"}': 5,
      'total_products_sold{channel="in_store"}': 15,
      inventory_low_stock_alerts: 2,
      'average_order_value{channel="in_store"}': 7.74,
    });
  });
});
