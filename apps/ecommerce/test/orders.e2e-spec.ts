import { CreateOrderCommand, OrderView } from '@app/contracts';
import { TestApp, createTestApp, fieldsOf } from '@app/testing';
import request from 'supertest';
import { Customer } from '../src/customers/customer.entity';
import { ecommerceService } from '../src/ecommerce.service';
import { Order } from '../src/orders/order.entity';
import { OrderCommandsService } from '../src/orders/order-commands.service';
import { Payment } from '../src/payments/payment.entity';
import { PaymentCommandsService } from '../src/payments/payment-commands.service';
import { Shipment } from '../src/shipments/shipment.entity';
import { BILLING, SHIPPING, createOrderCommand, givenCatalogue, givenCustomer, stepKey } from './fixtures';

const idsOf = (body: { data: Array<{ id: number }> }) => body.data.map((row) => row.id);

/** Orders, payments and shipments are made by saga commands; these tests read them over HTTP. */
describe('Orders, payments and shipments API', () => {
  let t: TestApp;
  let camille: Customer;
  let lucas: Customer;
  /** Camille's: confirmed (paid, shipped), pending, cancelled (card declined); then Lucas's pending one. */
  let confirmed: OrderView;
  let pending: OrderView;
  let cancelled: OrderView;
  let lucasOrder: OrderView;
  let payment: Payment;
  let declined: Payment;
  let shipment: Shipment;

  beforeAll(async () => {
    t = await createTestApp(ecommerceService);
    await givenCatalogue(t.dataSource, [{ price: '1.20' }, { price: '0.65' }]);
    camille = await givenCustomer(t.dataSource, 'Camille');
    lucas = await givenCustomer(t.dataSource, 'Lucas');
    const orders = t.app.get(OrderCommandsService);
    const payments = t.app.get(PaymentCommandsService);
    const place = async (command: CreateOrderCommand) => {
      const reply = await orders.create(command);
      if (reply.outcome !== 'CREATED') throw new Error(JSON.stringify(reply));
      return reply.order;
    };
    const pay = (command: CreateOrderCommand) =>
      payments.process({ idempotency_key: stepKey(command, 'PROCESS_PAYMENT'), order_key: command.idempotency_key });

    const first = createOrderCommand(camille.id, [
      [1, 2],
      [2, 1],
    ]);
    confirmed = await place(first);
    await pay(first);
    await orders.confirm({ idempotency_key: stepKey(first, 'CONFIRM_ORDER'), order_key: first.idempotency_key });
    pending = await place(createOrderCommand(camille.id, [[2, 4]]));
    const third = createOrderCommand(camille.id, [[1, 1]], 'declined_card');
    cancelled = await place(third);
    await pay(third);
    await orders.cancel({
      idempotency_key: stepKey(third, 'CANCEL_ORDER'),
      order_key: third.idempotency_key,
      reason: 'PAYMENT_DECLINED',
    });
    lucasOrder = await place(createOrderCommand(lucas.id, [[1, 5]]));

    payment = await t.dataSource.getRepository(Payment).findOneByOrFail({ orderId: confirmed.order_id });
    declined = await t.dataSource.getRepository(Payment).findOneByOrFail({ orderId: cancelled.order_id });
    shipment = await t.dataSource.getRepository(Shipment).findOneByOrFail({ orderId: confirmed.order_id });
  });

  afterAll(() => t.close());

  describe('GET /api/v1/orders', () => {
    it('lists newest first, with the total', async () => {
      const response = await request(t.http).get('/api/v1/orders').expect(200);
      expect(response.body).toMatchObject({ total: 4, limit: 20, offset: 0 });
      expect(idsOf(response.body)).toEqual([lucasOrder.order_id, cancelled.order_id, pending.order_id, confirmed.order_id]);
    });

    it('pages with limit and offset', async () => {
      const response = await request(t.http).get('/api/v1/orders?limit=2&offset=1').expect(200);
      expect(response.body).toMatchObject({ total: 4, limit: 2, offset: 1 });
      expect(idsOf(response.body)).toEqual([cancelled.order_id, pending.order_id]);
    });

    it('filters by customer and by status', async () => {
      const byCustomer = await request(t.http).get(`/api/v1/orders?customer_id=${lucas.id}`).expect(200);
      expect(byCustomer.body.total).toBe(1);
      expect(byCustomer.body.data).toEqual([
        {
          id: lucasOrder.order_id,
          saga_id: expect.stringMatching(/^saga-/),
          customer_id: lucas.id,
          status: 'PENDING',
          lines: [{ product_id: 1, quantity: 5, unit_price: '1.20', line_total: '6.00' }],
          total: '6.00',
          shipping_address: SHIPPING,
          billing_address: BILLING,
          payment_method: 'credit_card',
          cancel_reason: null,
          created_at: expect.any(String),
          updated_at: expect.any(String),
        },
      ]);
      const pendingOfCamille = await request(t.http).get(`/api/v1/orders?customer_id=${camille.id}&status=PENDING`).expect(200);
      expect(idsOf(pendingOfCamille.body)).toEqual([pending.order_id]);
      const cancelledOrders = await request(t.http).get('/api/v1/orders?status=CANCELLED').expect(200);
      expect(cancelledOrders.body.data).toEqual([
        expect.objectContaining({ id: cancelled.order_id, cancel_reason: 'PAYMENT_DECLINED' }),
      ]);
    });

    it.each([
      ['status=SHIPPED', 'status'],
      ['status=pending', 'status'],
      ['customer_id=abc', 'customer_id'],
      ['customer_id=0', 'customer_id'],
      ['limit=0', 'limit'],
      ['offset=-1', 'offset'],
      ['sort=total', 'sort'],
    ])('rejects %s naming the field', async (query, field) => {
      const response = await request(t.http).get(`/api/v1/orders?${query}`).expect(400);
      expect(fieldsOf(response.body)).toEqual([field]);
    });
  });

  describe('GET /api/v1/orders/:id', () => {
    it('returns a confirmed order with its lines, addresses, payment and shipment', async () => {
      const response = await request(t.http).get(`/api/v1/orders/${confirmed.order_id}`).expect(200);
      expect(response.body).toEqual({
        id: confirmed.order_id,
        saga_id: expect.stringMatching(/^saga-/),
        customer_id: camille.id,
        status: 'CONFIRMED',
        lines: [
          { product_id: 1, quantity: 2, unit_price: '1.20', line_total: '2.40' },
          { product_id: 2, quantity: 1, unit_price: '0.65', line_total: '0.65' },
        ],
        total: '3.05',
        shipping_address: SHIPPING,
        billing_address: BILLING,
        payment_method: 'credit_card',
        cancel_reason: null,
        created_at: expect.any(String),
        updated_at: expect.any(String),
        payment: {
          id: payment.id,
          order_id: confirmed.order_id,
          amount: '3.05',
          method: 'credit_card',
          status: 'COMPLETED',
          decline_reason: null,
          created_at: payment.createdAt.toISOString(),
          refunded_at: null,
        },
        shipment: {
          id: shipment.id,
          order_id: confirmed.order_id,
          status: 'PREPARING',
          tracking_number: shipment.trackingNumber,
          shipping_address: SHIPPING,
          created_at: shipment.createdAt.toISOString(),
        },
      });
    });

    it('shows null payment and shipment for an order that has neither', async () => {
      const response = await request(t.http).get(`/api/v1/orders/${pending.order_id}`).expect(200);
      expect(response.body).toMatchObject({ status: 'PENDING', total: '2.60', payment: null, shipment: null });
    });

    it('shows a declined payment on a cancelled order', async () => {
      const response = await request(t.http).get(`/api/v1/orders/${cancelled.order_id}`).expect(200);
      expect(response.body).toMatchObject({
        status: 'CANCELLED',
        cancel_reason: 'PAYMENT_DECLINED',
        payment: { id: declined.id, status: 'DECLINED', decline_reason: 'CARD_DECLINED', method: 'declined_card' },
        shipment: null,
      });
    });

    it('answers 404 for an unknown order', async () => {
      const response = await request(t.http).get('/api/v1/orders/99999').expect(404);
      expect(response.body).toEqual({
        status_code: 404,
        error: 'Not Found',
        code: 'ORDER_NOT_FOUND',
        message: 'Order 99999 not found',
      });
    });

    it.each(['abc', '0', '-3', '2147483648'])('answers 400 for the id %s', async (id) => {
      const response = await request(t.http).get(`/api/v1/orders/${id}`).expect(400);
      expect(fieldsOf(response.body)).toEqual(['id']);
    });
  });

  describe('POST /api/v1/orders', () => {
    it.each([[{}], [{ customer_id: 1, products: [{ product_id: 1, quantity: 1 }] }]])(
      'answers 405 pointing to the saga for %j, and writes nothing',
      async (body) => {
        const before = await t.dataSource.getRepository(Order).count();
        const response = await request(t.http).post('/api/v1/orders').send(body).expect(405);
        expect(response.headers.allow).toBe('GET');
        expect(response.body).toEqual({
          status_code: 405,
          error: 'Method Not Allowed',
          code: 'ORDERS_PLACED_BY_SAGA',
          message:
            'Orders cannot be created directly: place them with POST /api/v1/customers/{customer_id}/order-processing (or check out a cart)',
        });
        expect(await t.dataSource.getRepository(Order).count()).toBe(before);
      },
    );
  });

  describe('GET /api/v1/payments', () => {
    it('lists payments newest first and filters by order', async () => {
      const all = await request(t.http).get('/api/v1/payments').expect(200);
      expect(all.body).toMatchObject({ total: 2, limit: 20, offset: 0 });
      expect(idsOf(all.body)).toEqual([declined.id, payment.id]);
      const ofOrder = await request(t.http).get(`/api/v1/payments?order_id=${cancelled.order_id}`).expect(200);
      expect(ofOrder.body).toEqual({
        total: 1,
        limit: 20,
        offset: 0,
        data: [
          {
            id: declined.id,
            order_id: cancelled.order_id,
            amount: '1.20',
            method: 'declined_card',
            status: 'DECLINED',
            decline_reason: 'CARD_DECLINED',
            created_at: declined.createdAt.toISOString(),
            refunded_at: null,
          },
        ],
      });
      const none = await request(t.http).get(`/api/v1/payments?order_id=${pending.order_id}`).expect(200);
      expect(none.body).toMatchObject({ total: 0, data: [] });
    });

    it('returns one payment, 404 for an unknown one and 400 for a bad id', async () => {
      const one = await request(t.http).get(`/api/v1/payments/${payment.id}`).expect(200);
      expect(one.body).toMatchObject({ id: payment.id, order_id: confirmed.order_id, status: 'COMPLETED', amount: '3.05' });
      const missing = await request(t.http).get('/api/v1/payments/99999').expect(404);
      expect(missing.body).toMatchObject({ code: 'PAYMENT_NOT_FOUND', message: 'Payment 99999 not found' });
      const bad = await request(t.http).get('/api/v1/payments/x').expect(400);
      expect(fieldsOf(bad.body)).toEqual(['id']);
    });

    it.each([
      ['order_id=abc', 'order_id'],
      ['order_id=0', 'order_id'],
      ['status=COMPLETED', 'status'],
    ])('rejects %s naming the field', async (query, field) => {
      const response = await request(t.http).get(`/api/v1/payments?${query}`).expect(400);
      expect(fieldsOf(response.body)).toEqual([field]);
    });

    it('has no way to create a payment over HTTP', async () => {
      await request(t.http).post('/api/v1/payments').send({ order_id: pending.order_id }).expect(404);
      expect(await t.dataSource.getRepository(Payment).countBy({ orderId: pending.order_id })).toBe(0);
    });
  });

  describe('GET /api/v1/shipments', () => {
    it('lists shipments and filters by order', async () => {
      const all = await request(t.http).get('/api/v1/shipments').expect(200);
      expect(all.body).toEqual({
        total: 1,
        limit: 20,
        offset: 0,
        data: [
          {
            id: shipment.id,
            order_id: confirmed.order_id,
            status: 'PREPARING',
            tracking_number: `EC${String(confirmed.order_id).padStart(10, '0')}`,
            shipping_address: SHIPPING,
            created_at: shipment.createdAt.toISOString(),
          },
        ],
      });
      const none = await request(t.http).get(`/api/v1/shipments?order_id=${pending.order_id}`).expect(200);
      expect(none.body).toMatchObject({ total: 0, data: [] });
    });

    it('returns one shipment, 404 for an unknown one and 400 for a bad id', async () => {
      const one = await request(t.http).get(`/api/v1/shipments/${shipment.id}`).expect(200);
      expect(one.body).toMatchObject({ id: shipment.id, order_id: confirmed.order_id, status: 'PREPARING' });
      const missing = await request(t.http).get('/api/v1/shipments/99999').expect(404);
      expect(missing.body).toMatchObject({ code: 'SHIPMENT_NOT_FOUND', message: 'Shipment 99999 not found' });
      const bad = await request(t.http).get('/api/v1/shipments/1.5').expect(400);
      expect(fieldsOf(bad.body)).toEqual(['id']);
    });

    it.each([
      ['order_id=-1', 'order_id'],
      ['limit=1000', 'limit'],
      ['tracking_number=EC1', 'tracking_number'],
    ])('rejects %s naming the field', async (query, field) => {
      const response = await request(t.http).get(`/api/v1/shipments?${query}`).expect(400);
      expect(fieldsOf(response.body)).toEqual([field]);
    });
  });
});
