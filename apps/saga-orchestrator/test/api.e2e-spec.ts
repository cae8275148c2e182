import { TestApp, createTestApp } from '@app/testing';
import request from 'supertest';
import { sagaOrchestratorService } from '../src/saga-orchestrator.service';

const ADDRESS = { street: '1 rue de Rivoli', city: 'Paris', postal_code: '75001', country: 'FR' };
const valid = () => ({
  products: [{ product_id: 1, quantity: 2 }],
  shipping_address: ADDRESS,
  billing_address: ADDRESS,
  payment_method: 'credit_card',
});

/** The HTTP API on its own. */
describe('saga orchestrator API', () => {
  let t: TestApp;

  beforeAll(async () => {
    // An instance that only takes requests (no driving): sagas stay PENDING while the API is examined.
    t = await createTestApp(sagaOrchestratorService, { env: { SAGA_MAX_IN_FLIGHT: '0' } });
  });

  afterAll(() => t.close());

  const start = (body: object, customer: string | number = 123) =>
    request(t.http).post(`/api/v1/customers/${customer}/order-processing`).send(body);

  describe('POST /api/v1/customers/{customer_id}/order-processing', () => {
    it('answers 202 with the saga id, PENDING', async () => {
      const response = await start(valid()).expect(202);
      expect(response.body).toEqual({
        saga_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        status: 'PENDING',
        message: 'Order processing started',
      });
    });

    it.each([
      [{ ...valid(), products: [] }, 'products'],
      [{ ...valid(), products: [{ product_id: 1, quantity: 0 }] }, 'products.0.quantity'],
      [{ ...valid(), products: [{ product_id: 1, quantity: -3 }] }, 'products.0.quantity'],
      [{ ...valid(), products: [{ product_id: 'one', quantity: 1 }] }, 'products.0.product_id'],
      [{ ...valid(), shipping_address: undefined }, 'shipping_address'],
      [{ ...valid(), billing_address: { ...ADDRESS, country: 'France' } }, 'billing_address.country'],
      [{ ...valid(), payment_method: 'cash' }, 'payment_method'],
      [{ ...valid(), coupon: 'FREE' }, 'coupon'],
    ])('rejects %j naming %s, and starts nothing', async (body, field) => {
      const before = await t.dataSource.query('SELECT count(*)::int AS n FROM sagas');
      const response = await start(body).expect(400);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      expect(await t.dataSource.query('SELECT count(*)::int AS n FROM sagas')).toEqual(before);
    });

    it.each(['0', 'abc', '99999999999'])('rejects the customer id %s', async (customer) => {
      const response = await start(valid(), customer).expect(400);
      expect(response.body.errors[0].field).toBe('customer_id');
    });

    it('returns the same saga for a repeated Idempotency-Key, and 409 when the order differs', async () => {
      const first = await start(valid()).set('Idempotency-Key', 'order-7').expect(202);
      const again = await start(valid()).set('Idempotency-Key', 'order-7').expect(202);
      expect(again.body.saga_id).toBe(first.body.saga_id);
      const other = await start(valid(), 124).set('Idempotency-Key', 'order-7').expect(202);
      expect(other.body.saga_id).not.toBe(first.body.saga_id);
      const changed = await start({ ...valid(), products: [{ product_id: 1, quantity: 3 }] })
        .set('Idempotency-Key', 'order-7')
        .expect(409);
      expect(changed.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    });
  });

  describe('GET /api/v1/sagas', () => {
    it('shows one saga in the seed shape', async () => {
      const { body: accepted } = await start(valid(), 555).expect(202);
      const response = await request(t.http).get(`/api/v1/sagas/${accepted.saga_id}`).expect(200);
      expect(response.body).toEqual({
        saga_id: accepted.saga_id,
        customer_id: 555,
        status: 'PENDING',
        created_at: expect.any(String),
        updated_at: expect.any(String),
        duration: expect.any(Number),
        steps: [],
        compensations: [],
        order_id: null,
        payment_id: null,
        failure_reason: null,
        history: [],
      });
    });

    it('answers 404 for an unknown saga and 400 for a malformed id', async () => {
      const missing = await request(t.http).get('/api/v1/sagas/3f2504e0-4f89-41d3-9a0c-0305e82c3301').expect(404);
      expect(missing.body.code).toBe('SAGA_NOT_FOUND');
      await request(t.http).get('/api/v1/sagas/not-a-uuid').expect(400);
      await request(t.http).post('/api/v1/sagas/3f2504e0-4f89-41d3-9a0c-0305e82c3301/retry').expect(404);
    });

    it('lists newest first, filtered by status and customer, with paging', async () => {
      await start(valid(), 777).expect(202);
      await start(valid(), 777).expect(202);
      const response = await request(t.http).get('/api/v1/sagas?customer_id=777&status=PENDING&limit=1').expect(200);
      expect(response.body).toMatchObject({ total: 2, limit: 1, offset: 0 });
      expect(response.body.data[0]).toMatchObject({ customer_id: 777, status: 'PENDING' });
      const all = await request(t.http).get('/api/v1/sagas').expect(200);
      const created = all.body.data.map((saga: { created_at: string }) => saga.created_at);
      expect([...created].sort().reverse()).toEqual(created);
      await request(t.http).get('/api/v1/sagas?status=DONE').expect(400);
    });

    it('refuses to retry a saga that has not failed', async () => {
      const { body } = await start(valid(), 888).expect(202);
      const response = await request(t.http).post(`/api/v1/sagas/${body.saga_id}/retry`).expect(409);
      expect(response.body.code).toBe('SAGA_NOT_RETRYABLE');
    });
  });

  it('exposes the saga metrics under the seed names', async () => {
    const metrics = await request(t.http).get('/metrics').expect(200);
    for (const name of [
      'saga_orchestrator_sagas_total',
      'saga_orchestrator_saga_duration_seconds',
      'saga_orchestrator_saga_steps_total',
      'saga_orchestrator_compensations_total',
      'saga_orchestrator_service_calls_total',
      'saga_orchestrator_sagas_in_flight',
    ]) {
      expect(metrics.text).toContain(`# TYPE ${name}`);
    }
    expect(metrics.text).toMatch(/saga_orchestrator_sagas_total\{status="STARTED"\} \d+/);
  });

  it('exposes the latest saga (one series) and the database pool', async () => {
    const { body } = await start(valid(), 999).expect(202);
    const metrics = await request(t.http).get('/metrics').expect(200);
    const latest = metrics.text.split('\n').filter((line) => line.startsWith('saga_orchestrator_latest_saga_timestamp_seconds{'));
    expect(latest).toEqual([expect.stringContaining(`{saga_id="${body.saga_id}",status="PENDING"}`)]);
    expect(metrics.text).toMatch(/^db_pool_connections\{state="total"\} [1-9]/m);
    expect(metrics.text).toMatch(/^db_pool_max_connections 20$/m);
  });
});
