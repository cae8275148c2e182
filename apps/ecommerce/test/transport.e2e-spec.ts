import { CatalogueProduct } from '@app/catalogue';
import { EcommercePatterns, EventEnvelope, eventDeliveryPattern } from '@app/contracts';
import { TestApp, createTestApp } from '@app/testing';
import { ClientProxy, ClientProxyFactory, Transport } from '@nestjs/microservices';
import { randomUUID } from 'node:crypto';
import { lastValueFrom } from 'rxjs';
import { ecommerceService } from '../src/ecommerce.service';
import { Order } from '../src/orders/order.entity';
import { Payment } from '../src/payments/payment.entity';
import { SHIPPING, createOrderCommand, givenCatalogue, givenCustomer, stepKey } from './fixtures';

const send = <T>(client: ClientProxy, pattern: string, payload: unknown) => lastValueFrom(client.send<T>(pattern, payload));

describe('ecommerce message handlers over TCP', () => {
  let t: TestApp;
  let client: ClientProxy;
  let customerId: number;

  beforeAll(async () => {
    t = await createTestApp(ecommerceService, { listen: true, env: { PAYMENT_AMOUNT_LIMIT: '5.00' } });
    await givenCatalogue(t.dataSource, [{ price: '1.20' }, { price: '0.65' }]);
    customerId = (await givenCustomer(t.dataSource)).id;
    client = ClientProxyFactory.create({ transport: Transport.TCP, options: { host: '127.0.0.1', port: t.config.tcpPort } });
    await client.connect();
  });

  afterAll(async () => {
    await client.close();
    await t.close();
  });

  it('runs a saga to the end: create, pay, confirm, each replayed with its key', async () => {
    const create = createOrderCommand(customerId, [[1, 2]]);
    const created = await send(client, EcommercePatterns.createOrder, create);
    expect(created).toMatchObject({ outcome: 'CREATED', order: { status: 'PENDING', total: '2.40' } });
    expect(await send(client, EcommercePatterns.createOrder, create)).toEqual(created);

    const payment = { idempotency_key: stepKey(create, 'PROCESS_PAYMENT'), order_key: create.idempotency_key };
    const paid = await send(client, EcommercePatterns.processPayment, payment);
    expect(paid).toMatchObject({ outcome: 'COMPLETED', payment: { amount: '2.40', status: 'COMPLETED' } });
    expect(await send(client, EcommercePatterns.processPayment, payment)).toEqual(paid);

    const confirm = { idempotency_key: stepKey(create, 'CONFIRM_ORDER'), order_key: create.idempotency_key };
    expect(await send(client, EcommercePatterns.confirmOrder, confirm)).toMatchObject({
      outcome: 'CONFIRMED',
      order: { status: 'CONFIRMED' },
    });
    expect(await send(client, EcommercePatterns.getOrder, { order_key: create.idempotency_key })).toMatchObject({
      found: true,
      order: { status: 'CONFIRMED' },
    });
    expect(await send(client, EcommercePatterns.getPayment, { payment_key: payment.idempotency_key })).toEqual({
      found: true,
      payment: (paid as { payment: unknown }).payment,
    });
  });

  it('compensates: a declined payment, the order cancelled, a refund that finds nothing to refund', async () => {
    const create = createOrderCommand(customerId, [[1, 5]]);
    await send(client, EcommercePatterns.createOrder, create);
    const payment = { idempotency_key: stepKey(create, 'PROCESS_PAYMENT'), order_key: create.idempotency_key };
    expect(await send(client, EcommercePatterns.processPayment, payment)).toMatchObject({
      outcome: 'DECLINED',
      reason: 'AMOUNT_OVER_LIMIT',
      payment: { amount: '6.00' },
    });
    const refund = { idempotency_key: stepKey(create, 'REFUND_PAYMENT'), payment_key: payment.idempotency_key };
    expect(await send(client, EcommercePatterns.refundPayment, refund)).toMatchObject({
      outcome: 'REJECTED',
      reason: 'PAYMENT_NOT_COMPLETED',
    });
    const cancel = {
      idempotency_key: stepKey(create, 'CANCEL_ORDER'),
      order_key: create.idempotency_key,
      reason: 'PAYMENT_DECLINED',
    };
    expect(await send(client, EcommercePatterns.cancelOrder, cancel)).toMatchObject({
      outcome: 'CANCELLED',
      order: { status: 'CANCELLED' },
    });
    expect(await t.dataSource.getRepository(Order).findOneByOrFail({ orderKey: create.idempotency_key })).toMatchObject({
      status: 'CANCELLED',
    });
    expect(await t.dataSource.getRepository(Payment).findOneByOrFail({ paymentKey: payment.idempotency_key })).toMatchObject({
      status: 'DECLINED',
    });
  });

  it('refuses a create that arrives after its cancel', async () => {
    const create = createOrderCommand(customerId, [[2, 1]]);
    const cancel = {
      idempotency_key: stepKey(create, 'CANCEL_ORDER'),
      order_key: create.idempotency_key,
      reason: 'SAGA_TIMEOUT',
    };
    expect(await send(client, EcommercePatterns.cancelOrder, cancel)).toEqual({ outcome: 'NOT_FOUND' });
    expect(await send(client, EcommercePatterns.createOrder, create)).toEqual({ outcome: 'REJECTED', reason: 'CANCELLED' });
    expect(await t.dataSource.getRepository(Order).countBy({ orderKey: create.idempotency_key })).toBe(0);
  });

  it.each([
    {
      case: 'a create without idempotency key',
      pattern: EcommercePatterns.createOrder,
      payload: { ...createOrderCommand(1, [[1, 1]]), idempotency_key: undefined },
      field: 'idempotency_key',
    },
    {
      case: 'a create without lines',
      pattern: EcommercePatterns.createOrder,
      payload: { ...createOrderCommand(1, [[1, 1]]), lines: [] },
      field: 'lines',
    },
    {
      case: 'a create of 0 units',
      pattern: EcommercePatterns.createOrder,
      payload: createOrderCommand(1, [[1, 0]]),
      field: 'lines.0.quantity',
    },
    {
      case: 'a create paid in cash',
      pattern: EcommercePatterns.createOrder,
      payload: { ...createOrderCommand(1, [[1, 1]]), payment_method: 'cash' },
      field: 'payment_method',
    },
    {
      case: 'a create with a price',
      pattern: EcommercePatterns.createOrder,
      payload: { ...createOrderCommand(1, [[1, 1]]), unit_price: '0.01' },
      field: 'unit_price',
    },
    {
      case: 'a cancel without reason',
      pattern: EcommercePatterns.cancelOrder,
      payload: { idempotency_key: 'k', order_key: 'o' },
      field: 'reason',
    },
    {
      case: 'a payment without order',
      pattern: EcommercePatterns.processPayment,
      payload: { idempotency_key: 'k' },
      field: 'order_key',
    },
    {
      case: 'a refund of an empty key',
      pattern: EcommercePatterns.refundPayment,
      payload: { idempotency_key: 'k', payment_key: '' },
      field: 'payment_key',
    },
    { case: 'an order lookup without key', pattern: EcommercePatterns.getOrder, payload: {}, field: 'order_key' },
    {
      case: 'a create with a blank idempotency key',
      pattern: EcommercePatterns.createOrder,
      payload: { ...createOrderCommand(1, [[1, 1]]), idempotency_key: '  ' },
      field: 'idempotency_key',
    },
    {
      case: 'a create with a blank saga id',
      pattern: EcommercePatterns.createOrder,
      payload: { ...createOrderCommand(1, [[1, 1]]), saga_id: '\t' },
      field: 'saga_id',
    },
    {
      case: 'a create to a street of spaces',
      pattern: EcommercePatterns.createOrder,
      payload: { ...createOrderCommand(1, [[1, 1]]), shipping_address: { ...SHIPPING, street: '   ' } },
      field: 'shipping_address.street',
    },
    {
      case: 'a create for customer "NaN"',
      pattern: EcommercePatterns.createOrder,
      payload: { ...createOrderCommand(1, [[1, 1]]), customer_id: 'NaN' },
      field: 'customer_id',
    },
    {
      case: 'a create of "Infinity" units',
      pattern: EcommercePatterns.createOrder,
      payload: { ...createOrderCommand(1, [[1, 1]]), lines: [{ product_id: 1, quantity: 'Infinity' }] },
      field: 'lines.0.quantity',
    },
    {
      case: 'a cancel with a blank reason',
      pattern: EcommercePatterns.cancelOrder,
      payload: { idempotency_key: 'k', order_key: 'o', reason: ' ' },
      field: 'reason',
    },
    {
      case: 'a payment for a blank order key',
      pattern: EcommercePatterns.processPayment,
      payload: { idempotency_key: 'k', order_key: '\u00a0' },
      field: 'order_key',
    },
    {
      case: 'a refund of a blank key',
      pattern: EcommercePatterns.refundPayment,
      payload: { idempotency_key: 'k', payment_key: '  ' },
      field: 'payment_key',
    },
    {
      case: 'a payment lookup by a blank key',
      pattern: EcommercePatterns.getPayment,
      payload: { payment_key: ' ' },
      field: 'payment_key',
    },
  ])('rejects $case naming $field', async ({ pattern, payload, field }) => {
    await expect(send(client, pattern, payload)).rejects.toMatchObject({
      status_code: 400,
      code: 'VALIDATION_FAILED',
      errors: expect.arrayContaining([expect.objectContaining({ field })]),
    });
  });

  it("applies inventory's product events to the catalogue copy, once", async () => {
    const event: EventEnvelope<'inventory.product.upserted'> = {
      event_id: randomUUID(),
      type: 'inventory.product.upserted',
      version: 1,
      source: 'inventory',
      occurred_at: new Date().toISOString(),
      payload: {
        product_id: 42,
        sku: 'NEW-42',
        name: 'New product',
        category_id: null,
        category_name: null,
        price: '3.30',
        active: true,
        updated_at: new Date().toISOString(),
      },
    };
    expect(await send(client, eventDeliveryPattern('ecommerce'), { events: [event] })).toEqual({ outcomes: ['APPLIED'] });
    expect(await send(client, eventDeliveryPattern('ecommerce'), { events: [event] })).toEqual({ outcomes: ['DUPLICATE'] });
    expect(await t.dataSource.getRepository(CatalogueProduct).findOneByOrFail({ productId: 42 })).toMatchObject({
      price: '3.30',
      active: true,
    });
    expect(await send(client, EcommercePatterns.createOrder, createOrderCommand(customerId, [[42, 2]]))).toMatchObject({
      outcome: 'CREATED',
      order: { total: '6.60' },
    });
  });
});
