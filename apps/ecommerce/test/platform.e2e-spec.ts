import { CatalogueProduct, DEMO_PRODUCTS } from '@app/catalogue';
import { EventInbox } from '@app/events';
import { pendingSchemaChanges } from '@app/persistence';
import { TestApp, createTestApp } from '@app/testing';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { Customer } from '../src/customers/customer.entity';
import { ecommerceDatabase } from '../src/ecommerce.database';
import { ecommerceService } from '../src/ecommerce.service';

describe('ecommerce platform endpoints', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(ecommerceService);
  });

  afterAll(() => t.close());

  it('GET /health reports the database up', async () => {
    const response = await request(t.http).get('/health').expect(200);
    expect(response.body).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
  });

  it('serves the OpenAPI document with every resource', async () => {
    const document = await request(t.http).get('/docs-json').expect(200);
    expect(document.body.info.title).toBe('Ecommerce');
    expect(Object.keys(document.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/customers',
        '/api/v1/customers/{id}',
        '/api/v1/carts',
        '/api/v1/carts/{cart_id}',
        '/api/v1/carts/{cart_id}/checkout',
        '/api/v1/orders',
        '/api/v1/orders/{id}',
        '/api/v1/payments/{id}',
        '/api/v1/shipments/{id}',
      ]),
    );
    expect(Object.keys(document.body.paths['/api/v1/orders'].post.responses)).toContain('405');
  });

  it('has migrations that match the entities exactly', async () => {
    expect(await pendingSchemaChanges(t.dataSource)).toEqual([]);
  });
});

describe('ecommerce demo data', () => {
  let t: TestApp;
  const seed = () => ecommerceDatabase.seed!(t.dataSource);

  beforeAll(async () => {
    t = await createTestApp(ecommerceService);
    // An event that reached the catalogue copy before the seed ran: the seed must not undo it.
    await t.app.get(EventInbox).apply({
      event_id: randomUUID(),
      type: 'inventory.product.upserted',
      version: 1,
      source: 'inventory',
      occurred_at: '2030-01-01T00:00:00.000Z',
      payload: {
        product_id: 2,
        sku: 'BEV-WATER-150',
        name: 'Still water 1.5l',
        category_id: 1,
        category_name: 'Beverages',
        price: '0.70',
        active: true,
        updated_at: '2030-01-01T00:00:00.000Z',
      },
    });
    await seed();
  });

  afterAll(() => t.close());

  it('has customers 1 and 123, and no customer 99999', async () => {
    await request(t.http).get('/api/v1/customers/1').expect(200);
    const response = await request(t.http).get('/api/v1/customers/123').expect(200);
    expect(response.body).toMatchObject({ id: 123, name: expect.any(String), email: expect.stringContaining('@') });
    await request(t.http).get('/api/v1/customers/99999').expect(404);
    expect(await t.dataSource.getRepository(Customer).count()).toBeGreaterThanOrEqual(10);
  });

  it('does nothing the second time', async () => {
    const before = await t.dataSource.getRepository(Customer).find({ order: { id: 'ASC' } });
    await seed();
    expect(await t.dataSource.getRepository(Customer).find({ order: { id: 'ASC' } })).toEqual(before);
  });

  it('leaves the id sequence past the explicit ids, so new customers do not collide', async () => {
    const response = await request(t.http)
      .post('/api/v1/customers')
      .send({ name: 'New customer', email: 'new.customer@example.com' })
      .expect(201);
    expect(response.body.id).toBe(124);
  });

  it('holds the demo catalogue, so carts work before any inventory event, without undoing newer events', async () => {
    const products = await t.dataSource.getRepository(CatalogueProduct).find({ order: { productId: 'ASC' } });
    expect(products).toHaveLength(DEMO_PRODUCTS.length);
    expect(products[0]).toMatchObject({
      productId: 1,
      sku: 'BEV-COLA-33',
      price: '1.20',
      active: true,
      categoryId: 1,
      categoryName: 'Beverages',
      sourceUpdatedAt: new Date(0),
    });
    expect(products[1]).toMatchObject({ productId: 2, price: '0.70', sourceUpdatedAt: new Date('2030-01-01T00:00:00.000Z') });
    const cart = await request(t.http).post('/api/v1/carts').send({ customer_id: 1 }).expect(201);
    const priced = await request(t.http)
      .put(`/api/v1/carts/${cart.body.id}`)
      .send({ lines: [{ product_id: 1, quantity: 2 }] })
      .expect(200);
    expect(priced.body.total).toBe('2.40');
  });

  it('lets a real inventory event replace a demo catalogue row', async () => {
    await t.app.get(EventInbox).apply({
      event_id: randomUUID(),
      type: 'inventory.product.upserted',
      version: 1,
      source: 'inventory',
      occurred_at: '2026-01-01T00:00:00.000Z',
      payload: {
        product_id: 3,
        sku: 'BEV-OJ-100',
        name: 'Orange juice 1l',
        category_id: 1,
        category_name: 'Beverages',
        price: '2.59',
        active: false,
        updated_at: '2026-01-01T00:00:00.000Z',
      },
    });
    expect(await t.dataSource.getRepository(CatalogueProduct).findOneByOrFail({ productId: 3 })).toMatchObject({
      price: '2.59',
      active: false,
    });
  });
});
