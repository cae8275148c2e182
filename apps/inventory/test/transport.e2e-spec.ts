import { CheckStockReply, InventoryPatterns } from '@app/contracts';
import { TestApp, createTestApp } from '@app/testing';
import { ClientProxy, ClientProxyFactory, Transport } from '@nestjs/microservices';
import { lastValueFrom } from 'rxjs';
import { ReservationsService } from '../src/reservations/reservations.service';
import { inventoryService } from '../src/inventory.service';
import { givenCatalogue, givenStock } from './fixtures';

const send = <T>(client: ClientProxy, pattern: string, payload: unknown) => lastValueFrom(client.send<T>(pattern, payload));

describe('inventory message handlers over TCP', () => {
  let t: TestApp;
  let client: ClientProxy;
  let catalogue: Awaited<ReturnType<typeof givenCatalogue>>;

  beforeAll(async () => {
    t = await createTestApp(inventoryService, { listen: true });
    catalogue = await givenCatalogue(t.dataSource, 1);
    await givenStock(t.dataSource, catalogue.products[0].id, catalogue.warehouse.id, 5);
    client = ClientProxyFactory.create({ transport: Transport.TCP, options: { host: '127.0.0.1', port: t.config.tcpPort } });
    await client.connect();
  });

  afterAll(async () => {
    await client.close();
    await t.close();
  });

  it('answers check stock', async () => {
    const reply = await send<CheckStockReply>(client, InventoryPatterns.checkStock, {
      lines: [{ product_id: catalogue.products[0].id, quantity: 6 }],
    });
    expect(reply).toEqual({
      location_id: catalogue.warehouse.id,
      all_available: false,
      lines: [{ product_id: catalogue.products[0].id, requested: 6, available: 5 }],
    });
  });

  it('reserves, replays and releases with idempotency keys', async () => {
    const reserve = {
      idempotency_key: 'tcp-saga:RESERVE_STOCK',
      holder: 'tcp-saga',
      lines: [{ product_id: catalogue.products[0].id, quantity: 2 }],
    };
    const first = await send(client, InventoryPatterns.reserveStock, reserve);
    expect(first).toMatchObject({ outcome: 'RESERVED' });
    expect(await send(client, InventoryPatterns.reserveStock, reserve)).toEqual(first);
    const lookup = await send(client, InventoryPatterns.getReservation, { reservation_key: reserve.idempotency_key });
    expect(lookup).toMatchObject({ found: true, reservation: { status: 'ACTIVE' } });
    const release = await send(client, InventoryPatterns.releaseStock, {
      idempotency_key: 'tcp-saga:RELEASE_STOCK',
      reservation_key: reserve.idempotency_key,
    });
    expect(release).toMatchObject({ outcome: 'RELEASED' });
  });

  it.each([
    [InventoryPatterns.reserveStock, { holder: 'x', lines: [{ product_id: 1, quantity: 1 }] }, 'idempotency_key'],
    [InventoryPatterns.reserveStock, { idempotency_key: 'k', holder: 'x', lines: [] }, 'lines'],
    [InventoryPatterns.checkStock, { lines: [{ product_id: 1, quantity: 0 }] }, 'lines.0.quantity'],
    [InventoryPatterns.checkStock, { lines: [{ product_id: 1, quantity: 1 }], extra: true }, 'extra'],
    [
      InventoryPatterns.reserveStock,
      { idempotency_key: ' ', holder: 'x', lines: [{ product_id: 1, quantity: 1 }] },
      'idempotency_key',
    ],
    [InventoryPatterns.reserveStock, { idempotency_key: 'k', holder: '\t', lines: [{ product_id: 1, quantity: 1 }] }, 'holder'],
    [
      InventoryPatterns.reserveStock,
      { idempotency_key: 'k', holder: 'x', lines: [{ product_id: 1, quantity: 1 }], ttl_seconds: 'Infinity' },
      'ttl_seconds',
    ],
    [InventoryPatterns.releaseStock, { idempotency_key: 'k', reservation_key: '   ' }, 'reservation_key'],
    [InventoryPatterns.commitReservation, { idempotency_key: '\u00a0', reservation_key: 'r' }, 'idempotency_key'],
    [InventoryPatterns.getReservation, { reservation_key: ' ' }, 'reservation_key'],
    [InventoryPatterns.checkStock, { lines: [{ product_id: 'NaN', quantity: 1 }] }, 'lines.0.product_id'],
    [InventoryPatterns.checkStock, { lines: [{ product_id: 1, quantity: 'Infinity' }] }, 'lines.0.quantity'],
  ])('%s rejects %j naming %s', async (pattern, payload, field) => {
    await expect(send(client, pattern, payload)).rejects.toMatchObject({
      status_code: 400,
      code: 'VALIDATION_FAILED',
      errors: expect.arrayContaining([expect.objectContaining({ field })]),
    });
  });
});

/**
 * NATS runs on the development and CI machines, not on every laptop: set NATS_TEST_URL
 * (e.g. nats://127.0.0.1:4222) to run this part; `.ci/run` does.
 */
const natsUrl = process.env.NATS_TEST_URL;
(natsUrl ? describe : describe.skip)('inventory message handlers over NATS, two instances in one queue group', () => {
  let instances: TestApp[];
  let client: ClientProxy;
  let productId: number;

  beforeAll(async () => {
    const first = await createTestApp(inventoryService, { listen: true, env: { NATS_URL: natsUrl! } });
    const catalogue = await givenCatalogue(first.dataSource, 1);
    productId = catalogue.products[0].id;
    await givenStock(first.dataSource, productId, catalogue.warehouse.id, 1000);
    // A second instance on the same database, as a second replica would be.
    const second = await createTestApp(inventoryService, { listen: true, env: { NATS_URL: natsUrl! }, database: first.database });
    instances = [first, second];
    client = ClientProxyFactory.create({ transport: Transport.NATS, options: { servers: [natsUrl!] } });
    await client.connect();
  });

  afterAll(async () => {
    await client?.close();
    for (const instance of instances?.reverse() ?? []) await instance.close();
  });

  it('shares the commands: each is handled by exactly one instance', async () => {
    const spies = instances.map((instance) => jest.spyOn(instance.app.get(ReservationsService), 'reserve'));
    const replies = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        send(client, InventoryPatterns.reserveStock, {
          idempotency_key: `nats-${i}:RESERVE_STOCK`,
          holder: `nats-${i}`,
          lines: [{ product_id: productId, quantity: 1 }],
        }),
      ),
    );
    expect(replies.every((reply) => (reply as { outcome: string }).outcome === 'RESERVED')).toBe(true);
    const calls = spies.map((spy) => spy.mock.calls.length);
    expect(calls[0] + calls[1]).toBe(40);
    expect(calls[0]).toBeGreaterThan(0);
    expect(calls[1]).toBeGreaterThan(0);
  });
});
