import { DEMO_LOCATIONS, DEMO_PRODUCTS } from '@app/catalogue';
import { RestockUpsertedV1, StockChangedV1, StockLevelV1 } from '@app/contracts';
import { EventInbox, OutboxEvent } from '@app/events';
import { TestApp, createTestApp } from '@app/testing';
import request from 'supertest';
import { inventoryService } from '../src/inventory.service';
import { ReservationsService } from '../src/reservations/reservations.service';
import { seedDemoData } from '../src/seed/demo-data';
import { givenCatalogue, givenStock, saleRecorded } from './fixtures';

/**
 * Inventory publishes every change of a stock level, of a location and of a restock request, in the
 * transaction of the change, for reporting's read model: one stock event per change, each level
 * carrying a version that goes up with every change.
 */
describe('inventory events for reporting', () => {
  let t: TestApp;
  let catalogue: Awaited<ReturnType<typeof givenCatalogue>>;
  let keys = 0;

  beforeAll(async () => {
    t = await createTestApp(inventoryService);
    catalogue = await givenCatalogue(t.dataSource, 2);
    await givenStock(t.dataSource, catalogue.products[0].id, catalogue.warehouse.id, 50);
    await givenStock(t.dataSource, catalogue.products[1].id, catalogue.warehouse.id, 50);
    await givenStock(t.dataSource, catalogue.products[0].id, catalogue.store.id, 10);
  });

  afterAll(() => t.close());

  const product = (n: number) => catalogue.products[n].id;
  const outboxSince = async (before: number) =>
    (await t.dataSource.getRepository(OutboxEvent).find({ order: { id: 'ASC' } })).slice(before);
  const outboxSize = () => t.dataSource.getRepository(OutboxEvent).count();
  const stockEvents = async (before: number) =>
    (await outboxSince(before))
      .filter((event) => event.type === 'inventory.stock.changed')
      .map((event) => ({ pendingFor: event.pendingFor, ...(event.payload as StockChangedV1) }));
  const level = (productId: number, locationId: number, on_hand: number, reserved: number, version: number): StockLevelV1 => ({
    product_id: productId,
    location_id: locationId,
    on_hand,
    reserved,
    reorder_level: 5,
    version,
  });

  it('publishes a stock adjustment for reporting, and nothing when it is refused', async () => {
    const before = await outboxSize();
    await request(t.http)
      .put(`/api/v1/stock/${product(1)}`)
      .send({ adjustment: 5 })
      .expect(200);
    await request(t.http)
      .put(`/api/v1/stock/${product(1)}`)
      .send({ quantity: 60 })
      .expect(200);
    await request(t.http)
      .put(`/api/v1/stock/${product(1)}`)
      .send({ adjustment: -1000 })
      .expect(409);
    const events = await stockEvents(before);
    expect(events.map(({ reason, levels, pendingFor }) => ({ reason, levels, pendingFor }))).toEqual([
      { reason: 'ADJUSTMENT', levels: [level(product(1), catalogue.warehouse.id, 55, 0, 1)], pendingFor: ['reporting'] },
      { reason: 'ADJUSTMENT', levels: [level(product(1), catalogue.warehouse.id, 60, 0, 2)], pendingFor: ['reporting'] },
    ]);
    expect(new Date(events[0].changed_at).getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it('publishes one event per reservation, release and commit, with all its lines', async () => {
    const reservations = t.app.get(ReservationsService);
    const key = (step: string) => `saga-r${++keys}:${step}`;
    const lines = [
      { product_id: product(0), quantity: 2 },
      { product_id: product(1), quantity: 3 },
    ];
    const before = await outboxSize();
    const first = key('RESERVE_STOCK');
    await reservations.reserve({ idempotency_key: first, holder: 'h', lines });
    await reservations.release({ idempotency_key: key('RELEASE_STOCK'), reservation_key: first });
    const second = key('RESERVE_STOCK');
    await reservations.reserve({ idempotency_key: second, holder: 'h', lines });
    await reservations.commit({ idempotency_key: key('CONFIRM'), reservation_key: second });
    // Refused (not enough stock): no event.
    await reservations.reserve({
      idempotency_key: key('RESERVE_STOCK'),
      holder: 'h',
      lines: [{ product_id: product(0), quantity: 999 }],
    });
    const wh = catalogue.warehouse.id;
    expect((await stockEvents(before)).map(({ reason, levels }) => ({ reason, levels }))).toEqual([
      { reason: 'RESERVATION', levels: [level(product(0), wh, 50, 2, 1), level(product(1), wh, 60, 3, 3)] },
      { reason: 'RELEASE', levels: [level(product(0), wh, 50, 0, 2), level(product(1), wh, 60, 0, 4)] },
      { reason: 'RESERVATION', levels: [level(product(0), wh, 50, 2, 3), level(product(1), wh, 60, 3, 5)] },
      { reason: 'COMMIT', levels: [level(product(0), wh, 48, 0, 4), level(product(1), wh, 57, 0, 6)] },
    ]);
  });

  it('publishes the store shelf after a till sale and a return, not for imported history', async () => {
    const inbox = t.app.get(EventInbox);
    const sale = (imported: boolean) => saleRecorded(catalogue.store.id, product(0), 3, { imported });
    const before = await outboxSize();
    await inbox.apply(sale(true));
    await inbox.apply(sale(false));
    await inbox.apply({
      ...sale(false),
      type: 'retail.sale.returned',
      payload: {
        return_id: 1,
        sale_id: 1,
        store_id: 1,
        location_id: catalogue.store.id,
        lines: [{ product_id: product(0), quantity: 1, refund: '9.99' }],
        total_refund: '9.99',
        returned_at: new Date().toISOString(),
        imported: false,
      },
    });
    expect((await stockEvents(before)).map(({ reason, levels }) => ({ reason, levels }))).toEqual([
      { reason: 'SALE', levels: [level(product(0), catalogue.store.id, 7, 0, 1)] },
      { reason: 'RETURN', levels: [level(product(0), catalogue.store.id, 8, 0, 2)] },
    ]);
  });

  it('publishes restock requests as they are opened and decided, and the units an approval moves', async () => {
    const before = await outboxSize();
    const opened = (
      await request(t.http)
        .post('/api/v1/restock-requests')
        .send({ product_id: product(0), location_id: catalogue.store.id, quantity: 4 })
        .expect(201)
    ).body;
    await request(t.http).post(`/api/v1/restock-requests/${opened.id}/approve`).send({}).expect(200);
    const rejected = (
      await request(t.http)
        .post('/api/v1/restock-requests')
        .send({ product_id: product(1), location_id: catalogue.store.id, quantity: 1000 })
        .expect(201)
    ).body;
    await request(t.http).post(`/api/v1/restock-requests/${rejected.id}/approve`).send({}).expect(409);
    await request(t.http).post(`/api/v1/restock-requests/${rejected.id}/reject`).send({}).expect(200);
    const events = await outboxSince(before);
    expect(events.map((event) => event.type)).toEqual([
      'inventory.restock.upserted',
      'inventory.stock.changed',
      'inventory.restock.upserted',
      'inventory.restock.upserted',
      'inventory.restock.upserted',
    ]);
    expect(events.map((event) => (event.payload as RestockUpsertedV1).status ?? null)).toEqual([
      'PENDING',
      null,
      'APPROVED',
      'PENDING',
      'REJECTED',
    ]);
    expect(events[0].payload).toEqual({
      restock_request_id: opened.id,
      product_id: product(0),
      location_id: catalogue.store.id,
      quantity: 4,
      status: 'PENDING',
      requested_at: opened.created_at,
      decided_at: null,
    });
    expect((events[1].payload as StockChangedV1).levels).toEqual([
      level(product(0), catalogue.warehouse.id, 44, 0, 5),
      level(product(0), catalogue.store.id, 12, 0, 3),
    ]);
    expect((events[1].payload as StockChangedV1).reason).toBe('RESTOCK');
    expect(events.every((event) => event.pendingFor.join() === 'reporting')).toBe(true);
  });

  it('publishes locations as they are created and renamed', async () => {
    const before = await outboxSize();
    const created = (
      await request(t.http).post('/api/v1/locations').send({ code: 'ST-EVT', name: 'Evented', type: 'STORE' }).expect(201)
    ).body;
    await request(t.http).patch(`/api/v1/locations/${created.id}`).send({ name: 'Renamed' }).expect(200);
    await request(t.http).post('/api/v1/locations').send({ code: 'ST-EVT', name: 'Twice', type: 'STORE' }).expect(409);
    expect((await outboxSince(before)).map((event) => [event.type, event.payload, event.pendingFor])).toEqual([
      ['inventory.location.upserted', { location_id: created.id, code: 'ST-EVT', name: 'Evented', type: 'STORE' }, ['reporting']],
      ['inventory.location.upserted', { location_id: created.id, code: 'ST-EVT', name: 'Renamed', type: 'STORE' }, ['reporting']],
    ]);
  });

  it('publishes the demo locations, stock and pending restock requests it loads', async () => {
    const demo = await createTestApp(inventoryService);
    try {
      await seedDemoData(demo.dataSource);
      const events = await demo.dataSource.getRepository(OutboxEvent).find({ order: { id: 'ASC' } });
      const ofType = (type: string) => events.filter((event) => event.type === type);
      expect(ofType('inventory.location.upserted')).toHaveLength(DEMO_LOCATIONS.length);
      const levels = ofType('inventory.stock.changed').flatMap((event) => (event.payload as StockChangedV1).levels);
      expect(levels).toHaveLength(DEMO_LOCATIONS.length * DEMO_PRODUCTS.length);
      const [{ on_hand }] = await demo.dataSource.query('SELECT sum(on_hand)::int AS on_hand FROM stock_levels');
      expect(levels.reduce((sum, l) => sum + l.on_hand, 0)).toBe(on_hand);
      const restocks = ofType('inventory.restock.upserted').map((event) => event.payload as RestockUpsertedV1);
      expect(restocks.length).toBeGreaterThan(0);
      expect(restocks.every((r) => r.status === 'PENDING')).toBe(true);
      const pending = await request(demo.http).get('/api/v1/restock-requests?status=PENDING').expect(200);
      expect(pending.body.total).toBe(restocks.length);
    } finally {
      await demo.close();
    }
  });
});
