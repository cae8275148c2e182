import { OrderConfirmedV1 } from '@app/contracts';
import { OutboxEvent } from '@app/events';
import { withDataSource } from '@app/persistence';
import { TestApp, createTestApp, createTestDatabase } from '@app/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ecommerceDatabase } from '../src/ecommerce.database';
import { ecommerceService } from '../src/ecommerce.service';
import { Order } from '../src/orders/order.entity';
import { seedDemoData } from '../src/seed/demo-data';

const DAY_MS = 24 * 3600 * 1000;

async function orders(dataSource: DataSource) {
  return (
    await dataSource.getRepository(Order).find({ relations: { lines: true }, order: { id: 'ASC', lines: { productId: 'ASC' } } })
  ).map(({ updatedAt, ...order }) => order);
}

describe('Demo data: online order history', () => {
  let t: TestApp;
  const now = new Date();

  beforeAll(async () => {
    t = await createTestApp(ecommerceService);
    await seedDemoData(t.dataSource, now);
  });

  afterAll(() => t.close());

  it('confirms two to six orders a day over the 30 days ending now, with their payments and shipments', async () => {
    const history = await orders(t.dataSource);
    expect(history.length).toBeGreaterThan(60);
    expect(history.every((order) => order.status === 'CONFIRMED')).toBe(true);
    expect(history.every((order) => order.createdAt <= now && order.createdAt.getTime() > now.getTime() - 30 * DAY_MS)).toBe(
      true,
    );
    const [counts] = await t.dataSource.query(`
      SELECT (SELECT count(*) FROM order_lines WHERE line_total <> unit_price * quantity)::int AS bad_lines,
             (SELECT count(*) FROM orders o WHERE total <> (SELECT sum(line_total) FROM order_lines WHERE order_id = o.id))::int AS bad_totals,
             (SELECT count(*) FROM orders o WHERE NOT EXISTS (
                SELECT 1 FROM payments p WHERE p.order_id = o.id AND p.amount = o.total AND p.status = 'COMPLETED'))::int AS unpaid,
             (SELECT count(*) FROM orders o WHERE NOT EXISTS (SELECT 1 FROM shipments s WHERE s.order_id = o.id))::int AS unshipped`);
    expect(counts).toEqual({ bad_lines: 0, bad_totals: 0, unpaid: 0, unshipped: 0 });
    const detail = await request(t.http).get(`/api/v1/orders/${history[0].id}`).expect(200);
    expect(detail.body).toMatchObject({
      status: 'CONFIRMED',
      payment: { status: 'COMPLETED' },
      shipment: { status: 'PREPARING' },
    });
  });

  it('pages the history through GET /api/v1/orders: whole orders, newest first, the right total', async () => {
    const history = await orders(t.dataSource);
    const page = await request(t.http).get('/api/v1/orders?limit=20&offset=20').expect(200);
    expect(page.body.total).toBe(history.length);
    const newestFirst = [...history].reverse();
    expect(page.body.data.map((order: { id: number }) => order.id)).toEqual(newestFirst.slice(20, 40).map((order) => order.id));
    expect(page.body.data.map((order: { lines: unknown[] }) => order.lines.length)).toEqual(
      newestFirst.slice(20, 40).map((order) => order.lines.length),
    );
  });

  it('publishes each order as confirmed, for reporting, at its historical time', async () => {
    const history = await orders(t.dataSource);
    const events = await t.dataSource
      .getRepository(OutboxEvent)
      .find({ where: { type: 'ecommerce.order.confirmed' }, order: { id: 'ASC' } });
    expect(events.map((event) => (event.payload as OrderConfirmedV1).order_id)).toEqual(history.map((order) => order.id));
    events.forEach((event, i) => {
      expect(event.pendingFor).toEqual(['reporting']);
      expect(event.occurredAt).toEqual(history[i].createdAt);
      expect(event.payload).toMatchObject({ total: history[i].total, confirmed_at: history[i].createdAt.toISOString() });
    });
  });

  it('writes the same history on every fresh database, and nothing when run again', async () => {
    const seeded = await orders(t.dataSource);
    await seedDemoData(t.dataSource, now);
    expect(await orders(t.dataSource)).toEqual(seeded);
    const other = await createTestDatabase(ecommerceDatabase);
    try {
      const again = await withDataSource(ecommerceDatabase, other.url, async (dataSource) => {
        await seedDemoData(dataSource, now);
        return orders(dataSource);
      });
      expect(again.map(({ createdAt, ...order }) => order)).toEqual(seeded.map(({ createdAt, ...order }) => order));
    } finally {
      await other.drop();
    }
  });
});
