import { TestApp, createTestApp } from '@app/testing';
import request from 'supertest';
import { Product } from '../src/products/product.entity';
import { inventoryService } from '../src/inventory.service';
import { givenCatalogue } from './fixtures';

const TTL_MS = 1000;
const PAGE = '/api/v1/products?limit=20';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A change the service does not see: another instance's write, as far as this one's cache is concerned. */
const renameBehindItsBack = (t: TestApp, id: number, name: string) => t.dataSource.getRepository(Product).update(id, { name });

const names = (body: { data: { name: string }[] }) => body.data.map((p) => p.name);

/** What any cache backend must do for GET /products and /products/:id. */
function behavesAsAProductCache(start: () => Promise<TestApp>) {
  let t: TestApp;
  let catalogue: Awaited<ReturnType<typeof givenCatalogue>>;

  beforeAll(async () => {
    t = await start();
    catalogue = await givenCatalogue(t.dataSource, 3);
  });

  afterAll(() => t.close());

  it('serves a cached page as JSON, unchanged within the TTL, then a fresh one', async () => {
    const first = await request(t.http).get(PAGE).expect(200).expect('content-type', 'application/json; charset=utf-8');
    expect(first.body).toMatchObject({ total: 3, limit: 20, offset: 0 });
    await renameBehindItsBack(t, catalogue.products[0].id, 'Renamed elsewhere');
    expect((await request(t.http).get(PAGE).expect(200)).body).toEqual(first.body);
    await sleep(TTL_MS + 100);
    expect(names((await request(t.http).get(PAGE).expect(200)).body)).toContain('Renamed elsewhere');
  });

  it('shows this instance’s writes at once: create, update and deactivate', async () => {
    const id = catalogue.products[1].id;
    await request(t.http).get(PAGE).expect(200);
    await request(t.http).get(`/api/v1/products/${id}`).expect(200);

    const created = (
      await request(t.http).post('/api/v1/products').send({ sku: 'CACHE-1', name: 'Fresh', price: '1.00' }).expect(201)
    ).body;
    const afterCreate = (await request(t.http).get(PAGE).expect(200)).body;
    expect(afterCreate.total).toBe(4);
    expect(names(afterCreate)).toContain('Fresh');

    await request(t.http).patch(`/api/v1/products/${id}`).send({ price: '7.50' }).expect(200);
    expect((await request(t.http).get(`/api/v1/products/${id}`).expect(200)).body.price).toBe('7.50');

    await request(t.http).delete(`/api/v1/products/${created.id}`).expect(204);
    expect((await request(t.http).get(`/api/v1/products/${created.id}`).expect(200)).body.active).toBe(false);
    const active = (await request(t.http).get('/api/v1/products?active=true').expect(200)).body;
    expect(active.data.map((p: { id: number }) => p.id)).not.toContain(created.id);
  });

  it('keeps one entry per query and never keeps an error', async () => {
    const firstTwo = (await request(t.http).get('/api/v1/products?limit=2').expect(200)).body;
    const nextTwo = (await request(t.http).get('/api/v1/products?limit=2&offset=2').expect(200)).body;
    expect(firstTwo.data).toHaveLength(2);
    expect(nextTwo.data[0].id).not.toBe(firstTwo.data[0].id);

    await request(t.http).get('/api/v1/products?limit=0').expect(400);
    await request(t.http).get('/api/v1/products?limit=0').expect(400);
    await request(t.http).get('/api/v1/products/424242').expect(404);
    await t.dataSource.query(
      `INSERT INTO products (id, sku, name, price) VALUES (424242, 'CACHE-404', 'Late', 1) ON CONFLICT (id) DO NOTHING`,
    );
    expect((await request(t.http).get('/api/v1/products/424242').expect(200)).body.name).toBe('Late');
  });
}

describe('product cache in memory (default)', () => {
  behavesAsAProductCache(() => createTestApp(inventoryService, { env: { PRODUCT_CACHE_TTL_SECONDS: String(TTL_MS / 1000) } }));
});

describe('product cache turned off', () => {
  it('reads PostgreSQL on every request when PRODUCT_CACHE_TTL_SECONDS=0', async () => {
    const t = await createTestApp(inventoryService, { env: { PRODUCT_CACHE_TTL_SECONDS: '0' } });
    try {
      const { products } = await givenCatalogue(t.dataSource, 1);
      await request(t.http).get(PAGE).expect(200);
      await renameBehindItsBack(t, products[0].id, 'Seen at once');
      expect(names((await request(t.http).get(PAGE).expect(200)).body)).toEqual(['Seen at once']);
    } finally {
      await t.close();
    }
  });
});

const redisUrl = process.env.REDIS_TEST_URL;
if (!redisUrl) console.warn('product cache in Redis: skipped (set REDIS_TEST_URL=redis://127.0.0.1:6379 to run it)');

(redisUrl ? describe : describe.skip)('product cache in Redis (REDIS_TEST_URL)', () => {
  const env = { PRODUCT_CACHE_TTL_SECONDS: String(TTL_MS / 1000), REDIS_URL: redisUrl! };

  describe('one instance', () => {
    behavesAsAProductCache(() => createTestApp(inventoryService, { env }));
  });

  it('is shared by the instances of one database, and a write on one clears it for both', async () => {
    const long = { ...env, PRODUCT_CACHE_TTL_SECONDS: '30' };
    const first = await createTestApp(inventoryService, { env: long });
    const second = await createTestApp(inventoryService, { env: long, database: first.database });
    try {
      const { products } = await givenCatalogue(first.dataSource, 2);
      const cached = (await request(first.http).get(PAGE).expect(200)).body;
      await renameBehindItsBack(first, products[0].id, 'Behind its back');
      expect((await request(second.http).get(PAGE).expect(200)).body).toEqual(cached);

      await request(first.http).patch(`/api/v1/products/${products[1].id}`).send({ name: 'Through the API' }).expect(200);
      expect(names((await request(second.http).get(PAGE).expect(200)).body)).toEqual(['Behind its back', 'Through the API']);
    } finally {
      await second.app.close();
      await first.close();
    }
  });

  it('still answers, uncached, when Redis cannot be reached', async () => {
    const t = await createTestApp(inventoryService, { env: { ...env, REDIS_URL: 'redis://127.0.0.1:1' } });
    try {
      const { products } = await givenCatalogue(t.dataSource, 1);
      const started = Date.now();
      await request(t.http).get(PAGE).expect(200);
      await renameBehindItsBack(t, products[0].id, 'No cache');
      expect(names((await request(t.http).get(PAGE).expect(200)).body)).toEqual(['No cache']);
      await request(t.http).patch(`/api/v1/products/${products[0].id}`).send({ price: '2.00' }).expect(200);
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      await t.close();
    }
  });
});
