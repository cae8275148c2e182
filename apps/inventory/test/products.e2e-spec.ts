import { TestApp, createTestApp } from '@app/testing';
import request from 'supertest';
import { Product } from '../src/products/product.entity';
import { inventoryService } from '../src/inventory.service';
import { givenCatalogue } from './fixtures';

describe('Products API', () => {
  let t: TestApp;
  let catalogue: Awaited<ReturnType<typeof givenCatalogue>>;

  beforeAll(async () => {
    t = await createTestApp(inventoryService);
    catalogue = await givenCatalogue(t.dataSource, 3);
  });

  afterAll(() => t.close());

  const productCount = () => t.dataSource.getRepository(Product).count();

  describe('GET /api/v1/products', () => {
    it('pages with limit and offset and returns the total', async () => {
      const response = await request(t.http).get('/api/v1/products?limit=2&offset=1').expect(200);
      expect(response.body).toMatchObject({ total: 3, limit: 2, offset: 1 });
      expect(response.body.data.map((p: { sku: string }) => p.sku)).toEqual(['TEST-2', 'TEST-3']);
      expect(response.body.data[0]).toEqual({
        id: catalogue.products[1].id,
        sku: 'TEST-2',
        name: 'Test product 2',
        description: null,
        category_id: catalogue.category.id,
        supplier_id: null,
        price: '9.99',
        active: true,
        created_at: expect.any(String),
        updated_at: expect.any(String),
      });
    });

    it('filters by search text and category', async () => {
      const bySearch = await request(t.http).get('/api/v1/products?search=product%203').expect(200);
      expect(bySearch.body.data.map((p: { sku: string }) => p.sku)).toEqual(['TEST-3']);
      const byCategory = await request(t.http)
        .get(`/api/v1/products?category_id=${catalogue.category.id + 1000}`)
        .expect(200);
      expect(byCategory.body).toMatchObject({ total: 0, data: [] });
    });

    it.each([
      ['limit=0', 'limit'],
      ['limit=101', 'limit'],
      ['offset=-1', 'offset'],
      ['limit=abc', 'limit'],
      ['active=maybe', 'active'],
      ['colour=red', 'colour'],
    ])('rejects %s naming the field', async (query, field) => {
      const response = await request(t.http).get(`/api/v1/products?${query}`).expect(400);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    });
  });

  describe('GET /api/v1/products/:id', () => {
    it('returns one product', async () => {
      const response = await request(t.http).get(`/api/v1/products/${catalogue.products[0].id}`).expect(200);
      expect(response.body.sku).toBe('TEST-1');
    });

    it('answers 404 for an unknown id', async () => {
      const response = await request(t.http).get('/api/v1/products/99999').expect(404);
      expect(response.body).toMatchObject({ status_code: 404, code: 'PRODUCT_NOT_FOUND', message: 'Product 99999 not found' });
    });

    it.each(['abc', '0', '-1', '1.5', '99999999999'])('answers 400 for the id %s', async (id) => {
      const response = await request(t.http).get(`/api/v1/products/${id}`).expect(400);
      expect(response.body.errors[0].field).toBe('id');
    });
  });

  describe('POST /api/v1/products', () => {
    it('creates a product, keeping the price exact', async () => {
      const response = await request(t.http)
        .post('/api/v1/products')
        .send({ sku: 'NEW-1', name: 'New', price: '1234567.1', category_id: catalogue.category.id })
        .expect(201);
      expect(response.body).toMatchObject({ sku: 'NEW-1', price: '1234567.10', active: true });
      const stored = await t.dataSource.getRepository(Product).findOneByOrFail({ sku: 'NEW-1' });
      expect(stored.price).toBe('1234567.10');
    });

    it('accepts a JSON number price with two decimals', async () => {
      const response = await request(t.http).post('/api/v1/products').send({ sku: 'NEW-2', name: 'New', price: 0.1 }).expect(201);
      expect(response.body.price).toBe('0.10');
    });

    it('answers 400 naming every bad field, and writes nothing', async () => {
      const before = await productCount();
      const response = await request(t.http).post('/api/v1/products').send({ price: 'abc' }).expect(400);
      expect(response.body).toMatchObject({ status_code: 400, code: 'VALIDATION_FAILED' });
      expect(response.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['name', 'price', 'sku']);
      expect(response.body.errors.find((e: { field: string }) => e.field === 'price').problems[0]).toMatch(/decimal/);
      expect(await productCount()).toBe(before);
    });

    it.each([
      [{ sku: 'X-1', name: 'n', price: '1.234' }, 'price'],
      [{ sku: 'X-1', name: 'n', price: '-1' }, 'price'],
      [{ sku: 'X-1', name: 'n', price: 1e21 }, 'price'],
      [{ sku: 'bad sku', name: 'n', price: '1' }, 'sku'],
      [{ sku: 'X-1', name: '', price: '1' }, 'name'],
      [{ sku: 'X-1', name: 'n', price: '1', category_id: 'one' }, 'category_id'],
      [{ sku: 'X-1', name: 'n', price: '1', unknown_field: true }, 'unknown_field'],
    ])('rejects %j naming %s', async (body, field) => {
      const response = await request(t.http).post('/api/v1/products').send(body).expect(400);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    });

    it('answers 400 for a body that is not JSON', async () => {
      await request(t.http).post('/api/v1/products').set('content-type', 'application/json').send('{"sku":').expect(400);
    });

    it('answers 409 for a duplicate sku and writes nothing', async () => {
      const before = await productCount();
      const response = await request(t.http)
        .post('/api/v1/products')
        .send({ sku: 'TEST-1', name: 'Again', price: '1.00' })
        .expect(409);
      expect(response.body.code).toBe('SKU_TAKEN');
      expect(await productCount()).toBe(before);
    });

    it('answers 404 for an unknown category', async () => {
      const response = await request(t.http)
        .post('/api/v1/products')
        .send({ sku: 'X-404', name: 'n', price: '1', category_id: 4242 })
        .expect(404);
      expect(response.body.code).toBe('CATEGORY_NOT_FOUND');
    });
  });

  describe('PATCH and DELETE /api/v1/products/:id', () => {
    it('updates only the given fields', async () => {
      const id = catalogue.products[2].id;
      const response = await request(t.http).patch(`/api/v1/products/${id}`).send({ price: '5' }).expect(200);
      expect(response.body).toMatchObject({ sku: 'TEST-3', name: 'Test product 3', price: '5.00' });
    });

    it('answers 409 when the new sku is taken', async () => {
      await request(t.http).patch(`/api/v1/products/${catalogue.products[2].id}`).send({ sku: 'TEST-1' }).expect(409);
    });

    it('deactivates instead of deleting', async () => {
      const id = catalogue.products[1].id;
      await request(t.http).delete(`/api/v1/products/${id}`).expect(204);
      const response = await request(t.http).get(`/api/v1/products/${id}`).expect(200);
      expect(response.body.active).toBe(false);
      const active = await request(t.http).get('/api/v1/products?active=false').expect(200);
      expect(active.body.data.map((p: { id: number }) => p.id)).toEqual([id]);
    });

    it('answers 404 for an unknown product', async () => {
      await request(t.http).patch('/api/v1/products/99999').send({ name: 'x' }).expect(404);
      await request(t.http).delete('/api/v1/products/99999').expect(404);
    });
  });
});
