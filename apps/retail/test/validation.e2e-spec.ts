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
import { CashRegister } from '../src/cash-registers/cash-register.entity';
import { retailService } from '../src/retail.service';
import { Sale } from '../src/sales/sale.entity';
import { Store } from '../src/stores/store.entity';
import { givenProducts, givenRegister, givenSale, givenStore } from './fixtures';

/** A route as shown, its path and a body valid as given (built once the data exists), and the fields to spoil. */
type Case = [route: string, path: () => string, valid: () => Record<string, unknown>, fields: string[]];

/** Issue 15: store names and codes made only of spaces, and numbers like "NaN", are a 400 naming the field. */
describe('retail input validation', () => {
  let t: TestApp;
  let store: Store;
  let register: CashRegister;
  let sale: Sale;

  beforeAll(async () => {
    t = await createTestApp(retailService);
    await givenProducts(t.dataSource, [{ id: 1, price: '1.00' }]);
    store = await givenStore(t.dataSource, 'ST-VALID');
    register = await givenRegister(t.dataSource, store, 'POS-1');
    sale = await givenSale(t.dataSource, register, '2026-01-05T10:00:00Z');
  });

  afterAll(() => t.close());

  describe.each<Case>([
    [
      'POST /stores',
      () => '/api/v1/stores',
      () => ({ code: 'ST-NEW', name: 'New store', location_id: 3 }),
      ['code', 'name', 'address'],
    ],
    ['PATCH /stores/{id}', () => `/api/v1/stores/${store.id}`, () => ({}), ['name', 'address']],
    ['POST /cash-registers', () => '/api/v1/cash-registers', () => ({ store_id: store.id, code: 'POS-9' }), ['code']],
    ['POST /returns', () => '/api/v1/returns', () => ({ sale_id: sale.id, lines: [{ product_id: 1, quantity: 1 }] }), ['reason']],
  ])('%s', (route, path, valid, fields) => {
    const method = route.startsWith('POST') ? 'post' : 'patch';
    it.each(fields)('refuses %s empty or only spaces, writing nothing', async (field) => {
      for (const blank of BLANK_TEXTS) await expectRefused(t, method, path(), { ...valid(), [field]: blank }, field);
    });
  });

  it('keeps a store name as given, surrounding spaces included', async () => {
    const response = await request(t.http)
      .post('/api/v1/stores')
      .send({ code: 'ST-PAD', name: ' Lyon ', location_id: 4 })
      .expect(201);
    expect(response.body.name).toBe(' Lyon ');
  });

  describe.each<Case>([
    ['POST /stores', () => '/api/v1/stores', () => ({ code: 'ST-NUM', name: 'Store' }), ['location_id']],
    ['PATCH /stores/{id}', () => `/api/v1/stores/${store.id}`, () => ({}), ['location_id']],
    ['POST /cash-registers', () => '/api/v1/cash-registers', () => ({ code: 'POS-8' }), ['store_id']],
    [
      'POST /sales',
      () => '/api/v1/sales',
      () => ({ register_id: register.id, lines: [{ product_id: 1, quantity: 1 }] }),
      ['store_id'],
    ],
    [
      'POST /sales',
      () => '/api/v1/sales',
      () => ({ store_id: store.id, lines: [{ product_id: 1, quantity: 1 }] }),
      ['register_id'],
    ],
    ['POST /returns', () => '/api/v1/returns', () => ({ lines: [{ product_id: 1, quantity: 1 }] }), ['sale_id']],
  ])('%s', (route, path, valid, fields) => {
    const method = route.startsWith('POST') ? 'post' : 'patch';
    it.each(fields)('refuses %s as "NaN", "Infinity" and other non-numbers, writing nothing', async (field) => {
      for (const text of NOT_NUMBER_TEXTS) await expectRefused(t, method, path(), { ...valid(), [field]: text }, field);
      for (const number of OVERFLOWING_NUMBERS)
        await expectRefused(t, method, path(), jsonWithNumber(valid(), field, number), field);
    });
  });

  it.each([
    ['/api/v1/sales', () => ({ store_id: store.id, register_id: register.id })],
    ['/api/v1/returns', () => ({ sale_id: sale.id })],
  ])('POST %s refuses a line quantity or product that is not a number', async (path, valid) => {
    for (const field of ['product_id', 'quantity']) {
      for (const text of NOT_NUMBER_TEXTS) {
        const body = { ...valid(), lines: [{ product_id: 1, quantity: 1, [field]: text }] };
        await expectRefused(t, 'post', path, body, `lines.0.${field}`);
      }
    }
  });

  const refusedQuery = async (path: string, field: string, values: string[]) => {
    for (const text of values) {
      const response = await request(t.http).get(`/api/v1${path}${encodeURIComponent(text)}`);
      expect({ text, status: response.status, fields: fieldsOf(response.body) }).toEqual({ text, status: 400, fields: [field] });
    }
  };

  it.each(['/stores', '/cash-registers', '/sales', '/returns'])(
    'GET %s refuses limit and offset as "NaN", "Infinity", blank and other non-integers',
    async (path) => {
      await refusedQuery(`${path}?limit=`, 'limit', NOT_NUMBER_TEXTS);
      await refusedQuery(`${path}?offset=`, 'offset', NOT_NUMBER_TEXTS);
    },
  );

  it.each([
    ['/cash-registers', 'store_id', NOT_NUMBER_TEXTS],
    ['/sales', 'store_id', NOT_NUMBER_TEXTS],
    ['/returns', 'sale_id', NOT_NUMBER_TEXTS],
    ['/returns', 'store_id', NOT_NUMBER_TEXTS],
    ['/sales', 'from', ['NaN', 'Infinity', '', ' ']],
    ['/sales', 'to', ['NaN', 'Infinity', '', ' ']],
  ])('GET %s refuses %s when it is not one', async (path, field, values) => {
    await refusedQuery(`${path}?${field}=`, field, values);
  });

  it.each(['/stores/', '/cash-registers/', '/sales/', '/returns/'])('GET %s{id} refuses a non-integer id', async (path) => {
    await refusedQuery(path, 'id', ['NaN', 'Infinity', '-Infinity', ' ', '1e3', '0x10']);
  });
});
