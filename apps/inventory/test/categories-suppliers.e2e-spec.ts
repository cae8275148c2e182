import { TestApp, createTestApp } from '@app/testing';
import request from 'supertest';
import { Category } from '../src/categories/category.entity';
import { inventoryService } from '../src/inventory.service';
import { Product } from '../src/products/product.entity';
import { Supplier } from '../src/suppliers/supplier.entity';

/** Categories and suppliers created by mistake can go, while nothing refers to them. */
describe('DELETE categories and suppliers', () => {
  let t: TestApp;
  let sku = 0;

  beforeAll(async () => {
    t = await createTestApp(inventoryService);
  });

  afterAll(() => t.close());

  const categoryCount = () => t.dataSource.getRepository(Category).count();
  const supplierCount = () => t.dataSource.getRepository(Supplier).count();

  const createCategory = async (name: string): Promise<number> =>
    (await request(t.http).post('/api/v1/categories').send({ name }).expect(201)).body.id;
  const createSupplier = async (name: string): Promise<number> =>
    (await request(t.http).post('/api/v1/suppliers').send({ name }).expect(201)).body.id;
  const createProduct = (refs: { category_id?: number; supplier_id?: number }) =>
    request(t.http)
      .post('/api/v1/products')
      .send({ sku: `DEL-${++sku}`, name: 'Product', price: '1.00', ...refs });

  /** Until a connection to this database waits on a row lock: the request under test got that far. */
  const untilARequestWaitsOnALock = async () => {
    for (let attempt = 0; attempt < 500; attempt++) {
      const [{ waiting }]: Array<{ waiting: number }> = await t.dataSource.query(
        `SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
      );
      if (waiting > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error('no request waited on the lock');
  };

  /** Runs `statement` in a transaction left open until `whileOpen` has run, then commits it. */
  const inOpenTransaction = async (statement: string, params: unknown[], whileOpen: () => Promise<void>) => {
    const runner = t.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      await runner.query(statement, params);
      await whileOpen();
      await runner.commitTransaction();
    } finally {
      await runner.release();
    }
  };

  describe.each([
    {
      path: 'categories',
      field: 'category_id',
      what: 'category',
      code: 'CATEGORY',
      create: createCategory,
      count: categoryCount,
    },
    { path: 'suppliers', field: 'supplier_id', what: 'supplier', code: 'SUPPLIER', create: createSupplier, count: supplierCount },
  ])('/api/v1/$path/{id}', ({ path, field, what, code, create, count }) => {
    it(`deletes a ${what} nothing refers to: 204, then 404`, async () => {
      const id = await create(`Mistake ${path}`);
      const before = await count();
      const response = await request(t.http).delete(`/api/v1/${path}/${id}`).expect(204);
      expect(response.text).toBe('');
      expect(await count()).toBe(before - 1);
      await request(t.http).get(`/api/v1/${path}/${id}`).expect(404);
      const again = await request(t.http).delete(`/api/v1/${path}/${id}`).expect(404);
      expect(again.body).toMatchObject({ status_code: 404, code: `${code}_NOT_FOUND` });
    });

    it('answers 404 for an unknown id and 400 for a bad one', async () => {
      const response = await request(t.http).delete(`/api/v1/${path}/999999`).expect(404);
      expect(response.body).toMatchObject({ code: `${code}_NOT_FOUND`, message: expect.stringContaining('999999 not found') });
      for (const bad of ['0', 'abc', 'NaN', 'Infinity', '%20']) {
        const invalid = await request(t.http).delete(`/api/v1/${path}/${bad}`).expect(400);
        expect(invalid.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [expect.objectContaining({ field: 'id' })] });
      }
    });

    it(`answers 409 naming the products that use the ${what}, and deletes nothing`, async () => {
      const id = await create(`Used ${path}`);
      await createProduct({ [field]: id }).expect(201);
      const inactive = await createProduct({ [field]: id }).expect(201);
      // An inactive product still refers to it (past sales and orders keep products).
      await request(t.http).delete(`/api/v1/products/${inactive.body.id}`).expect(204);
      const before = await count();

      const response = await request(t.http).delete(`/api/v1/${path}/${id}`).expect(409);
      expect(response.body).toEqual({
        status_code: 409,
        error: 'Conflict',
        code: `${code}_IN_USE`,
        message: `${what[0].toUpperCase()}${what.slice(1)} ${id} cannot be deleted: 2 products use this ${what}`,
      });
      expect(await count()).toBe(before);
      await request(t.http).get(`/api/v1/${path}/${id}`).expect(200);
    });

    it('says "1 product uses" for one, and deletes once the product moved elsewhere', async () => {
      const id = await create(`Once used ${path}`);
      const product = await createProduct({ [field]: id }).expect(201);
      const response = await request(t.http).delete(`/api/v1/${path}/${id}`).expect(409);
      expect(response.body.message).toMatch(new RegExp(`: 1 product uses this ${what}$`));

      const other = await create(`Other ${path}`);
      await request(t.http)
        .patch(`/api/v1/products/${product.body.id}`)
        .send({ [field]: other })
        .expect(200);
      await request(t.http).delete(`/api/v1/${path}/${id}`).expect(204);
    });

    it(`a product added while the ${what} is being deleted answers 404 (the foreign key) and writes nothing`, async () => {
      const id = await create(`Deleting ${path}`);
      const products = await t.dataSource.getRepository(Product).count();
      let creation!: Promise<request.Response>;
      await inOpenTransaction(`DELETE FROM ${path} WHERE id = $1`, [id], async () => {
        // The product's check sees the row (the delete is not committed); its insert then waits on the row.
        creation = createProduct({ [field]: id }).then((response) => response);
        await untilARequestWaitsOnALock();
      });
      const response = await creation;
      expect(response.status).toBe(404);
      expect(response.body).toMatchObject({ code: `${code}_NOT_FOUND` });
      expect(await t.dataSource.getRepository(Product).count()).toBe(products);
    });

    it(`a delete while a product is being added to the ${what} waits for it, then answers 409`, async () => {
      const id = await create(`Adding to ${path}`);
      let deletion!: Promise<request.Response>;
      await inOpenTransaction(
        `INSERT INTO products (sku, name, price, ${field}) VALUES ($1, 'Product', 1, $2)`,
        [`DEL-${++sku}`, id],
        async () => {
          deletion = request(t.http)
            .delete(`/api/v1/${path}/${id}`)
            .then((response) => response);
          await untilARequestWaitsOnALock();
        },
      );
      const response = await deletion;
      expect(response.status).toBe(409);
      expect(response.body.message).toMatch(new RegExp(`: 1 product uses this ${what}$`));
      await request(t.http).get(`/api/v1/${path}/${id}`).expect(200);
    });

    it('never leaves a product referring to a deleted row when both race', async () => {
      const rounds = 15;
      const outcomes: string[] = [];
      for (let round = 0; round < rounds; round++) {
        const id = await create(`Race ${path} ${round}`);
        const [deletion, creation] = await Promise.all([
          request(t.http).delete(`/api/v1/${path}/${id}`),
          createProduct({ [field]: id }),
        ]);
        // Either the product came first (delete refused) or the delete did (the product's reference is unknown).
        expect([
          [204, 404],
          [409, 201],
        ]).toContainEqual([deletion.status, creation.status]);
        if (creation.status === 404) expect(creation.body.code).toBe(`${code}_NOT_FOUND`);
        if (deletion.status === 409) expect(deletion.body.code).toBe(`${code}_IN_USE`);
        outcomes.push(`${deletion.status}/${creation.status}`);
      }
      const column = field === 'category_id' ? 'category_id' : 'supplier_id';
      const orphans: Array<{ count: number }> = await t.dataSource.query(
        `SELECT count(*)::int AS count FROM products p WHERE p.${column} IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM ${path} r WHERE r.id = p.${column})`,
      );
      expect(orphans[0].count).toBe(0);
      expect(outcomes).toHaveLength(rounds);
    });
  });

  it('a product created after its category was deleted answers 404 and writes nothing', async () => {
    const id = await createCategory('Gone soon');
    await request(t.http).delete(`/api/v1/categories/${id}`).expect(204);
    const before = await t.dataSource.getRepository(Product).count();
    const response = await createProduct({ category_id: id }).expect(404);
    expect(response.body.code).toBe('CATEGORY_NOT_FOUND');
    expect(await t.dataSource.getRepository(Product).count()).toBe(before);
  });

  it('documents the 204, 404 and 409 of both deletes in OpenAPI', async () => {
    const document = await request(t.http).get('/docs-json').expect(200);
    for (const path of ['/api/v1/categories/{id}', '/api/v1/suppliers/{id}']) {
      expect(Object.keys(document.body.paths[path].delete.responses)).toEqual(
        expect.arrayContaining(['204', '400', '404', '409']),
      );
    }
  });
});
