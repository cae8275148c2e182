import request from 'supertest';
import { OrderSystem } from './order-system';

describe('order-processing saga with the real participants', () => {
  let system: OrderSystem;

  beforeAll(async () => {
    system = await OrderSystem.start(2);
  });

  afterAll(() => system.close());

  beforeEach(() => system.givenStock(10));

  it('completes: five steps, stock taken, order confirmed, payment captured', async () => {
    const sagaId = await system.placeOrder([[system.productIds[0], 3]]);
    const saga = await system.ended(sagaId);

    expect(saga).toMatchObject({ status: 'COMPLETED', compensations: [], failure_reason: null, order_id: expect.any(Number) });
    expect(saga.steps.map((s: { step: string; status: string }) => [s.step, s.status])).toEqual([
      ['CHECK_STOCK', 'SUCCESS'],
      ['RESERVE_STOCK', 'SUCCESS'],
      ['CREATE_ORDER', 'SUCCESS'],
      ['PROCESS_PAYMENT', 'SUCCESS'],
      ['CONFIRM_ORDER', 'SUCCESS'],
    ]);
    expect(await system.stock()).toMatchObject({ onHand: 7, reserved: 0 });
    const order = await system.ecommerce!.dataSource.query('SELECT status, total FROM orders WHERE id = $1', [saga.order_id]);
    expect(order).toEqual([{ status: 'CONFIRMED', total: '29.97' }]);
    const payments = (await system.payments()).filter((payment) => payment.orderId === saga.order_id);
    expect(payments.map((payment) => [payment.status, payment.amount])).toEqual([['COMPLETED', '29.97']]);
    expect(saga.payment_id).toBe(payments[0].id);
  });

  it('compensates an unknown customer: RELEASE_STOCK, and stock is back where it started', async () => {
    const sagaId = await system.placeOrder([[system.productIds[0], 2]], { customerId: 99999 });
    const saga = await system.ended(sagaId);

    expect(saga.status).toBe('COMPENSATED');
    expect(saga.failure_reason).toMatch(/^CREATE_ORDER: UNKNOWN_CUSTOMER/);
    expect(saga.compensations.map((c: { compensation: string; status: string }) => [c.compensation, c.status])).toEqual([
      ['RELEASE_STOCK', 'SUCCESS'],
    ]);
    expect(await system.stock()).toMatchObject({ onHand: 10, reserved: 0 });
  });

  it('compensates a declined payment: CANCEL_ORDER then RELEASE_STOCK, nothing charged', async () => {
    const sagaId = await system.placeOrder([[system.productIds[0], 1]], { paymentMethod: 'declined_card' });
    const saga = await system.ended(sagaId);

    expect(saga.status).toBe('COMPENSATED');
    expect(saga.failure_reason).toBe('PROCESS_PAYMENT: CARD_DECLINED');
    expect(saga.compensations.map((c: { compensation: string }) => c.compensation)).toEqual(['CANCEL_ORDER', 'RELEASE_STOCK']);
    expect(await system.stock()).toMatchObject({ onHand: 10, reserved: 0 });
    const [order] = await system.ecommerce!.dataSource.query('SELECT status FROM orders WHERE id = $1', [saga.order_id]);
    expect(order.status).toBe('CANCELLED');
  });

  it('refuses an order larger than the stock without reserving anything', async () => {
    const sagaId = await system.placeOrder([[system.productIds[0], 11]]);
    const saga = await system.ended(sagaId);

    expect(saga.status).toBe('COMPENSATED');
    expect(saga.failure_reason).toMatch(/^CHECK_STOCK: INSUFFICIENT_STOCK/);
    expect(saga.compensations).toEqual([]);
    expect(await system.stock()).toMatchObject({ onHand: 10, reserved: 0 });
  });

  it('returns the same saga for a retried request with the same Idempotency-Key', async () => {
    const first = await system.placeOrder([[system.productIds[1], 1]], { idempotencyKey: 'checkout-42' });
    const again = await system.placeOrder([[system.productIds[1], 1]], { idempotencyKey: 'checkout-42' });
    expect(again).toBe(first);
    await system.ended(first);
    const sagas = await system.orchestrator!.dataSource.query('SELECT count(*)::int AS n FROM sagas WHERE idempotency_key = $1', [
      'checkout-42',
    ]);
    expect(sagas).toEqual([{ n: 1 }]);
  });

  describe("the seed document's requests", () => {
    const seedOrder = () => ({
      products: [{ product_id: system.productIds[0], quantity: 2 }],
      shipping_address: '123 Main St',
      billing_address: '123 Main St, Springfield ',
      payment_method: 'credit_card',
    });

    it('completes an order with string addresses, kept as given in the order and its shipment', async () => {
      const accepted = await request(system.orchestrator!.http)
        .post(`/api/v1/customers/${system.customerId}/order-processing`)
        .send(seedOrder())
        .expect(202);
      const saga = await system.ended(accepted.body.saga_id);
      expect(saga).toMatchObject({
        status: 'COMPLETED',
        shipping_address: '123 Main St',
        billing_address: '123 Main St, Springfield ',
      });
      for (const step of saga.steps) expect(step).toMatchObject({ status: 'SUCCESS', duration: expect.any(Number) });
      const order = await request(system.ecommerce!.http).get(`/api/v1/orders/${saga.order_id}`).expect(200);
      expect(order.body).toMatchObject({
        status: 'CONFIRMED',
        shipping_address: '123 Main St',
        billing_address: '123 Main St, Springfield ',
        shipment: { shipping_address: '123 Main St' },
      });
    });

    it('places an order with POST /api/v1/orders: the same saga, to the end', async () => {
      const accepted = await request(system.orchestrator!.http)
        .post('/api/v1/orders')
        .send({ customer_id: system.customerId, ...seedOrder() })
        .expect(202);
      // Written already running its first step: this instance drives it at once.
      expect(accepted.body).toMatchObject({ status: 'STOCK_CHECKING', message: 'Order processing started' });
      const saga = await system.ended(accepted.body.saga_id);
      expect(saga).toMatchObject({ status: 'COMPLETED', customer_id: system.customerId });
      expect(saga.steps.map((s: { step: string }) => s.step)).toEqual([
        'CHECK_STOCK',
        'RESERVE_STOCK',
        'CREATE_ORDER',
        'PROCESS_PAYMENT',
        'CONFIRM_ORDER',
      ]);
    });

    it("answers the POST with the outcome when asked to wait (Prefer: wait=N): 201, the saga's address, one request", async () => {
      const placed = await request(system.orchestrator!.http)
        .post('/api/v1/orders')
        .set('Prefer', 'wait=10')
        .send({ customer_id: system.customerId, ...seedOrder() })
        .expect(201);
      expect(placed.headers['preference-applied']).toBe('wait=10');
      expect(placed.headers.location).toBe(`/api/v1/sagas/${placed.body.saga_id}`);
      expect(placed.body).toMatchObject({ status: 'COMPLETED', order_id: expect.any(Number), failure_reason: null });
      expect(await system.saga(placed.body.saga_id)).toMatchObject({ status: 'COMPLETED', order_id: placed.body.order_id });

      const declined = await request(system.orchestrator!.http)
        .post(`/api/v1/customers/${system.customerId}/order-processing`)
        .set('Prefer', 'respond-async, wait=10')
        .send({ ...seedOrder(), payment_method: 'declined_card' })
        .expect(201);
      expect(declined.body).toMatchObject({ status: 'COMPENSATED', failure_reason: 'PROCESS_PAYMENT: CARD_DECLINED' });
    });

    it('answers GET /api/v1/health: 200 ok when all answer, 503 degraded naming a participant that does not', async () => {
      const up = await request(system.orchestrator!.http).get('/api/v1/health').expect(200);
      expect(up.body).toMatchObject({
        status: 'ok',
        services: { 'saga-orchestrator': { status: 'up' }, inventory: { status: 'up' }, ecommerce: { status: 'up' } },
      });
      await system.stopEcommerce();
      try {
        const down = await request(system.orchestrator!.http).get('/api/v1/health').expect(503);
        expect(down.body).toMatchObject({
          status: 'degraded',
          services: { inventory: { status: 'up' }, ecommerce: { status: 'down', error: expect.any(String) } },
        });
      } finally {
        await system.startEcommerce();
      }
    });
  });
});
