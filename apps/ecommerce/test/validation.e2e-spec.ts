import {
  BLANK_TEXTS,
  NOT_NUMBER_TEXTS,
  OVERFLOWING_NUMBERS,
  TestApp,
  createTestApp,
  expectRefused,
  fieldsOf,
  jsonWithNumber,
} from '@app/testing';
import request from 'supertest';
import { Customer } from '../src/customers/customer.entity';
import { ecommerceService } from '../src/ecommerce.service';
import { BILLING, SHIPPING, givenCatalogue, givenCustomer } from './fixtures';

/** Issue 15: names, emails and addresses made only of spaces, and numbers like "NaN", are a 400 naming the field. */
describe('ecommerce input validation', () => {
  let t: TestApp;
  let customer: Customer;
  let cartId: number;

  beforeAll(async () => {
    // Nothing answers here: a checkout that got past validation would be a 503, not the 400 expected.
    t = await createTestApp(ecommerceService, { env: { SAGA_ORCHESTRATOR_URL: 'http://127.0.0.1:1' } });
    await givenCatalogue(t.dataSource, [{ price: '1.20' }]);
    customer = await givenCustomer(t.dataSource);
    cartId = (await request(t.http).post('/api/v1/carts').send({ customer_id: customer.id }).expect(201)).body.id;
    await request(t.http)
      .put(`/api/v1/carts/${cartId}`)
      .send({ lines: [{ product_id: 1, quantity: 1 }] })
      .expect(200);
  });

  afterAll(() => t.close());

  const NEW_CUSTOMER = { name: 'New customer', email: 'new.customer@example.com' };
  const CHECKOUT = { shipping_address: SHIPPING, billing_address: BILLING, payment_method: 'credit_card' };

  describe.each<[method: 'post' | 'patch', path: () => string, valid: object]>([
    ['post', () => '/api/v1/customers', NEW_CUSTOMER],
    ['patch', () => `/api/v1/customers/${customer.id}`, {}],
  ])('%s customers', (method, path, valid) => {
    it.each(['name', 'email', 'phone'])('refuses %s empty or only spaces, writing nothing', async (field) => {
      for (const blank of BLANK_TEXTS) {
        await expectRefused(t, method, path(), { ...valid, [field]: blank }, field);
      }
    });
  });

  it('keeps a name as given, surrounding spaces included', async () => {
    const response = await request(t.http)
      .post('/api/v1/customers')
      .send({ name: ' Camille ', email: 'padded@example.com' })
      .expect(201);
    expect(response.body.name).toBe(' Camille ');
  });

  describe('POST /carts/{cart_id}/checkout', () => {
    it.each(['shipping_address', 'billing_address'])(
      'refuses every part of %s empty or only spaces, before calling the orchestrator',
      async (address) => {
        for (const part of ['street', 'city', 'postal_code', 'country']) {
          for (const blank of BLANK_TEXTS) {
            const body = { ...CHECKOUT, [address]: { ...SHIPPING, [part]: blank } };
            await expectRefused(t, 'post', `/api/v1/carts/${cartId}/checkout`, body, `${address}.${part}`);
          }
        }
      },
    );
  });

  describe('numbers', () => {
    it('POST /carts refuses customer_id as "NaN", "Infinity" and other non-numbers', async () => {
      for (const text of NOT_NUMBER_TEXTS) await expectRefused(t, 'post', '/api/v1/carts', { customer_id: text }, 'customer_id');
      for (const number of OVERFLOWING_NUMBERS) {
        await expectRefused(t, 'post', '/api/v1/carts', jsonWithNumber({}, 'customer_id', number), 'customer_id');
      }
    });

    it.each(['product_id', 'quantity'])('PUT /carts/{cart_id} refuses a line %s that is not a number', async (field) => {
      const line = { product_id: 1, quantity: 1 };
      for (const text of NOT_NUMBER_TEXTS) {
        await expectRefused(t, 'put', `/api/v1/carts/${cartId}`, { lines: [{ ...line, [field]: text }] }, `lines.0.${field}`);
      }
      for (const number of OVERFLOWING_NUMBERS) {
        const json = JSON.stringify({ lines: [{ ...line, [field]: 0 }] }).replace(`"${field}":0`, `"${field}":${number}`);
        await expectRefused(t, 'put', `/api/v1/carts/${cartId}`, json, `lines.0.${field}`);
      }
    });

    const refusedQuery = async (path: string, field: string, values: string[]) => {
      for (const text of values) {
        const response = await request(t.http).get(`/api/v1${path}${encodeURIComponent(text)}`);
        expect({ text, status: response.status, fields: fieldsOf(response.body) }).toEqual({
          text,
          status: 400,
          fields: [field],
        });
      }
    };

    it.each(['/customers', '/carts', '/orders', '/payments', '/shipments'])(
      'GET %s refuses limit and offset as "NaN", "Infinity", blank and other non-integers',
      async (path) => {
        await refusedQuery(`${path}?limit=`, 'limit', NOT_NUMBER_TEXTS);
        await refusedQuery(`${path}?offset=`, 'offset', NOT_NUMBER_TEXTS);
      },
    );

    it.each([
      ['/carts', 'customer_id'],
      ['/orders', 'customer_id'],
      ['/payments', 'order_id'],
      ['/shipments', 'order_id'],
    ])('GET %s refuses %s as a non-integer', async (path, field) => {
      await refusedQuery(`${path}?${field}=`, field, NOT_NUMBER_TEXTS);
    });

    it.each([
      ['/customers/', 'id'],
      ['/carts/', 'cart_id'],
      ['/orders/', 'id'],
      ['/payments/', 'id'],
      ['/shipments/', 'id'],
    ])('GET %s{id} refuses a non-integer id', async (path, field) => {
      await refusedQuery(path, field, ['NaN', 'Infinity', '-Infinity', ' ', '1e3', '0x10']);
    });
  });
});
