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
      ['CHECK_STOCK', 'SUCCEEDED'],
      ['RESERVE_STOCK', 'SUCCEEDED'],
      ['CREATE_ORDER', 'SUCCEEDED'],
      ['PROCESS_PAYMENT', 'SUCCEEDED'],
      ['CONFIRM_ORDER', 'SUCCEEDED'],
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
      ['RELEASE_STOCK', 'SUCCEEDED'],
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
});
