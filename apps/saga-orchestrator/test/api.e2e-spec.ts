import { TestApp, createTestApp, freePort } from '@app/testing';
import request from 'supertest';
import { sagaOrchestratorService } from '../src/saga-orchestrator.service';
import { SagasRepository } from '../src/sagas/sagas.repository';

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
    // Its participants' addresses are free ports where nothing listens: they are down, whatever else runs here.
    const [inventory, ecommerce] = [await freePort(), await freePort()];
    t = await createTestApp(sagaOrchestratorService, {
      env: {
        SAGA_MAX_IN_FLIGHT: '0',
        INVENTORY_TCP_URL: `127.0.0.1:${inventory}`,
        ECOMMERCE_TCP_URL: `127.0.0.1:${ecommerce}`,
      },
    });
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

    it("accepts the seed document's string addresses and shows them exactly as given", async () => {
      const body = { ...valid(), shipping_address: '123 Main St', billing_address: '  Flat 2, 123 Main St\nSpringfield ' };
      const { body: accepted } = await start(body, 321).expect(202);
      const saga = await request(t.http).get(`/api/v1/sagas/${accepted.saga_id}`).expect(200);
      expect(saga.body).toMatchObject({
        shipping_address: '123 Main St',
        billing_address: '  Flat 2, 123 Main St\nSpringfield ',
      });
      const [row] = await t.dataSource.query('SELECT request FROM sagas WHERE id = $1', [accepted.saga_id]);
      expect(row.request).toMatchObject({
        shipping_address: '123 Main St',
        billing_address: '  Flat 2, 123 Main St\nSpringfield ',
      });
    });

    it.each([
      ['shipping_address', ''],
      ['shipping_address', '   '],
      ['billing_address', '\t\n'],
      ['billing_address', 'x'.repeat(501)],
      ['shipping_address', 42],
      ['shipping_address', null],
      ['billing_address', ['123 Main St']],
      ['billing_address', { ...ADDRESS, planet: 'Mars' }],
    ])('refuses %s %j with a 400 naming it', async (field, value) => {
      const response = await start({ ...valid(), [field]: value }).expect(400);
      const fields = response.body.errors.map((e: { field: string }) => e.field);
      expect(fields.some((f: string) => f === field || f.startsWith(`${field}.`))).toBe(true);
    });

    it('accepts a string address of 500 characters', async () => {
      await start({ ...valid(), shipping_address: 'x'.repeat(500) }).expect(202);
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

  describe('POST /api/v1/orders', () => {
    const place = (body: object) => request(t.http).post('/api/v1/orders').send(body);

    it('starts the same saga as order-processing, the customer in the body, and answers as it does', async () => {
      const response = await place({ customer_id: 123, ...valid(), shipping_address: '123 Main St' }).expect(202);
      expect(response.body).toEqual({
        saga_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        status: 'PENDING',
        message: 'Order processing started',
      });
      const saga = await request(t.http).get(`/api/v1/sagas/${response.body.saga_id}`).expect(200);
      expect(saga.body).toMatchObject({ customer_id: 123, shipping_address: '123 Main St', status: 'PENDING' });
    });

    it('shares Idempotency-Keys with order-processing for the same customer and order', async () => {
      const first = await start(valid(), 4321).set('Idempotency-Key', 'seed-order-1').expect(202);
      const again = await place({ customer_id: 4321, ...valid() })
        .set('Idempotency-Key', 'seed-order-1')
        .expect(202);
      expect(again.body).toEqual({
        saga_id: first.body.saga_id,
        status: 'PENDING',
        message: 'Order processing already started with this Idempotency-Key',
      });
      const changed = await place({ customer_id: 4321, ...valid(), payment_method: 'paypal' })
        .set('Idempotency-Key', 'seed-order-1')
        .expect(409);
      expect(changed.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    });

    it.each([
      [{ ...valid() }, 'customer_id'],
      [{ ...valid(), customer_id: 0 }, 'customer_id'],
      [{ ...valid(), customer_id: '123' }, 'customer_id'],
      [{ ...valid(), customer_id: 1, shipping_address: ' ' }, 'shipping_address'],
      [{ ...valid(), customer_id: 1, products: [] }, 'products'],
    ])('refuses %j naming %s', async (body, field) => {
      const response = await place(body).expect(400);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    });
  });

  describe('OpenAPI', () => {
    it('describes an order address as a string or a structured address (oneOf)', async () => {
      const { body: document } = await request(t.http).get('/docs-json').expect(200);
      const schemas = document.components.schemas;
      const union = [
        expect.objectContaining({ type: 'string', minLength: 1, maxLength: 500 }),
        { $ref: '#/components/schemas/AddressDto' },
      ];
      for (const dto of ['StartOrderProcessingDto', 'PlaceOrderDto']) {
        expect(schemas[dto].properties.shipping_address.oneOf).toEqual(union);
        expect(schemas[dto].properties.billing_address.oneOf).toEqual(union);
      }
      expect(schemas.PlaceOrderDto.required).toEqual(expect.arrayContaining(['customer_id', 'products', 'shipping_address']));
      expect(schemas.AddressDto.properties).toHaveProperty('postal_code');
      expect(schemas.SagaResponse.properties.shipping_address.oneOf).toEqual([
        { type: 'string' },
        { $ref: '#/components/schemas/AddressDto' },
      ]);
      expect(schemas.SagaStepView.properties.status.enum).toEqual(['SUCCESS', 'FAILED', 'RETRYING', 'RUNNING']);
      expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/api/v1/orders', '/api/v1/health']));
    });
  });

  describe('GET /api/v1/health', () => {
    it('answers 503 degraded, naming the participants that do not answer, with its own database up', async () => {
      // Nothing listens where this instance looks for inventory and ecommerce.
      const response = await request(t.http).get('/api/v1/health').expect(503);
      expect(response.body).toEqual({
        status: 'degraded',
        services: {
          'saga-orchestrator': { status: 'up', duration: expect.any(Number) },
          inventory: { status: 'down', duration: expect.any(Number), error: expect.any(String) },
          ecommerce: { status: 'down', duration: expect.any(Number), error: expect.any(String) },
        },
        checked_at: expect.any(String),
      });
    });

    it('leaves the service readiness at /health as it was', async () => {
      const response = await request(t.http).get('/health').expect(200);
      expect(response.body.status).toBe('ok');
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
        products: [{ product_id: 1, quantity: 2 }],
        shipping_address: ADDRESS,
        billing_address: ADDRESS,
        payment_method: 'credit_card',
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

    it('lists the sagas still running (ended=false) or the ended ones (ended=true)', async () => {
      const { body } = await start(valid(), 779).expect(202);
      await t.dataSource.query(`UPDATE sagas SET status = 'COMPENSATED' WHERE id = $1`, [body.saga_id]);
      await start(valid(), 779).expect(202);

      const running = await request(t.http).get('/api/v1/sagas?customer_id=779&ended=false').expect(200);
      expect(running.body.data.map((saga: { status: string }) => saga.status)).toEqual(['PENDING']);
      const ended = await request(t.http).get('/api/v1/sagas?customer_id=779&ended=true').expect(200);
      expect(ended.body.data).toEqual([expect.objectContaining({ saga_id: body.saga_id, status: 'COMPENSATED' })]);
      const refused = await request(t.http).get('/api/v1/sagas?ended=maybe').expect(400);
      expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'ended' })]);
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
    // No saga has ended in this instance, yet every outcome's series is there at 0, so that rate() sees the first.
    for (const status of ['COMPLETED', 'COMPENSATED', 'FAILED']) {
      expect(metrics.text).toContain(`saga_orchestrator_sagas_total{status="${status}"} 0`);
      expect(metrics.text).toContain(`saga_orchestrator_saga_duration_seconds_count{status="${status}"} 0`);
    }
  });

  it('counts the sagas not ended for good by status, FAILED ones included, and those past their deadline', async () => {
    for (const customer of [701, 702, 703, 704, 705]) await start(valid(), customer).expect(202);
    await t.dataSource.query(
      `UPDATE sagas SET status = CASE customer_id WHEN 701 THEN 'COMPLETED' WHEN 702 THEN 'COMPENSATED' WHEN 703 THEN 'FAILED'
         WHEN 704 THEN 'PAYMENT_PROCESSING' ELSE status END,
         deadline_at = CASE WHEN customer_id IN (703, 704) THEN now() - interval '2 minutes' ELSE deadline_at END
       WHERE customer_id BETWEEN 701 AND 705`,
    );
    const expected: Array<{ status: string; n: number }> = await t.dataSource.query(
      `SELECT status, count(*)::int AS n FROM sagas WHERE status NOT IN ('COMPLETED', 'COMPENSATED') GROUP BY status`,
    );
    const counts = await t.app.get(SagasRepository).countsByStatus();
    expect(counts.byStatus).toEqual(Object.fromEntries(expected.map((row) => [row.status, row.n])));
    expect(counts.byStatus).toMatchObject({ FAILED: 1, PAYMENT_PROCESSING: 1 });
    expect(counts.byStatus).not.toHaveProperty('COMPLETED');
    expect(counts.stuck).toBe(1); // the FAILED one waits for an operator, it is not stuck
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
