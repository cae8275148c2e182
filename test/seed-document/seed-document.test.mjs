// The seed document's requests, replayed verbatim through the gateway of a running system (`npm start`), each
// checked for its status and the fields the seed shows. Front-end authors read that document: what it prints
// must work as printed.
//   GATEWAY_URL=http://127.0.0.1:8000 node --test test/seed-document/
// Needs the demo data (customers 1..11 and 123, not 99999; products 1.. with stock at the warehouse).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

const GATEWAY_URL = (process.env.GATEWAY_URL ?? 'http://127.0.0.1:8000').replace(/\/$/, '');
const API_KEY = 'admin-key-12345';
const STEPS = ['CHECK_STOCK', 'RESERVE_STOCK', 'CREATE_ORDER', 'PROCESS_PAYMENT', 'CONFIRM_ORDER'];

/**
 * One request as the seed prints it: `curl -X METHOD $GATEWAY_URL/path -H 'X-API-Key: …' -H 'Content-Type: …' -d '…'`.
 * The body is the literal JSON text, sent as it is.
 */
async function curl(method, path, { headers = {}, body } = {}) {
  const response = await fetch(GATEWAY_URL + path, {
    method,
    headers: { 'X-API-Key': API_KEY, ...(body !== undefined && { 'Content-Type': 'application/json' }), ...headers },
    body,
    signal: AbortSignal.timeout(40_000),
  });
  const text = await response.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

function expectStatus(reply, status, what) {
  assert.equal(reply.status, status, `${what}: expected ${status}, got ${reply.status}: ${reply.text.slice(0, 500)}`);
}

/** GET /api/v1/sagas/{saga_id}, waiting (server side) until the saga has ended. */
async function sagaWhenEnded(sagaId) {
  for (let round = 0; round < 4; round++) {
    const reply = await curl('GET', `/api/v1/sagas/${sagaId}?wait_seconds=10`);
    expectStatus(reply, 200, `GET /api/v1/sagas/${sagaId}`);
    if (['COMPLETED', 'COMPENSATED', 'FAILED'].includes(reply.json.status)) return reply.json;
  }
  assert.fail(`saga ${sagaId} did not end within 40 s`);
}

function assertAccepted(reply, what) {
  expectStatus(reply, 202, what);
  assert.match(reply.json.saga_id, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, `${what}: saga_id`);
  assert.equal(typeof reply.json.status, 'string', `${what}: status`);
  assert.equal(typeof reply.json.message, 'string', `${what}: message`);
}

function assertCompletedInSeedShape(saga, sagaId) {
  assert.equal(saga.saga_id, sagaId);
  assert.equal(saga.status, 'COMPLETED', `saga ${sagaId}: ${saga.failure_reason ?? ''}`);
  assert.deepEqual(
    saga.steps.map((step) => step.step),
    STEPS,
  );
  for (const step of saga.steps) {
    assert.equal(step.status, 'SUCCESS', `${step.step} status`);
    assert.equal(typeof step.duration, 'number', `${step.step} duration`);
    assert.ok(Number.isFinite(step.duration) && step.duration >= 0, `${step.step} duration ${step.duration}`);
  }
}

describe('the seed document, through the gateway', () => {
  describe('order processing', () => {
    let completedSagaId;

    it('POST /api/v1/customers/123/order-processing: 202, saga_id and status; the saga completes in the seed shape', async () => {
      const reply = await curl('POST', '/api/v1/customers/123/order-processing', {
        body: '{"products":[{"product_id":1,"quantity":2}],"shipping_address":"123 Main St","billing_address":"123 Main St","payment_method":"credit_card"}',
      });
      assertAccepted(reply, 'order-processing for customer 123');
      completedSagaId = reply.json.saga_id;

      const saga = await sagaWhenEnded(completedSagaId);
      assertCompletedInSeedShape(saga, completedSagaId);
      // The addresses are shown as they were given.
      assert.equal(saga.shipping_address, '123 Main St');
      assert.equal(saga.billing_address, '123 Main St');

      const order = await curl('GET', `/api/v1/orders/${saga.order_id}`);
      expectStatus(order, 200, `GET /api/v1/orders/${saga.order_id}`);
      assert.equal(order.json.shipping_address, '123 Main St');
      assert.equal(order.json.billing_address, '123 Main St');
    });

    it('GET /api/v1/sagas/{saga_id}: saga_id, status COMPLETED, five steps SUCCESS with a numeric duration', async () => {
      assert.ok(completedSagaId, 'needs the saga of the first request');
      const reply = await curl('GET', `/api/v1/sagas/${completedSagaId}`);
      expectStatus(reply, 200, 'GET /api/v1/sagas/{saga_id}');
      assertCompletedInSeedShape(reply.json, completedSagaId);
    });

    it('POST /api/v1/customers/99999/order-processing (no such customer): 202; the saga is compensated, stock released', async () => {
      const reply = await curl('POST', '/api/v1/customers/99999/order-processing', {
        body: '{"products":[{"product_id":1,"quantity":2}],"shipping_address":"123 Main St","billing_address":"123 Main St","payment_method":"credit_card"}',
      });
      assertAccepted(reply, 'order-processing for customer 99999');
      const saga = await sagaWhenEnded(reply.json.saga_id);
      assert.equal(saga.status, 'COMPENSATED');
      assert.deepEqual(
        saga.compensations.map((c) => [c.compensation, c.status]),
        [['RELEASE_STOCK', 'SUCCESS']],
      );
      const createOrder = saga.steps.find((step) => step.step === 'CREATE_ORDER');
      assert.equal(createOrder?.status, 'FAILED');
    });

    it('GET /api/v1/sagas?limit=10: a page of at most 10 sagas, newest first', async () => {
      const reply = await curl('GET', '/api/v1/sagas?limit=10');
      expectStatus(reply, 200, 'GET /api/v1/sagas?limit=10');
      assert.ok(Array.isArray(reply.json.data) && reply.json.data.length >= 1 && reply.json.data.length <= 10);
      assert.equal(typeof reply.json.total, 'number');
      for (const saga of reply.json.data) {
        assert.match(saga.saga_id, /^[0-9a-f-]{36}$/);
        assert.equal(typeof saga.status, 'string');
        assert.equal(typeof saga.duration, 'number');
      }
    });

    it('POST /api/v1/orders with customer_id in the body: 202 as order-processing, and the saga completes', async () => {
      const reply = await curl('POST', '/api/v1/orders', {
        body: '{"customer_id":123,"products":[{"product_id":1,"quantity":2}],"shipping_address":"123 Main St","billing_address":"123 Main St","payment_method":"credit_card"}',
      });
      assertAccepted(reply, 'POST /api/v1/orders');
      const saga = await sagaWhenEnded(reply.json.saga_id);
      assertCompletedInSeedShape(saga, reply.json.saga_id);
      assert.equal(saga.customer_id, 123);
    });

    it('POST /api/v1/orders honours Idempotency-Key: the same request again is the same saga', async () => {
      const key = `seed-document-${Date.now()}-${process.pid}`;
      const body =
        '{"customer_id":123,"products":[{"product_id":1,"quantity":1}],"shipping_address":"123 Main St","billing_address":"123 Main St","payment_method":"credit_card"}';
      const first = await curl('POST', '/api/v1/orders', { headers: { 'Idempotency-Key': key }, body });
      const again = await curl('POST', '/api/v1/orders', { headers: { 'Idempotency-Key': key }, body });
      assertAccepted(first, 'first POST /api/v1/orders');
      assertAccepted(again, 'repeated POST /api/v1/orders');
      assert.equal(again.json.saga_id, first.json.saga_id);
      await sagaWhenEnded(first.json.saga_id);
    });

    it('refuses a blank address with a 400 naming the field', async () => {
      const reply = await curl('POST', '/api/v1/customers/123/order-processing', {
        body: '{"products":[{"product_id":1,"quantity":2}],"shipping_address":"   ","billing_address":"123 Main St","payment_method":"credit_card"}',
      });
      expectStatus(reply, 400, 'blank shipping_address');
      assert.ok(
        reply.json.errors.some((error) => error.field === 'shipping_address'),
        reply.text,
      );
    });
  });

  describe('health', () => {
    it('GET /api/v1/health with the key: 200, status ok, every service up', async () => {
      const reply = await curl('GET', '/api/v1/health');
      expectStatus(reply, 200, 'GET /api/v1/health');
      assert.equal(reply.json.status, 'ok');
      for (const service of ['saga-orchestrator', 'inventory', 'ecommerce']) {
        assert.equal(reply.json.services[service]?.status, 'up', `${service}: ${JSON.stringify(reply.json.services[service])}`);
      }
    });

    it('GET /api/v1/health without a key (a monitor): the same answer', async () => {
      const response = await fetch(`${GATEWAY_URL}/api/v1/health`, { signal: AbortSignal.timeout(10_000) });
      assert.equal(response.status, 200);
      assert.equal((await response.json()).status, 'ok');
    });
  });

  describe('catalogue and stock', () => {
    it('GET /api/v1/products: a page of products', async () => {
      const reply = await curl('GET', '/api/v1/products');
      expectStatus(reply, 200, 'GET /api/v1/products');
      assert.ok(reply.json.data.length > 0 && reply.json.total > 0);
      assert.ok(reply.json.data.every((product) => typeof product.id === 'number' && typeof product.sku === 'string'));
    });

    it('GET /api/v1/products/1: product 1', async () => {
      const reply = await curl('GET', '/api/v1/products/1');
      expectStatus(reply, 200, 'GET /api/v1/products/1');
      assert.equal(reply.json.id, 1);
      assert.equal(typeof reply.json.name, 'string');
      assert.equal(typeof reply.json.price, 'string');
    });

    it('GET /api/v1/categories: a page of categories', async () => {
      const reply = await curl('GET', '/api/v1/categories');
      expectStatus(reply, 200, 'GET /api/v1/categories');
      assert.ok(reply.json.data.length > 0);
    });

    it('GET /api/v1/stock?product_id=1: product 1 in stock', async () => {
      const reply = await curl('GET', '/api/v1/stock?product_id=1');
      expectStatus(reply, 200, 'GET /api/v1/stock?product_id=1');
      assert.ok(reply.json.data.length > 0);
      assert.ok(reply.json.data.every((level) => level.product_id === 1));
      assert.ok(reply.json.data.some((level) => level.available > 0));
    });

    it('POST /api/v1/products: 201 with the new product', async () => {
      const sku = `SEED-${Date.now()}-${process.pid}`;
      const reply = await curl('POST', '/api/v1/products', {
        body: `{"sku":"${sku}","name":"Seed document product","price":"29.99","category_id":1}`,
      });
      expectStatus(reply, 201, 'POST /api/v1/products');
      assert.equal(reply.json.sku, sku);
      assert.equal(reply.json.price, '29.99');
      assert.equal(reply.json.category_id, 1);
      assert.equal(typeof reply.json.id, 'number');
    });
  });

  describe('stores and reports', () => {
    it('GET /api/v1/stores: a page of stores', async () => {
      const reply = await curl('GET', '/api/v1/stores');
      expectStatus(reply, 200, 'GET /api/v1/stores');
      assert.ok(reply.json.data.length > 0);
    });

    it('GET /api/v1/reports/sales: 200 JSON', async () => {
      const reply = await curl('GET', '/api/v1/reports/sales');
      expectStatus(reply, 200, 'GET /api/v1/reports/sales');
      assert.equal(typeof reply.json, 'object');
    });

    it('GET /api/v1/dashboards: 200 JSON', async () => {
      const reply = await curl('GET', '/api/v1/dashboards');
      expectStatus(reply, 200, 'GET /api/v1/dashboards');
      assert.equal(typeof reply.json, 'object');
    });
  });
});
