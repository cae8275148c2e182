import { CatalogueProduct, CatalogueService } from '@app/catalogue';
import { OutboxEvent, OutboxRelay } from '@app/events';
import { TestApp, createTestApp, freePort } from '@app/testing';
import request from 'supertest';
import { ecommerceService } from '../../ecommerce/src/ecommerce.service';
import { retailService } from '../../retail/src/retail.service';
import { inventoryService } from '../src/inventory.service';

/**
 * Inventory's product events reach the services that keep a catalogue copy, at least once each,
 * whichever of them is down when the change happens; a redelivery changes nothing.
 */
describe('outbox relay: inventory → ecommerce and retail over TCP', () => {
  let inventory: TestApp;
  let ecommerce: TestApp;
  let retail: TestApp | undefined;
  let relay: OutboxRelay;
  let retailPort: number;

  beforeAll(async () => {
    const ecommercePort = await freePort();
    retailPort = await freePort();
    ecommerce = await createTestApp(ecommerceService, { listen: true, env: { TCP_PORT: String(ecommercePort) } });
    inventory = await createTestApp(inventoryService, {
      env: {
        ECOMMERCE_TCP_URL: `127.0.0.1:${ecommercePort}`,
        RETAIL_TCP_URL: `127.0.0.1:${retailPort}`,
        // Reporting stays down in this test: its copy of each event waits, as retail's did.
        REPORTING_TCP_URL: `127.0.0.1:${await freePort()}`,
      },
    });
    relay = inventory.app.get(OutboxRelay);
  });

  afterAll(async () => {
    await inventory.close();
    await ecommerce.close();
    await retail?.close();
  });

  it('prunes events every subscriber has acknowledged once they are older than the retention, and only those', async () => {
    const outbox = inventory.dataSource.getRepository(OutboxEvent);
    const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000);
    const event = (eventId: string, occurredAt: Date, pendingFor: string[]) =>
      outbox.insert({ eventId, type: 'test.pruning', version: 1, payload: {}, correlationId: null, occurredAt, pendingFor });
    // The default retention, OUTBOX_RETENTION_HOURS=168: a week.
    await event('00000000-0000-4000-8000-000000000001', hoursAgo(169), []);
    await event('00000000-0000-4000-8000-000000000002', hoursAgo(167), []);
    await event('00000000-0000-4000-8000-000000000003', hoursAgo(500), ['retail']);

    expect(await relay.prune()).toBe(1);

    const left = await outbox.find({ where: { type: 'test.pruning' }, order: { eventId: 'ASC' } });
    expect(left.map((row) => row.eventId.slice(-1))).toEqual(['2', '3']);
    await outbox.delete({ type: 'test.pruning' });
  });

  const outboxRow = async (productId: number) =>
    (await inventory.dataSource.getRepository(OutboxEvent).find({ order: { id: 'DESC' } })).find(
      (row) => (row.payload as { product_id: number }).product_id === productId,
    )!;
  const copyIn = (app: TestApp, productId: number) => app.dataSource.getRepository(CatalogueProduct).findOneBy({ productId });

  it('delivers to the subscriber that is up and keeps the event for the one that is down', async () => {
    const created = await request(inventory.http)
      .post('/api/v1/products')
      .send({ sku: 'RELAY-1', name: 'Relayed', price: '4.20' })
      .expect(201);
    const productId: number = created.body.id;

    expect(await relay.deliverPending()).toBe(1);

    expect(await copyIn(ecommerce, productId)).toMatchObject({ sku: 'RELAY-1', price: '4.20', active: true });
    const row = await outboxRow(productId);
    expect(row.pendingFor).toEqual(['retail', 'reporting']);
    expect(row.attempts).toBe(1);
    expect(row.lastError).toMatch(/^retail: .*; reporting: /);
    expect(row.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() - 1000);
  });

  it('delivers the rest once the subscriber is back', async () => {
    retail = await createTestApp(retailService, { listen: true, env: { TCP_PORT: String(retailPort) } });
    const productId = (await request(inventory.http).get('/api/v1/products?search=RELAY-1').expect(200)).body.data[0].id;
    // Skip the backoff wait.
    await inventory.dataSource.query('UPDATE outbox_events SET next_attempt_at = now()');

    expect(await relay.deliverPending()).toBe(1);

    expect(await copyIn(retail, productId)).toMatchObject({ sku: 'RELAY-1', price: '4.20' });
    expect((await outboxRow(productId)).pendingFor).toEqual(['reporting']);
    expect(await relay.deliverPending()).toBe(0);
  });

  it('changes nothing when an event is delivered again, and never lets an older version win', async () => {
    const productId = (await request(inventory.http).get('/api/v1/products?search=RELAY-1').expect(200)).body.data[0].id;
    await request(inventory.http).patch(`/api/v1/products/${productId}`).send({ price: '5.00' }).expect(200);
    await relay.deliverPending();
    expect(await copyIn(ecommerce, productId)).toMatchObject({ price: '5.00' });

    // Redeliver every event of this product, the older price last.
    const rows = await inventory.dataSource.getRepository(OutboxEvent).find({ order: { id: 'DESC' } });
    await inventory.dataSource.getRepository(OutboxEvent).update(
      rows.map((row) => row.id),
      { pendingFor: ['ecommerce'], nextAttemptAt: new Date(0) },
    );
    await relay.deliverPending();

    expect(await copyIn(ecommerce, productId)).toMatchObject({ price: '5.00' });
    expect(await ecommerce.dataSource.getRepository(CatalogueProduct).countBy({ productId })).toBe(1);
  });

  it('keeps pending, for that subscriber only, the event it could not apply and those after it', async () => {
    await inventory.dataSource.query(`UPDATE outbox_events SET pending_for = '{}'`);
    const catalogue = ecommerce.app.get(CatalogueService);
    const realApply = catalogue.apply.bind(catalogue);
    const failing = jest.spyOn(catalogue, 'apply').mockImplementation(async (manager, event) => {
      if (event.payload.sku === 'RELAY-FAILS') throw new Error('disk full');
      return realApply(manager, event);
    });
    try {
      const ids: number[] = [];
      for (const sku of ['RELAY-OK', 'RELAY-FAILS', 'RELAY-AFTER']) {
        ids.push(
          (await request(inventory.http).post('/api/v1/products').send({ sku, name: sku, price: '1.00' }).expect(201)).body.id,
        );
      }

      // ecommerce acknowledges the first; retail all three.
      expect(await relay.deliverPending()).toBe(4);

      const [ok, fails, after] = await Promise.all(ids.map(outboxRow));
      expect(ok.pendingFor).toEqual(['reporting']);
      expect([fails.pendingFor, after.pendingFor]).toEqual([
        ['ecommerce', 'reporting'],
        ['ecommerce', 'reporting'],
      ]);
      expect(fails.lastError).toMatch(new RegExp(`^ecommerce: ${fails.eventId}: disk full; reporting: `));
      expect(await copyIn(ecommerce, ids[0])).not.toBeNull();
      expect(await copyIn(ecommerce, ids[2])).toBeNull();
      expect(await copyIn(retail!, ids[2])).not.toBeNull();

      failing.mockRestore();
      await inventory.dataSource.query('UPDATE outbox_events SET next_attempt_at = now()');
      expect(await relay.deliverPending()).toBe(2);
      expect(await copyIn(ecommerce, ids[2])).toMatchObject({ sku: 'RELAY-AFTER' });
    } finally {
      failing.mockRestore();
    }
  });

  it('says on /metrics, per subscriber, how many events wait, how long the oldest has waited, and how deliveries went', async () => {
    await inventory.dataSource.query(`UPDATE outbox_events SET pending_for = '{}'`);
    const scrape = async () => {
      const text = (await request(inventory.http).get('/metrics').expect(200)).text;
      return (name: string, subscriber: string) => {
        const line = text.split('\n').find((l) => l.startsWith(`${name}{subscriber="${subscriber}"} `));
        return line === undefined ? undefined : Number(line.split(' ')[1]);
      };
    };
    const before = await scrape();
    expect(before('outbox_events_pending', 'reporting')).toBe(0);
    expect(before('outbox_oldest_pending_seconds', 'reporting')).toBe(0);

    const created = await request(inventory.http)
      .post('/api/v1/products')
      .send({ sku: 'RELAY-METRICS', name: 'Measured', price: '2.00' })
      .expect(201);
    const row = await outboxRow(created.body.id);
    await inventory.dataSource.query(`UPDATE outbox_events SET recorded_at = now() - interval '10 minutes' WHERE id = $1`, [
      row.id,
    ]);
    const waiting = await scrape();
    expect(['ecommerce', 'retail', 'reporting'].map((s) => waiting('outbox_events_pending', s))).toEqual([1, 1, 1]);
    expect(waiting('outbox_oldest_pending_seconds', 'reporting')).toBeGreaterThanOrEqual(600);

    // ecommerce and retail acknowledge it; reporting is down.
    expect(await relay.deliverPending()).toBe(2);

    const after = await scrape();
    expect(after('outbox_events_pending', 'ecommerce')).toBe(0);
    expect(after('outbox_oldest_pending_seconds', 'ecommerce')).toBe(0);
    expect(after('outbox_events_pending', 'reporting')).toBe(1);
    expect(after('outbox_oldest_pending_seconds', 'reporting')).toBeGreaterThanOrEqual(600);
    const counted = (name: string, subscriber: string) => after(name, subscriber)! - before(name, subscriber)!;
    expect(counted('outbox_events_delivered_total', 'ecommerce')).toBe(1);
    expect(counted('outbox_events_delivered_total', 'reporting')).toBe(0);
    expect(counted('outbox_delivery_failures_total', 'reporting')).toBe(1);
    expect(counted('outbox_delivery_failures_total', 'ecommerce')).toBe(0);
  });
});

const natsUrl = process.env.NATS_TEST_URL;
(natsUrl ? describe : describe.skip)('outbox relay over NATS', () => {
  const apps: TestApp[] = [];

  afterAll(async () => {
    for (const app of apps.reverse()) await app.close();
  });

  it('delivers to each subscriber (not to whichever answers first), keeping what a stopped one has not acknowledged', async () => {
    const env = { NATS_URL: natsUrl! };
    const inventory = await createTestApp(inventoryService, { env });
    const ecommerce = await createTestApp(ecommerceService, { listen: true, env });
    apps.push(inventory, ecommerce);
    const relay = inventory.app.get(OutboxRelay);
    const created = await request(inventory.http)
      .post('/api/v1/products')
      .send({ sku: 'NATS-1', name: 'Over NATS', price: '3.30' })
      .expect(201);
    const productId: number = created.body.id;

    expect(await relay.deliverPending()).toBe(1);
    expect(await ecommerce.dataSource.getRepository(CatalogueProduct).findOneBy({ productId })).toMatchObject({ price: '3.30' });
    const [row] = await inventory.dataSource.getRepository(OutboxEvent).find({ order: { id: 'DESC' }, take: 1 });
    expect(row.pendingFor).toEqual(['retail', 'reporting']);

    const retail = await createTestApp(retailService, { listen: true, env });
    apps.push(retail);
    await inventory.dataSource.query('UPDATE outbox_events SET next_attempt_at = now()');
    expect(await relay.deliverPending()).toBe(1);
    expect(await retail.dataSource.getRepository(CatalogueProduct).findOneBy({ productId })).toMatchObject({ price: '3.30' });
  });
});
