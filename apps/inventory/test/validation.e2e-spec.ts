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
import { Category } from '../src/categories/category.entity';
import { inventoryService } from '../src/inventory.service';
import { RestockRequest, RestockStatus } from '../src/restock-requests/restock-request.entity';
import { Supplier } from '../src/suppliers/supplier.entity';
import { givenCatalogue } from './fixtures';

/**
 * A route (`PATCH /categories/{category}`: `{…}` stands for an id made in beforeAll), a body valid as given
 * (a `'{…}'` value too), and the fields to spoil one at a time.
 */
type Case = [string, Record<string, unknown>, string[]];

/** Issue 15: names and codes made only of spaces, and numbers like "NaN", are a 400 naming the field; nothing is written. */
describe('inventory input validation', () => {
  let t: TestApp;
  let ids: Record<'category' | 'supplier' | 'store' | 'product' | 'restock', number>;

  beforeAll(async () => {
    t = await createTestApp(inventoryService);
    const catalogue = await givenCatalogue(t.dataSource, 2);
    const supplier = await t.dataSource.getRepository(Supplier).save({ name: 'Supplier', email: null, phone: null });
    const restock = await t.dataSource.getRepository(RestockRequest).save({
      productId: catalogue.products[0].id,
      locationId: catalogue.store.id,
      quantity: 5,
      status: RestockStatus.Pending,
      note: null,
    });
    ids = {
      category: catalogue.category.id,
      supplier: supplier.id,
      store: catalogue.store.id,
      product: catalogue.products[0].id,
      restock: restock.id,
    };
  });

  afterAll(() => t.close());

  const withIds = (text: string) => text.replace(/\{(\w+)\}/g, (_, key: keyof typeof ids) => String(ids[key]));
  const bodyOf = (valid: Record<string, unknown>) =>
    Object.fromEntries(
      Object.entries(valid).map(([key, value]) => [
        key,
        typeof value === 'string' && /^\{\w+\}$/.test(value) ? Number(withIds(value)) : value,
      ]),
    );
  const refused = (route: string, body: object | string, field: string) => {
    const [method, path] = route.split(' ');
    return expectRefused(t, method.toLowerCase() as 'post' | 'put' | 'patch', `/api/v1${withIds(path)}`, body, field);
  };

  // The text fields that name or identify something.
  const NAMED_FIELDS: Case[] = [
    ['POST /categories', { name: 'New category' }, ['name']],
    ['PATCH /categories/{category}', {}, ['name']],
    ['POST /suppliers', { name: 'New supplier' }, ['name', 'email', 'phone']],
    ['PATCH /suppliers/{supplier}', {}, ['name', 'email', 'phone']],
    ['POST /locations', { code: 'ST-NEW', name: 'New store', type: 'STORE' }, ['code', 'name', 'address']],
    ['PATCH /locations/{store}', {}, ['name', 'address']],
    ['POST /products', { sku: 'NEW-1', name: 'New product', price: '1.00' }, ['sku', 'name']],
    ['PATCH /products/{product}', {}, ['sku', 'name']],
    ['POST /restock-requests', { product_id: '{product}', location_id: '{store}', quantity: 1 }, ['note']],
    ['POST /restock-requests/{restock}/approve', {}, ['note']],
    ['POST /restock-requests/{restock}/reject', {}, ['note']],
  ];

  describe.each(NAMED_FIELDS)('%s', (route, valid, fields) => {
    it.each(fields)('refuses %s empty or only spaces', async (field) => {
      for (const blank of BLANK_TEXTS) await refused(route, { ...bodyOf(valid), [field]: blank }, field);
    });
  });

  // Numeric fields, money or integer.
  const NUMERIC_FIELDS: Case[] = [
    ['POST /products', { sku: 'NEW-2', name: 'New product', price: '1.00' }, ['price', 'category_id', 'supplier_id']],
    ['PATCH /products/{product}', {}, ['price', 'category_id', 'supplier_id']],
    [
      'POST /restock-requests',
      { product_id: '{product}', location_id: '{store}', quantity: 1 },
      ['product_id', 'location_id', 'quantity'],
    ],
    ['PUT /stock/{product}', { quantity: 1 }, ['location_id', 'adjustment', 'reorder_level']],
    ['PUT /stock/{product}', { adjustment: 1 }, ['quantity']],
  ];

  describe.each(NUMERIC_FIELDS)('%s', (route, valid, fields) => {
    it.each(fields)('refuses %s as "NaN", "Infinity" and other non-numbers', async (field) => {
      for (const text of NOT_NUMBER_TEXTS) await refused(route, { ...bodyOf(valid), [field]: text }, field);
    });

    it.each(fields)('refuses %s overflowing to Infinity once parsed', async (field) => {
      for (const number of OVERFLOWING_NUMBERS) await refused(route, jsonWithNumber(bodyOf(valid), field, number), field);
    });
  });

  it('keeps a name as given, surrounding spaces included', async () => {
    const response = await request(t.http).post('/api/v1/categories').send({ name: '  Padded  ' }).expect(201);
    expect(response.body.name).toBe('  Padded  ');
    expect((await t.dataSource.getRepository(Category).findOneByOrFail({ id: response.body.id })).name).toBe('  Padded  ');
  });

  const refusedQuery = async (path: string, field: string, values: string[]) => {
    for (const text of values) {
      const response = await request(t.http).get(`/api/v1${path}${encodeURIComponent(text)}`);
      expect({ text, status: response.status, fields: fieldsOf(response.body) }).toEqual({ text, status: 400, fields: [field] });
    }
  };

  describe.each(['/products', '/categories', '/suppliers', '/locations', '/stock', '/stock/low-stock', '/restock-requests'])(
    'GET %s',
    (path) => {
      it.each(['limit', 'offset'])('refuses %s as "NaN", "Infinity", blank and other non-integers', async (field) => {
        await refusedQuery(`${path}?${field}=`, field, NOT_NUMBER_TEXTS);
      });
    },
  );

  it.each([
    ['/products', 'category_id'],
    ['/products', 'supplier_id'],
    ['/stock', 'product_id'],
    ['/stock', 'location_id'],
    ['/stock/low-stock', 'location_id'],
    ['/restock-requests', 'location_id'],
    ['/restock-requests', 'product_id'],
  ])('GET %s refuses %s as a non-integer', async (path, field) => {
    await refusedQuery(`${path}?${field}=`, field, NOT_NUMBER_TEXTS);
  });

  it.each([
    ['/products/', 'id'],
    ['/categories/', 'id'],
    ['/suppliers/', 'id'],
    ['/locations/', 'id'],
    ['/restock-requests/', 'id'],
    ['/stock/', 'product_id'],
  ])('GET %s{id} refuses a non-integer id', async (path, field) => {
    await refusedQuery(path, field, ['NaN', 'Infinity', '-Infinity', ' ', '1e3', '0x10']);
  });
});
