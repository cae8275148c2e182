import request from 'supertest';
import { PlaceOrderService } from '../../ecommerce/src/orders/place-order.service';
import { OrderSystem } from './order-system';

const historyOf = (saga: { history: Array<{ kind: string; name: string; status: string }> }) =>
  saga.history.map((entry) => `${entry.kind}:${entry.name}:${entry.status}`);

async function until(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('order-processing saga when participants fail', () => {
  describe('with patient retries', () => {
    let system: OrderSystem;

    beforeAll(async () => {
      system = await OrderSystem.start(1, { SAGA_MAX_ATTEMPTS: '200', SAGA_DEADLINE_SECONDS: '60' });
    });

    afterAll(() => system.close());

    beforeEach(() => system.givenStock(10));

    it('retries a participant that is stopped, then completes once it is back', async () => {
      await system.stopEcommerce();
      const sagaId = await system.placeOrder([[system.productIds[0], 2]]);
      await until(async () => historyOf(await system.saga(sagaId)).includes('STEP:CREATE_ORDER:RETRYING'));
      await system.startEcommerce();

      const saga = await system.ended(sagaId);
      expect(saga.status).toBe('COMPLETED');
      const createOrder = saga.steps.find((step: { step: string }) => step.step === 'CREATE_ORDER');
      expect(createOrder).toMatchObject({ status: 'SUCCESS', attempts: expect.any(Number) });
      expect(createOrder.attempts).toBeGreaterThan(1);
      expect(await system.stock()).toMatchObject({ onHand: 8, reserved: 0 });
      expect((await system.payments()).filter((payment) => payment.orderId === saga.order_id)).toHaveLength(1);
    });

    it('keeps confirming after payment until it succeeds: paid orders only move forward', async () => {
      await system.stopInventory();
      await system.startInventory();
      const sagaId = await system.placeOrder([[system.productIds[0], 1]]);
      await until(
        async () =>
          (await system.saga(sagaId)).status === 'PAYMENT_COMPLETED' || (await system.saga(sagaId)).status === 'COMPLETED',
      );
      const status = (await system.saga(sagaId)).status;
      if (status === 'PAYMENT_COMPLETED') {
        await system.stopInventory();
        await new Promise((resolve) => setTimeout(resolve, 300));
        await system.startInventory();
      }
      const saga = await system.ended(sagaId);
      expect(saga.status).toBe('COMPLETED');
      expect(saga.compensations).toEqual([]);
    });

    it('after a timeout, asks the participant what happened instead of sending the command again', async () => {
      const orders = system.ecommerce!.app.get(PlaceOrderService);
      const place = orders.place.bind(orders);
      // The order is created and paid, but the reply comes after the orchestrator stopped waiting.
      const slowPlace = jest.spyOn(orders, 'place').mockImplementation(async (command) => {
        const reply = await place(command);
        await new Promise((resolve) => setTimeout(resolve, 400));
        return reply;
      });
      const impatient = await system.startOrchestrator({ SAGA_CALL_TIMEOUT_MS: '150', SAGA_MAX_ATTEMPTS: '200' });
      try {
        const response = await request(impatient.http)
          .post(`/api/v1/customers/${system.customerId}/order-processing`)
          .send({
            products: [{ product_id: system.productIds[0], quantity: 1 }],
            shipping_address: { street: 's', city: 'c', postal_code: '1', country: 'FR' },
            billing_address: { street: 's', city: 'c', postal_code: '1', country: 'FR' },
            payment_method: 'credit_card',
          })
          .expect(202);
        const saga = await system.ended(response.body.saga_id);
        expect(saga.status).toBe('COMPLETED');
        expect(historyOf(saga).filter((entry) => entry.startsWith('STEP:CREATE_ORDER'))).toEqual([
          'STEP:CREATE_ORDER:RETRYING',
          'STEP:CREATE_ORDER:SUCCESS',
        ]);
        expect(slowPlace).toHaveBeenCalledTimes(1);
      } finally {
        slowPlace.mockRestore();
        await system.stopOrchestrator(impatient);
      }
    });

    it('answers a POST that asks to wait (Prefer: wait) with 202 when the saga has not ended by then', async () => {
      await system.stopEcommerce();
      let sagaId: string | undefined;
      try {
        const placed = await request(system.orchestrator!.http)
          .post('/api/v1/orders')
          .set('Prefer', 'wait=1')
          .send({
            customer_id: system.customerId,
            products: [{ product_id: system.productIds[0], quantity: 1 }],
            shipping_address: '1 rue de Rivoli',
            billing_address: '1 rue de Rivoli',
            payment_method: 'credit_card',
          })
          .expect(202);
        sagaId = placed.body.saga_id;
        expect(placed.headers['preference-applied']).toBe('wait=1');
        expect(placed.body.status).toBe('STOCK_RESERVED');
      } finally {
        await system.startEcommerce();
      }
      expect((await system.ended(sagaId!)).status).toBe('COMPLETED');
    });

    it('compensates a saga that misses its deadline', async () => {
      const short = await system.startOrchestrator({ SAGA_DEADLINE_SECONDS: '1', SAGA_MAX_ATTEMPTS: '200' });
      await system.stopEcommerce();
      const response = await request(short.http)
        .post(`/api/v1/customers/${system.customerId}/order-processing`)
        .send({
          products: [{ product_id: system.productIds[0], quantity: 4 }],
          shipping_address: { street: 's', city: 'c', postal_code: '1', country: 'FR' },
          billing_address: { street: 's', city: 'c', postal_code: '1', country: 'FR' },
          payment_method: 'credit_card',
        })
        .expect(202);
      await new Promise((resolve) => setTimeout(resolve, 1200));
      await system.startEcommerce();

      const saga = await system.ended(response.body.saga_id);
      expect(saga.status).toBe('COMPENSATED');
      expect(saga.failure_reason).toMatch(/^DEADLINE_EXCEEDED/);
      // The order's call may have charged the card before ecommerce went away: its refund comes first.
      expect(saga.compensations.map((c: { compensation: string }) => c.compensation)).toEqual([
        'REFUND_PAYMENT',
        'CANCEL_ORDER',
        'RELEASE_STOCK',
      ]);
      expect(await system.stock()).toMatchObject({ onHand: 10, reserved: 0 });
      await system.stopOrchestrator(short);
    });
  });

  describe('with few retries', () => {
    let system: OrderSystem;

    beforeAll(async () => {
      system = await OrderSystem.start(1, { SAGA_MAX_ATTEMPTS: '3' });
      await system.givenStock(10);
    });

    afterAll(() => system.close());

    it('gives up a step, then a compensation, ends FAILED with the reason, and resumes on an operator retry', async () => {
      await system.stopEcommerce();
      const sagaId = await system.placeOrder([[system.productIds[0], 5]]);

      const failed = await system.ended(sagaId);
      expect(failed.status).toBe('FAILED');
      expect(failed.failure_reason).toMatch(/^CREATE_ORDER: gave up after 3 attempts: .*; REFUND_PAYMENT failed: /);
      expect(failed.compensations.map((c: { compensation: string; status: string }) => [c.compensation, c.status])).toEqual([
        ['REFUND_PAYMENT', 'FAILED'],
      ]);
      // The stock is still held, and says by whom: nothing was silently dropped.
      expect(await system.stock()).toMatchObject({ reserved: 5 });
      const metrics = await request(system.orchestrator!.http).get('/metrics').expect(200);
      expect(metrics.text).toMatch(/saga_orchestrator_compensation_failures_total\{compensation_type="REFUND_PAYMENT"\} [1-9]/);

      await system.startEcommerce();
      const retry = await request(system.orchestrator!.http).post(`/api/v1/sagas/${sagaId}/retry`).expect(202);
      expect(retry.body).toMatchObject({ saga_id: sagaId, status: 'COMPENSATING' });

      const saga = await system.ended(sagaId);
      expect(saga.status).toBe('COMPENSATED');
      expect(historyOf(saga)).toContain('RETRY:COMPENSATING:REQUESTED');
      expect(await system.stock()).toMatchObject({ onHand: 10, reserved: 0 });
    });

    it('refuses to retry a saga that has not failed', async () => {
      const sagaId = await system.placeOrder([[system.productIds[0], 1]]);
      await system.ended(sagaId);
      const response = await request(system.orchestrator!.http).post(`/api/v1/sagas/${sagaId}/retry`).expect(409);
      expect(response.body.code).toBe('SAGA_NOT_RETRYABLE');
    });
  });
});
