import { EcommercePatterns } from '@app/contracts';
import { healthPatternOf } from '@app/observability';
import { TestApp, createTestApp } from '@app/testing';
import { ClientProxy, ClientProxyFactory, Transport } from '@nestjs/microservices';
import { lastValueFrom } from 'rxjs';
import request from 'supertest';
import { ecommerceService } from '../src/ecommerce.service';
import { Order } from '../src/orders/order.entity';
import { SHIPPING, createOrderCommand, givenCatalogue, givenCustomer, stepKey } from './fixtures';

const send = <T>(client: ClientProxy, pattern: string, payload: unknown) => lastValueFrom(client.send<T>(pattern, payload));

/** The seed document's addresses are plain strings ("123 Main St"): the order keeps and shows them as given. */
describe('order addresses as strings (CREATE_ORDER over TCP)', () => {
  let t: TestApp;
  let client: ClientProxy;
  let customerId: number;

  beforeAll(async () => {
    t = await createTestApp(ecommerceService, { listen: true });
    await givenCatalogue(t.dataSource, [{ price: '1.20' }]);
    customerId = (await givenCustomer(t.dataSource)).id;
    client = ClientProxyFactory.create({ transport: Transport.TCP, options: { host: '127.0.0.1', port: t.config.tcpPort } });
    await client.connect();
  });

  afterAll(async () => {
    await client.close();
    await t.close();
  });

  it('creates an order with string addresses, stored and shown exactly as given, also on its shipment', async () => {
    const base = createOrderCommand(customerId, [[1, 2]]);
    const create = {
      ...base,
      shipping_address: '123 Main St',
      billing_address: ' PO Box 7, Springfield\n',
    };
    expect(await send(client, EcommercePatterns.createOrder, create)).toMatchObject({ outcome: 'CREATED' });
    const stored = await t.dataSource.getRepository(Order).findOneByOrFail({ orderKey: create.idempotency_key });
    expect([stored.shippingAddress, stored.billingAddress]).toEqual(['123 Main St', ' PO Box 7, Springfield\n']);
    const [raw] = await t.dataSource.query(
      "SELECT jsonb_typeof(shipping_address) AS type, shipping_address #>> '{}' AS text FROM orders WHERE id = $1",
      [stored.id],
    );
    expect(raw).toEqual({ type: 'string', text: '123 Main St' });

    await send(client, EcommercePatterns.processPayment, {
      idempotency_key: stepKey(base, 'PROCESS_PAYMENT'),
      order_key: create.idempotency_key,
    });
    await send(client, EcommercePatterns.confirmOrder, {
      idempotency_key: stepKey(base, 'CONFIRM_ORDER'),
      order_key: create.idempotency_key,
    });
    const order = await request(t.http).get(`/api/v1/orders/${stored.id}`).expect(200);
    expect(order.body).toMatchObject({
      shipping_address: '123 Main St',
      billing_address: ' PO Box 7, Springfield\n',
      shipment: { shipping_address: '123 Main St' },
    });
    const list = await request(t.http).get(`/api/v1/orders?customer_id=${customerId}`).expect(200);
    expect(list.body.data.find((o: { id: number }) => o.id === stored.id)).toMatchObject({ shipping_address: '123 Main St' });
  });

  it('still takes a structured address', async () => {
    const create = { ...createOrderCommand(customerId, [[1, 1]]), billing_address: '123 Main St' };
    expect(await send(client, EcommercePatterns.createOrder, create)).toMatchObject({ outcome: 'CREATED' });
    const stored = await t.dataSource.getRepository(Order).findOneByOrFail({ orderKey: create.idempotency_key });
    expect([stored.shippingAddress, stored.billingAddress]).toEqual([SHIPPING, '123 Main St']);
  });

  it.each([
    ['shipping_address', 'empty', ''],
    ['shipping_address', 'blank', '  \t'],
    ['billing_address', '501 characters long', 'x'.repeat(501)],
    ['billing_address', 'a number', 7],
    ['shipping_address', 'null', null],
  ])('refuses a %s that is %s, naming it', async (field, _what, value) => {
    await expect(
      send(client, EcommercePatterns.createOrder, { ...createOrderCommand(customerId, [[1, 1]]), [field]: value }),
    ).rejects.toMatchObject({
      status_code: 400,
      errors: expect.arrayContaining([expect.objectContaining({ field })]),
    });
  });

  it('describes order addresses as a string or a structured address in its OpenAPI document', async () => {
    const { body: document } = await request(t.http).get('/docs-json').expect(200);
    const union = [{ type: 'string' }, { $ref: '#/components/schemas/AddressDto' }];
    expect(document.components.schemas.OrderResponse.properties.shipping_address.oneOf).toEqual(union);
    expect(document.components.schemas.OrderResponse.properties.billing_address.oneOf).toEqual(union);
    expect(document.components.schemas.ShipmentResponse.properties.shipping_address.oneOf).toEqual(union);
  });

  it("answers its readiness over the transport, for the orchestrator's system health", async () => {
    expect(await send(client, healthPatternOf('ecommerce'), {})).toMatchObject({
      status: 'ok',
      info: { database: { status: 'up' } },
    });
  });
});
