import { BLANK_TEXTS, NOT_NUMBER_TEXTS, TestApp, createTestApp, expectRefused, fieldsOf, freePort } from '@app/testing';
import request from 'supertest';
import { sagaOrchestratorService } from '../src/saga-orchestrator.service';

const ADDRESS = { street: '1 rue de Rivoli', city: 'Paris', postal_code: '75001', country: 'FR' };
const valid = () => ({
  products: [{ product_id: 1, quantity: 2 }],
  shipping_address: ADDRESS,
  billing_address: ADDRESS,
  payment_method: 'credit_card',
});

/** Issue 15: address parts made only of spaces, and numbers like "NaN", are a 400 naming the field; no saga starts. */
describe('saga orchestrator input validation', () => {
  let t: TestApp;
  let sagaId: string;

  beforeAll(async () => {
    // Takes requests without driving them; its participants are free ports where nothing listens.
    const [inventory, ecommerce] = [await freePort(), await freePort()];
    t = await createTestApp(sagaOrchestratorService, {
      env: { SAGA_MAX_IN_FLIGHT: '0', INVENTORY_TCP_URL: `127.0.0.1:${inventory}`, ECOMMERCE_TCP_URL: `127.0.0.1:${ecommerce}` },
    });
    sagaId = (await request(t.http).post('/api/v1/customers/1/order-processing').send(valid()).expect(202)).body.saga_id;
  });

  afterAll(() => t.close());

  it.each(['shipping_address', 'billing_address'])('refuses every part of %s empty or only spaces', async (address) => {
    for (const part of ['street', 'city', 'postal_code', 'country']) {
      for (const blank of BLANK_TEXTS) {
        const body = { ...valid(), [address]: { ...ADDRESS, [part]: blank } };
        await expectRefused(t, 'post', '/api/v1/customers/1/order-processing', body, `${address}.${part}`);
      }
    }
  });

  it.each(['product_id', 'quantity'])('refuses a product %s that is not a number', async (field) => {
    for (const text of NOT_NUMBER_TEXTS) {
      const body = { ...valid(), products: [{ product_id: 1, quantity: 1, [field]: text }] };
      await expectRefused(t, 'post', '/api/v1/customers/1/order-processing', body, `products.0.${field}`);
    }
  });

  const refusedQuery = async (path: string, field: string, values: string[]) => {
    for (const text of values) {
      const response = await request(t.http).get(`/api/v1${path}${encodeURIComponent(text)}`);
      expect({ text, status: response.status, fields: fieldsOf(response.body) }).toEqual({ text, status: 400, fields: [field] });
    }
  };

  it('refuses a customer id that is not a number', async () => {
    for (const text of ['NaN', 'Infinity', '-Infinity', ' ', '1e3', '0x10']) {
      await expectRefused(t, 'post', `/api/v1/customers/${encodeURIComponent(text)}/order-processing`, valid(), 'customer_id');
    }
  });

  it.each(['limit', 'offset', 'customer_id'])(
    'GET /sagas refuses %s as "NaN", "Infinity", blank and other non-integers',
    async (field) => {
      await refusedQuery(`/sagas?${field}=`, field, NOT_NUMBER_TEXTS);
    },
  );

  it('GET /sagas/{saga_id} refuses wait_seconds as a non-integer', async () => {
    await refusedQuery(`/sagas/${sagaId}?wait_seconds=`, 'wait_seconds', NOT_NUMBER_TEXTS);
  });
});
