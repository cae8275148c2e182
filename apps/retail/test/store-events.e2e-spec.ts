import { StoreUpsertedV1 } from '@app/contracts';
import { OutboxEvent } from '@app/events';
import { TestApp, createTestApp } from '@app/testing';
import request from 'supertest';
import { retailService } from '../src/retail.service';
import { seedDemoData } from '../src/seed/demo-data';

/** Retail publishes its stores for reporting (names, and which inventory location each sells from). */
describe('store events for reporting', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(retailService);
  });

  afterAll(() => t.close());

  const storeEvents = async () =>
    (await t.dataSource.getRepository(OutboxEvent).find({ where: { type: 'retail.store.upserted' }, order: { id: 'ASC' } })).map(
      (event) => [event.payload, event.pendingFor],
    );

  it('publishes a store as it is opened and changed, and nothing for a refused change', async () => {
    const created = (
      await request(t.http).post('/api/v1/stores').send({ code: 'ST-EVT', name: 'Evented', location_id: 4 }).expect(201)
    ).body;
    await request(t.http).patch(`/api/v1/stores/${created.id}`).send({ name: 'Renamed', active: false }).expect(200);
    await request(t.http).post('/api/v1/stores').send({ code: 'ST-EVT', name: 'Again', location_id: 5 }).expect(409);
    const store = (name: string, active: boolean): StoreUpsertedV1 => ({
      store_id: created.id,
      code: 'ST-EVT',
      name,
      location_id: 4,
      active,
    });
    expect(await storeEvents()).toEqual([
      [store('Evented', true), ['reporting']],
      [store('Renamed', false), ['reporting']],
    ]);
  });

  it('publishes the demo stores before their sales', async () => {
    const demo = await createTestApp(retailService);
    try {
      await seedDemoData(demo.dataSource);
      const types = (await demo.dataSource.getRepository(OutboxEvent).find({ order: { id: 'ASC' } })).map((event) => event.type);
      expect(types.slice(0, 5)).toEqual(Array(5).fill('retail.store.upserted'));
      expect(types.filter((type) => type === 'retail.store.upserted')).toHaveLength(5);
      expect(types[5]).toBe('retail.sale.recorded');
    } finally {
      await demo.close();
    }
  });
});
