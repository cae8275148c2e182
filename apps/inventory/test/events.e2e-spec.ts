import { EventEnvelope, SaleRecordedV1, SaleReturnedV1, eventDeliveryPattern } from '@app/contracts';
import { EventInbox, OutboxEvent } from '@app/events';
import { TestApp, createTestApp } from '@app/testing';
import { ClientProxy, ClientProxyFactory, Transport } from '@nestjs/microservices';
import { lastValueFrom } from 'rxjs';
import request from 'supertest';
import { inventoryService } from '../src/inventory.service';
import { givenCatalogue, givenStock, saleRecorded, stockOf } from './fixtures';

describe('inventory domain events', () => {
  let t: TestApp;
  let inbox: EventInbox;
  let catalogue: Awaited<ReturnType<typeof givenCatalogue>>;

  beforeAll(async () => {
    t = await createTestApp(inventoryService, { listen: true });
    inbox = t.app.get(EventInbox);
    catalogue = await givenCatalogue(t.dataSource, 2);
  });

  afterAll(() => t.close());

  const outbox = () => t.dataSource.getRepository(OutboxEvent).find({ order: { id: 'ASC' } });

  describe('as a producer', () => {
    it('records a product change in the same transaction, for the services that keep a catalogue copy', async () => {
      const before = (await outbox()).length;
      const created = await request(t.http)
        .post('/api/v1/products')
        .send({ sku: 'EVT-1', name: 'Evented', price: '2.50', category_id: catalogue.category.id })
        .expect(201);
      await request(t.http).patch(`/api/v1/products/${created.body.id}`).send({ price: '2.75' }).expect(200);
      const events = (await outbox()).slice(before);
      expect(events.map((event) => [event.type, event.version, event.pendingFor])).toEqual([
        ['inventory.product.upserted', 1, ['ecommerce', 'retail', 'reporting']],
        ['inventory.product.upserted', 1, ['ecommerce', 'retail', 'reporting']],
      ]);
      expect(events[1].payload).toEqual({
        product_id: created.body.id,
        sku: 'EVT-1',
        name: 'Evented',
        category_id: catalogue.category.id,
        category_name: 'Test category',
        price: '2.75',
        active: true,
        updated_at: expect.any(String),
      });
    });

    it('records nothing when the change is refused', async () => {
      const before = (await outbox()).length;
      await request(t.http).post('/api/v1/products').send({ sku: 'EVT-1', name: 'Duplicate', price: '1' }).expect(409);
      await request(t.http).post('/api/v1/products').send({ sku: 'EVT-2', price: 'abc' }).expect(400);
      expect((await outbox()).length).toBe(before);
    });
  });

  describe('as a consumer of store sales', () => {
    const product = () => catalogue.products[0].id;
    const store = () => catalogue.store.id;
    const sale = (quantity: number, overrides: Partial<SaleRecordedV1> = {}) =>
      saleRecorded(store(), product(), quantity, overrides);

    beforeEach(() => givenStock(t.dataSource, product(), store(), 20, 2));

    it('takes sold units off the store shelf once, however often the event is delivered', async () => {
      const event = sale(3);
      expect(await inbox.apply(event)).toEqual({ outcome: 'APPLIED' });
      expect(await inbox.apply(event)).toEqual({ outcome: 'DUPLICATE' });
      expect(await Promise.all([inbox.apply(event), inbox.apply(event)])).toEqual([
        { outcome: 'DUPLICATE' },
        { outcome: 'DUPLICATE' },
      ]);
      expect(await stockOf(t.dataSource, product(), store())).toMatchObject({ onHand: 17, reserved: 2 });
    });

    it('applies the same event delivered twice at once only once', async () => {
      const event = sale(4);
      const replies = await Promise.all([inbox.apply(event), inbox.apply(event)]);
      expect(replies.map((reply) => reply.outcome).sort()).toEqual(['APPLIED', 'DUPLICATE']);
      expect(await stockOf(t.dataSource, product(), store())).toMatchObject({ onHand: 16 });
    });

    it('applies a delivery of several events in order, and keeps those before one that fails', async () => {
      const [first, second] = [sale(1), sale(2)];
      expect(await inbox.applyAll([first, second, first])).toEqual({ outcomes: ['APPLIED', 'APPLIED', 'DUPLICATE'] });
      expect(await stockOf(t.dataSource, product(), store())).toMatchObject({ onHand: 17 });

      const [third, atUnknownLocation, fourth] = [sale(4), saleRecorded(999_999, product(), 1), sale(8)];
      expect(await inbox.applyAll([third, atUnknownLocation, fourth])).toEqual({
        outcomes: ['APPLIED'],
        error: expect.stringContaining(atUnknownLocation.event_id),
      });
      expect(await stockOf(t.dataSource, product(), store())).toMatchObject({ onHand: 13 });
      // The unacknowledged rest comes again: applied then, and only then.
      expect(await inbox.applyAll([fourth])).toEqual({ outcomes: ['APPLIED'] });
      expect(await stockOf(t.dataSource, product(), store())).toMatchObject({ onHand: 5 });
    });

    it('leaves stock alone for sales loaded from history', async () => {
      await inbox.apply(sale(5, { imported: true }));
      expect(await stockOf(t.dataSource, product(), store())).toMatchObject({ onHand: 20 });
    });

    it('never takes on hand below what is reserved when the records were short', async () => {
      await inbox.apply(sale(50));
      expect(await stockOf(t.dataSource, product(), store())).toMatchObject({ onHand: 2, reserved: 2 });
    });

    it('puts returned units back on the shelf once', async () => {
      const payload: SaleReturnedV1 = {
        return_id: 1,
        sale_id: 1,
        store_id: 1,
        location_id: store(),
        lines: [{ product_id: product(), quantity: 2, refund: '19.98' }],
        total_refund: '19.98',
        returned_at: new Date().toISOString(),
        imported: false,
      };
      const event: EventEnvelope<'retail.sale.returned'> = { ...sale(0), type: 'retail.sale.returned', payload };
      await inbox.apply(event);
      await inbox.apply(event);
      expect(await stockOf(t.dataSource, product(), store())).toMatchObject({ onHand: 22 });
    });

    it('accepts deliveries over the message transport and validates them', async () => {
      const client: ClientProxy = ClientProxyFactory.create({
        transport: Transport.TCP,
        options: { host: '127.0.0.1', port: t.config.tcpPort },
      });
      try {
        const event = sale(1);
        const deliver = (...events: EventEnvelope[]) => lastValueFrom(client.send(eventDeliveryPattern('inventory'), { events }));
        expect(await deliver(event)).toEqual({ outcomes: ['APPLIED'] });
        expect(await deliver(event)).toEqual({ outcomes: ['DUPLICATE'] });
        await expect(deliver({ ...event, event_id: 'not-a-uuid' })).rejects.toMatchObject({
          status_code: 400,
          errors: [expect.objectContaining({ field: 'events.0.event_id' })],
        });
        await expect(lastValueFrom(client.send(eventDeliveryPattern('inventory'), { events: [] }))).rejects.toMatchObject({
          status_code: 400,
          errors: [expect.objectContaining({ field: 'events' })],
        });
        expect(await stockOf(t.dataSource, product(), store())).toMatchObject({ onHand: 19 });
      } finally {
        await client.close();
      }
    });
  });
});
