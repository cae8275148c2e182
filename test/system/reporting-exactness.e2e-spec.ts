import { cents, money } from '@app/contracts';
import { OutboxRelay } from '@app/events';
import { TestApp, TestDatabase, createTestApp, createTestDatabase, freePort } from '@app/testing';
import request from 'supertest';
import { ecommerceService } from '../../apps/ecommerce/src/ecommerce.service';
import { BILLING, SHIPPING } from '../../apps/ecommerce/test/fixtures';
import { inventoryService } from '../../apps/inventory/src/inventory.service';
import { rebuildReadModel } from '../../apps/reporting/src/read-model/rebuild';
import { reportingDatabase } from '../../apps/reporting/src/reporting.database';
import { reportingService } from '../../apps/reporting/src/reporting.service';
import { retailService } from '../../apps/retail/src/retail.service';
import { sagaOrchestratorService } from '../../apps/saga-orchestrator/src/saga-orchestrator.service';
import { FAST_SAGAS } from '../../apps/saga-orchestrator/test/order-system';

jest.setTimeout(180_000);

type Line = { product_id: number; quantity: number; line_total?: string; refund?: string };
type Sale = { id: number; store_id: number; total: string; lines: Line[] };
type Return = { store_id: number; total_refund: string; lines: Line[] };
type Order = { total: string; lines: Line[] };

const DAY_MS = 24 * 3600 * 1000;
const day = (offset: number) => new Date(Date.now() + offset * DAY_MS).toISOString().slice(0, 10);
/** Around today, whatever midnight the test runs across. */
const PERIOD = () => `from=${day(-1)}&to=${day(1)}`;

/** Deterministic choices, so that a failure can be replayed. */
function seeded(seed: number) {
  let state = seed;
  return (n: number) => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state % n;
  };
}

/**
 * Reporting's totals equal the sums of the source services' own APIs, exactly: after a burst of till
 * sales, returns and online orders (through the real saga); after reporting was stopped during a burst
 * and started again (the events waited in the producers' outboxes); after rebuilding the read model.
 * Every service is the real app on its own database; events travel over TCP through the real relays.
 */
describe('reporting totals equal the source services', () => {
  const ports = { inventory: 0, ecommerce: 0, retail: 0, reporting: 0 };
  let reportingDb: TestDatabase;
  let inventory: TestApp;
  let ecommerce: TestApp;
  let retail: TestApp;
  let orchestrator: TestApp;
  let reporting: TestApp | undefined;
  const productIds: number[] = [];
  const stores: Array<{ id: number; registerId: number }> = [];
  let customerId: number;
  const pick = seeded(20_261_121);

  const addresses = () => ({
    INVENTORY_TCP_URL: `127.0.0.1:${ports.inventory}`,
    ECOMMERCE_TCP_URL: `127.0.0.1:${ports.ecommerce}`,
    RETAIL_TCP_URL: `127.0.0.1:${ports.retail}`,
    REPORTING_TCP_URL: `127.0.0.1:${ports.reporting}`,
  });
  const start = (definition: Parameters<typeof createTestApp>[0], port: number, env: Record<string, string> = {}) =>
    createTestApp(definition, { listen: true, env: { ...addresses(), TCP_PORT: String(port), ...env } });

  const startReporting = async () => {
    reporting = await createTestApp(reportingService, {
      listen: true,
      database: reportingDb,
      env: { TCP_PORT: String(ports.reporting), REPORT_CACHE_TTL_SECONDS: '0' },
    });
  };
  const stopReporting = async () => {
    await reporting?.app.close();
    reporting = undefined;
  };

  /** Every producer's relay, until nothing more is acknowledged (a stopped consumer's events stay pending). */
  const drain = async () => {
    for (let pass = 0; pass < 100; pass++) {
      let acknowledged = 0;
      for (const producer of [inventory, retail, ecommerce]) {
        await producer.dataSource.query('UPDATE outbox_events SET next_attempt_at = now() WHERE cardinality(pending_for) > 0');
        acknowledged += await producer.app.get(OutboxRelay).deliverPending();
      }
      if (acknowledged === 0) return;
    }
    throw new Error('the outboxes do not drain');
  };
  const pendingForReporting = async () => {
    let pending = 0;
    for (const producer of [inventory, retail, ecommerce]) {
      const [{ n }] = await producer.dataSource.query(
        `SELECT count(*) AS n FROM outbox_events WHERE 'reporting' = ANY(pending_for)`,
      );
      pending += Number(n);
    }
    return pending;
  };

  const post = async (app: TestApp, path: string, body: object, status = 201) =>
    (await request(app.http).post(`/api/v1${path}`).send(body).expect(status)).body;
  const all = async <T>(app: TestApp, path: string): Promise<T[]> => {
    const items: T[] = [];
    for (;;) {
      const separator = path.includes('?') ? '&' : '?';
      const { body } = await request(app.http).get(`/api/v1${path}${separator}limit=100&offset=${items.length}`).expect(200);
      items.push(...body.data);
      if (items.length >= body.total) return items;
    }
  };

  /** Till sales, returns of some of them and online orders, `concurrency` at a time. */
  async function burst(sales: number, orders: number): Promise<void> {
    const sold: Sale[] = [];
    const sell = async () => {
      const store = stores[pick(stores.length)];
      const lines = [...new Set([pick(productIds.length), pick(productIds.length)])].map((i) => ({
        product_id: productIds[i],
        quantity: 1 + pick(4),
      }));
      sold.push(await post(retail, '/sales', { store_id: store.id, register_id: store.registerId, lines }));
    };
    const order = async (n: number) => {
      const products = [{ product_id: productIds[pick(productIds.length)], quantity: 1 + pick(3) }];
      const { saga_id } = await request(orchestrator.http)
        .post(`/api/v1/customers/${customerId}/order-processing`)
        .set('Idempotency-Key', `burst-${Date.now()}-${n}`)
        .send({ products, shipping_address: SHIPPING, billing_address: BILLING, payment_method: 'credit_card' })
        .expect(202)
        .then((response) => response.body);
      const saga = await request(orchestrator.http).get(`/api/v1/sagas/${saga_id}?wait_seconds=20`).expect(200);
      expect(saga.body.status).toBe('COMPLETED');
    };
    const work = [...Array.from({ length: sales }, () => sell), ...Array.from({ length: orders }, (_, n) => () => order(n))];
    for (let i = 0; i < work.length; i += 8) await Promise.all(work.slice(i, i + 8).map((task) => task()));
    for (const sale of sold.filter((_, i) => i % 4 === 0)) {
      const line = sale.lines[0];
      await post(retail, '/returns', { sale_id: sale.id, lines: [{ product_id: line.product_id, quantity: 1 }] });
    }
  }

  /** What the sources say, in cents and units. */
  async function sourceFigures() {
    const sales = await all<Sale>(retail, '/sales');
    const returns = await all<Return>(retail, '/returns');
    const orders = await all<Order>(ecommerce, '/orders?status=CONFIRMED');
    const sumOf = (items: Array<{ total?: string; total_refund?: string }>) =>
      money(items.reduce((sum, item) => sum + cents(item.total ?? item.total_refund ?? '0'), 0n));
    const unitsOf = (items: Array<{ lines: Line[] }>) =>
      items.reduce((sum, item) => sum + item.lines.reduce((units, line) => units + line.quantity, 0), 0);
    const products = new Map<number, { gross: bigint; refunds: bigint; sold: number; returned: number }>();
    const product = (id: number) =>
      products.get(id) ?? products.set(id, { gross: 0n, refunds: 0n, sold: 0, returned: 0 }).get(id)!;
    for (const item of [...sales, ...orders]) {
      for (const line of item.lines) {
        product(line.product_id).gross += cents(line.line_total!);
        product(line.product_id).sold += line.quantity;
      }
    }
    for (const item of returns) {
      for (const line of item.lines) {
        product(line.product_id).refunds += cents(line.refund!);
        product(line.product_id).returned += line.quantity;
      }
    }
    return {
      in_store: { gross_revenue: sumOf(sales), units_sold: unitsOf(sales), transactions: sales.length },
      online: { gross_revenue: sumOf(orders), units_sold: unitsOf(orders), transactions: orders.length },
      refunds: sumOf(returns),
      units_returned: unitsOf(returns),
      returns: returns.length,
      stores: stores.map(({ id }) => ({
        store_id: id,
        gross_revenue: sumOf(sales.filter((s) => s.store_id === id)),
        refunds: sumOf(returns.filter((r) => r.store_id === id)),
        transactions: sales.filter((s) => s.store_id === id).length,
      })),
      products: [...products]
        .sort(([a], [b]) => a - b)
        .map(([product_id, p]) => ({
          product_id,
          net_revenue: money(p.gross - p.refunds),
          net_units: p.sold - p.returned,
        })),
    };
  }

  async function expectReportsToEqualTheSources(): Promise<void> {
    const source = await sourceFigures();
    const { body } = await request(reporting!.http).get(`/api/v1/reports/sales?${PERIOD()}`).expect(200);
    const gross = cents(source.in_store.gross_revenue) + cents(source.online.gross_revenue);
    expect(body.totals).toMatchObject({
      gross_revenue: money(gross),
      refunds: source.refunds,
      net_revenue: money(gross - cents(source.refunds)),
      units_sold: source.in_store.units_sold + source.online.units_sold,
      units_returned: source.units_returned,
      transactions: source.in_store.transactions + source.online.transactions,
      returns: source.returns,
    });
    expect(body.by_channel).toEqual([
      expect.objectContaining({ channel: 'in_store', ...source.in_store }),
      expect.objectContaining({ channel: 'online', ...source.online }),
    ]);
    expect(body.by_store.map((s: Record<string, unknown>) => ({ ...s }))).toEqual(
      source.stores.map((store) => expect.objectContaining(store)),
    );
    expect(
      body.by_product
        .map(({ product_id, net_revenue, net_units }: Record<string, unknown>) => ({ product_id, net_revenue, net_units }))
        .sort((a: { product_id: number }, b: { product_id: number }) => a.product_id - b.product_id),
    ).toEqual(source.products);

    // Stock: every level as inventory holds it, valued at inventory's prices.
    const levels = await all<{ product_id: number; location_id: number; on_hand: number; reserved: number }>(inventory, '/stock');
    const prices = new Map(
      (await all<{ id: number; price: string }>(inventory, '/products')).map((product) => [product.id, cents(product.price)]),
    );
    const report = (await request(reporting!.http).get('/api/v1/reports/inventory?limit=100').expect(200)).body;
    const key = (l: { product_id: number; location_id: number }) => `${l.product_id}@${l.location_id}`;
    expect(Object.fromEntries(report.levels.data.map((l: (typeof levels)[number]) => [key(l), [l.on_hand, l.reserved]]))).toEqual(
      Object.fromEntries(levels.map((l) => [key(l), [l.on_hand, l.reserved]])),
    );
    expect(report.totals.stock_value).toBe(
      money(levels.reduce((sum, l) => sum + prices.get(l.product_id)! * BigInt(l.on_hand), 0n)),
    );
    const pending = await request(inventory.http).get('/api/v1/restock-requests?status=PENDING').expect(200);
    expect(report.open_restock_requests.total).toBe(pending.body.total);

    const metrics = (await request(reporting!.http).get('/metrics').expect(200)).text;
    expect(metrics).toContain(`total_orders_created{channel="in_store"} ${source.in_store.transactions}`);
    expect(metrics).toContain(`total_orders_created{channel="online"} ${source.online.transactions}`);
  }

  /** Every report, without the time it was computed. */
  async function snapshot() {
    const bodies = [];
    for (const path of [
      `/reports/sales?${PERIOD()}`,
      '/reports/inventory?limit=100',
      `/reports/performance?${PERIOD()}`,
      `/analytics/trends?${PERIOD()}`,
    ]) {
      const { body } = await request(reporting!.http).get(`/api/v1${path}`).expect(200);
      delete body.generated_at;
      bodies.push(body);
    }
    return bodies;
  }

  beforeAll(async () => {
    for (const name of Object.keys(ports) as Array<keyof typeof ports>) ports[name] = await freePort();
    reportingDb = await createTestDatabase(reportingDatabase);
    await startReporting();
    inventory = await start(inventoryService, ports.inventory);
    ecommerce = await start(ecommerceService, ports.ecommerce);
    retail = await start(retailService, ports.retail);
    orchestrator = await createTestApp(sagaOrchestratorService, { env: { ...FAST_SAGAS, ...addresses() } });

    // The catalogue, locations and stock through inventory's API: its events reach everyone else.
    const category = await post(inventory, '/categories', { name: 'System test' });
    const warehouse = await post(inventory, '/locations', { code: 'WH-SYS', name: 'Warehouse', type: 'WAREHOUSE' });
    const shelves = [
      await post(inventory, '/locations', { code: 'ST-SYS-1', name: 'Shelf 1', type: 'STORE' }),
      await post(inventory, '/locations', { code: 'ST-SYS-2', name: 'Shelf 2', type: 'STORE' }),
    ];
    const prices = ['1.15', '2.49', '3.33', '0.99', '12.05'];
    for (const [i, price] of prices.entries()) {
      const product = await post(inventory, '/products', {
        sku: `SYS-${i}`,
        name: `System ${i}`,
        price,
        category_id: category.id,
      });
      productIds.push(product.id);
      for (const location of [warehouse, ...shelves]) {
        await request(inventory.http)
          .put(`/api/v1/stock/${product.id}`)
          .send({ location_id: location.id, quantity: 1000, reorder_level: 5 })
          .expect(200);
      }
    }
    const request1 = await post(inventory, '/restock-requests', {
      product_id: productIds[0],
      location_id: shelves[0].id,
      quantity: 20,
    });
    await post(inventory, '/restock-requests', { product_id: productIds[1], location_id: shelves[1].id, quantity: 30 });
    await request(inventory.http).post(`/api/v1/restock-requests/${request1.id}/approve`).send({}).expect(200);
    for (const [i, shelf] of shelves.entries()) {
      const store = await post(retail, '/stores', { code: `SYS-${i}`, name: `Store ${i}`, location_id: shelf.id });
      const register = await post(retail, '/cash-registers', { store_id: store.id, code: 'POS-1' });
      stores.push({ id: store.id, registerId: register.id });
    }
    customerId = (await post(ecommerce, '/customers', { name: 'Analyst', email: 'analyst@example.com' })).id;
    await drain();
  });

  afterAll(async () => {
    await orchestrator?.close();
    await retail?.close();
    await ecommerce?.close();
    await inventory?.close();
    await stopReporting();
    await reportingDb?.drop();
  });

  it('after a burst of sales, returns and orders', async () => {
    await burst(40, 8);
    await drain();
    expect(await pendingForReporting()).toBe(0);
    await expectReportsToEqualTheSources();
  });

  it('after reporting was stopped during a burst and started again', async () => {
    // Stopped while the relays are delivering: whatever was in flight is either applied or redelivered.
    await Promise.all([drain(), stopReporting()]);
    await burst(30, 6);
    await drain();
    expect(await pendingForReporting()).toBeGreaterThan(0);
    await startReporting();
    await drain();
    expect(await pendingForReporting()).toBe(0);
    await expectReportsToEqualTheSources();
  });

  it('after rebuilding the read model from its event log', async () => {
    const before = await snapshot();
    await reporting!.dataSource.query('TRUNCATE sales, sale_lines, returns, return_lines, stock_levels, channel_totals');
    expect(await snapshot()).not.toEqual(before);
    await rebuildReadModel(reporting!.dataSource);
    expect(await snapshot()).toEqual(before);
    await expectReportsToEqualTheSources();
  });
});
