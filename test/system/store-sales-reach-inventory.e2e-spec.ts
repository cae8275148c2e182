import { OutboxRelay } from '@app/events';
import { TestApp, TestDatabase, createTestApp, createTestDatabase, freePort } from '@app/testing';
import request from 'supertest';
import { givenCatalogue, givenStock, stockOf } from '../../apps/inventory/test/fixtures';
import { inventoryDatabase } from '../../apps/inventory/src/inventory.database';
import { inventoryService } from '../../apps/inventory/src/inventory.service';
import { givenProducts, givenRegister, givenStore } from '../../apps/retail/test/fixtures';
import { retailService } from '../../apps/retail/src/retail.service';

/**
 * The till never waits for inventory: a sale made while inventory is stopped is recorded at once,
 * and the store's stock goes down exactly once when inventory is back.
 */
describe('store sales reach inventory through the outbox', () => {
  let inventoryDb: TestDatabase;
  let inventoryPort: number;
  let inventory: TestApp | undefined;
  let retail: TestApp;
  let relay: OutboxRelay;
  let productId: number;
  let storeLocationId: number;
  let storeId: number;
  let registerId: number;

  const startInventory = async () => {
    inventory = await createTestApp(inventoryService, {
      listen: true,
      database: inventoryDb,
      env: { TCP_PORT: String(inventoryPort) },
    });
    return inventory;
  };
  const stopInventory = async () => {
    await inventory?.close();
    inventory = undefined;
  };
  /** Lets the relay retry at once instead of after its backoff. */
  const relayNow = async () => {
    await retail.dataSource.query('UPDATE outbox_events SET next_attempt_at = now()');
    return relay.deliverPending();
  };
  const storeStock = async () => {
    const running = inventory ?? (await startInventory());
    return (await stockOf(running.dataSource, productId, storeLocationId)).onHand;
  };

  beforeAll(async () => {
    inventoryDb = await createTestDatabase(inventoryDatabase);
    inventoryPort = await freePort();
    const running = await startInventory();
    const catalogue = await givenCatalogue(running.dataSource, 1);
    productId = catalogue.products[0].id;
    storeLocationId = catalogue.store.id;
    await givenStock(running.dataSource, productId, storeLocationId, 50);

    retail = await createTestApp(retailService, { env: { INVENTORY_TCP_URL: `127.0.0.1:${inventoryPort}` } });
    relay = retail.app.get(OutboxRelay);
    await givenProducts(retail.dataSource, [{ id: productId, price: '2.50' }]);
    const store = await givenStore(retail.dataSource, 'ST-SYS', { locationId: storeLocationId });
    storeId = store.id;
    registerId = (await givenRegister(retail.dataSource, store, 'R1')).id;
  });

  afterAll(async () => {
    await retail.app.close();
    await retail.database.drop();
    await stopInventory();
    await inventoryDb.drop();
  });

  it('records the sale while inventory is stopped and applies it once inventory is back', async () => {
    await stopInventory();
    const sale = await request(retail.http)
      .post('/api/v1/sales')
      .send({ store_id: storeId, register_id: registerId, lines: [{ product_id: productId, quantity: 3 }] })
      .expect(201);
    expect(sale.body.total).toBe('7.50');

    expect(await relayNow()).toBe(0); // inventory is down: the event stays in the outbox
    expect(await relayNow()).toBe(0);

    await startInventory();
    expect(await relayNow()).toBe(1);
    expect(await storeStock()).toBe(47);

    expect(await relayNow()).toBe(0); // nothing left to deliver
    expect(await storeStock()).toBe(47);
  });

  it('applies an event delivered again only once', async () => {
    await retail.dataSource.query(`UPDATE outbox_events SET pending_for = '{inventory}', next_attempt_at = now()`);
    expect(await relayNow()).toBe(1); // acknowledged as a duplicate
    expect(await storeStock()).toBe(47);
  });

  it('puts returned units back once, after an inventory restart in between', async () => {
    const [sale] = (await request(retail.http).get(`/api/v1/sales?store_id=${storeId}`).expect(200)).body.data;
    await stopInventory();
    await request(retail.http)
      .post('/api/v1/returns')
      .send({ sale_id: sale.id, lines: [{ product_id: productId, quantity: 2 }] })
      .expect(201);
    expect(await relayNow()).toBe(0);
    await startInventory();
    expect(await relayNow()).toBe(1);
    expect(await storeStock()).toBe(49);
  });

  it('keeps undelivered events across a restart of the producer', async () => {
    await stopInventory();
    await request(retail.http)
      .post('/api/v1/sales')
      .send({ store_id: storeId, register_id: registerId, lines: [{ product_id: productId, quantity: 4 }] })
      .expect(201);
    expect(await relayNow()).toBe(0);

    // Retail stops with the event undelivered; a new instance on the same database delivers it.
    const database = retail.database;
    await retail.app.close();
    retail = await createTestApp(retailService, { database, env: { INVENTORY_TCP_URL: `127.0.0.1:${inventoryPort}` } });
    relay = retail.app.get(OutboxRelay);
    await startInventory();
    expect(await relayNow()).toBe(1);
    expect(await storeStock()).toBe(45);
  });

  it('refuses a return of more than was sold, and nothing reaches inventory', async () => {
    const [sale] = (await request(retail.http).get(`/api/v1/sales?store_id=${storeId}`).expect(200)).body.data;
    const response = await request(retail.http)
      .post('/api/v1/returns')
      .send({ sale_id: sale.id, lines: [{ product_id: productId, quantity: 5 }] })
      .expect(400);
    expect(response.body.errors[0].field).toBe('lines.0.quantity');
    expect(await relayNow()).toBe(0);
    expect(await storeStock()).toBe(45);
  });
});
