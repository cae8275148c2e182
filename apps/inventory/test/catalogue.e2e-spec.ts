import { TestApp, createTestApp, fieldsOf, problemsOf } from '@app/testing';
import request from 'supertest';
import { Category } from '../src/categories/category.entity';
import { inventoryService } from '../src/inventory.service';
import { Location, LocationType } from '../src/locations/location.entity';
import { Supplier } from '../src/suppliers/supplier.entity';
import { givenCatalogue } from './fixtures';

/** Rows of `it.each` as `{ case, body, field }`, so that long strings do not flood the test titles. */
type Rejection = { case: string; body: Record<string, unknown>; field: string };
const rejection = (body: Record<string, unknown>, field: string, label?: string): Rejection => ({
  case: label ?? JSON.stringify(body),
  body,
  field,
});

describe('Catalogue API: categories, suppliers and locations', () => {
  let t: TestApp;
  let catalogue: Awaited<ReturnType<typeof givenCatalogue>>;

  beforeAll(async () => {
    t = await createTestApp(inventoryService);
    catalogue = await givenCatalogue(t.dataSource, 1);
  });

  afterAll(() => t.close());

  describe('categories', () => {
    const categories = () => t.dataSource.getRepository(Category);
    let extra: Category[];

    beforeAll(async () => {
      extra = await categories().save([
        { name: 'Beverages', description: 'Drinks' },
        { name: 'Bakery', description: null },
      ]);
    });

    describe('GET /api/v1/categories', () => {
      it('pages with limit and offset and returns the total', async () => {
        const response = await request(t.http).get('/api/v1/categories?limit=2&offset=1').expect(200);
        expect(response.body).toEqual({
          total: 3,
          limit: 2,
          offset: 1,
          data: [
            { id: extra[0].id, name: 'Beverages', description: 'Drinks', created_at: expect.any(String) },
            { id: extra[1].id, name: 'Bakery', description: null, created_at: expect.any(String) },
          ],
        });
        expect(new Date(response.body.data[0].created_at).toISOString()).toBe(response.body.data[0].created_at);
      });

      it('uses the default page of 20 from offset 0', async () => {
        const response = await request(t.http).get('/api/v1/categories').expect(200);
        expect(response.body).toMatchObject({ total: 3, limit: 20, offset: 0 });
        expect(response.body.data.map((c: { name: string }) => c.name)).toEqual(['Test category', 'Beverages', 'Bakery']);
      });

      it.each([
        ['limit=0', 'limit'],
        ['limit=101', 'limit'],
        ['offset=-1', 'offset'],
        ['limit=abc', 'limit'],
        ['name=Bakery', 'name'],
      ])('rejects %s naming the field', async (query, field) => {
        const response = await request(t.http).get(`/api/v1/categories?${query}`).expect(400);
        expect(response.body).toMatchObject({ status_code: 400, error: 'Bad Request', code: 'VALIDATION_FAILED' });
        expect(fieldsOf(response.body)).toEqual([field]);
      });
    });

    describe('GET /api/v1/categories/:id', () => {
      it('returns one category', async () => {
        const response = await request(t.http).get(`/api/v1/categories/${catalogue.category.id}`).expect(200);
        expect(response.body).toEqual({
          id: catalogue.category.id,
          name: 'Test category',
          description: null,
          created_at: catalogue.category.createdAt.toISOString(),
        });
      });

      it('answers 404 for an unknown id', async () => {
        const response = await request(t.http).get('/api/v1/categories/99999').expect(404);
        expect(response.body).toEqual({
          status_code: 404,
          error: 'Not Found',
          code: 'CATEGORY_NOT_FOUND',
          message: 'Category 99999 not found',
        });
      });

      it.each(['abc', '0', '-1', '1.5', '99999999999'])('answers 400 for the id %s', async (id) => {
        const response = await request(t.http).get(`/api/v1/categories/${id}`).expect(400);
        expect(fieldsOf(response.body)).toEqual(['id']);
      });
    });

    describe('POST /api/v1/categories', () => {
      it('creates a category', async () => {
        const response = await request(t.http)
          .post('/api/v1/categories')
          .send({ name: 'Frozen', description: 'Below zero' })
          .expect(201);
        expect(response.body).toEqual({
          id: expect.any(Number),
          name: 'Frozen',
          description: 'Below zero',
          created_at: expect.any(String),
        });
        const stored = await categories().findOneByOrFail({ id: response.body.id });
        expect(stored).toMatchObject({ name: 'Frozen', description: 'Below zero' });
      });

      it('stores a missing description as null', async () => {
        const response = await request(t.http).post('/api/v1/categories').send({ name: 'Dairy' }).expect(201);
        expect(response.body.description).toBeNull();
        expect((await categories().findOneByOrFail({ name: 'Dairy' })).description).toBeNull();
      });

      it('answers 409 for a duplicate name and writes nothing', async () => {
        const before = await categories().count();
        const response = await request(t.http)
          .post('/api/v1/categories')
          .send({ name: 'Test category', description: 'again' })
          .expect(409);
        expect(response.body).toEqual({
          status_code: 409,
          error: 'Conflict',
          code: 'CATEGORY_NAME_TAKEN',
          message: 'A category named "Test category" exists',
        });
        expect(await categories().count()).toBe(before);
        expect(await categories().countBy({ name: 'Test category' })).toBe(1);
      });

      it('answers 400 naming every bad field, and writes nothing', async () => {
        const before = await categories().count();
        const response = await request(t.http).post('/api/v1/categories').send({ description: 42, colour: 'red' }).expect(400);
        expect(response.body).toMatchObject({
          status_code: 400,
          error: 'Bad Request',
          message: 'Validation failed',
          code: 'VALIDATION_FAILED',
        });
        expect(fieldsOf(response.body)).toEqual(['colour', 'description', 'name']);
        expect(problemsOf(response.body, 'colour')).toEqual(['property colour should not exist']);
        expect(problemsOf(response.body, 'name')).toContain('name must be a string');
        expect(await categories().count()).toBe(before);
      });

      it.each([
        rejection({}, 'name'),
        rejection({ name: '' }, 'name'),
        rejection({ name: 'x'.repeat(101) }, 'name', 'a name of 101 characters'),
        rejection({ name: 7 }, 'name'),
        rejection({ name: 'Ok', description: 'x'.repeat(2001) }, 'description', 'a description of 2001 characters'),
        rejection({ name: 'Ok', id: 5 }, 'id'),
        rejection({ name: 'Ok', created_at: '2020-01-01T00:00:00Z' }, 'created_at'),
      ])('rejects $case naming $field', async ({ body, field }) => {
        const before = await categories().count();
        const response = await request(t.http).post('/api/v1/categories').send(body).expect(400);
        expect(fieldsOf(response.body)).toEqual([field]);
        expect(await categories().count()).toBe(before);
      });

      it('answers 400 for a body that is not JSON', async () => {
        const response = await request(t.http)
          .post('/api/v1/categories')
          .set('content-type', 'application/json')
          .send('{"name":')
          .expect(400);
        expect(response.body.status_code).toBe(400);
      });
    });

    describe('PATCH /api/v1/categories/:id', () => {
      it('updates only the given fields', async () => {
        const id = extra[0].id;
        const response = await request(t.http).patch(`/api/v1/categories/${id}`).send({ description: 'Soft drinks' }).expect(200);
        expect(response.body).toEqual({
          id,
          name: 'Beverages',
          description: 'Soft drinks',
          created_at: extra[0].createdAt.toISOString(),
        });
        expect(await categories().findOneByOrFail({ id })).toMatchObject({ name: 'Beverages', description: 'Soft drinks' });
      });

      it('renames a category', async () => {
        const id = extra[1].id;
        const response = await request(t.http).patch(`/api/v1/categories/${id}`).send({ name: 'Bread' }).expect(200);
        expect(response.body).toMatchObject({ id, name: 'Bread', description: null });
        expect((await categories().findOneByOrFail({ id })).name).toBe('Bread');
      });

      it('answers 409 when the new name is taken, and writes nothing', async () => {
        const id = extra[1].id;
        const response = await request(t.http).patch(`/api/v1/categories/${id}`).send({ name: 'Beverages' }).expect(409);
        expect(response.body).toMatchObject({ status_code: 409, code: 'CATEGORY_NAME_TAKEN' });
        expect((await categories().findOneByOrFail({ id })).name).toBe('Bread');
      });

      it('answers 404 for an unknown category', async () => {
        const response = await request(t.http).patch('/api/v1/categories/99999').send({ name: 'x' }).expect(404);
        expect(response.body).toMatchObject({ code: 'CATEGORY_NOT_FOUND', message: 'Category 99999 not found' });
      });

      it.each([
        rejection({ name: '' }, 'name'),
        rejection({ name: 'x'.repeat(101) }, 'name', 'a name of 101 characters'),
        rejection({ description: false }, 'description'),
        rejection({ id: 1 }, 'id'),
        rejection({ unknown_field: true }, 'unknown_field'),
      ])('rejects $case naming $field, and writes nothing', async ({ body, field }) => {
        const id = extra[0].id;
        const response = await request(t.http).patch(`/api/v1/categories/${id}`).send(body).expect(400);
        expect(fieldsOf(response.body)).toEqual([field]);
        expect(await categories().findOneByOrFail({ id })).toMatchObject({ name: 'Beverages', description: 'Soft drinks' });
      });

      it('answers 400 (not 500) for a null name, and writes nothing', async () => {
        const id = extra[0].id;
        const response = await request(t.http).patch(`/api/v1/categories/${id}`).send({ name: null });
        expect(response.status).toBe(400);
        expect(fieldsOf(response.body)).toEqual(['name']);
        expect((await categories().findOneByOrFail({ id })).name).toBe('Beverages');
      });

      it('answers 400 for a bad id', async () => {
        const response = await request(t.http).patch('/api/v1/categories/abc').send({ name: 'x' }).expect(400);
        expect(fieldsOf(response.body)).toEqual(['id']);
      });
    });
  });

  describe('suppliers', () => {
    const suppliers = () => t.dataSource.getRepository(Supplier);
    let seeded: Supplier[];

    beforeAll(async () => {
      seeded = await suppliers().save([
        { name: 'Acme Foods', email: 'orders@acme.example', phone: '+33 1 23 45 67 89' },
        { name: 'Bolt Drinks', email: null, phone: null },
        { name: 'Crumb Bakery', email: 'hello@crumb.example', phone: null },
      ]);
    });

    describe('GET /api/v1/suppliers', () => {
      it('pages with limit and offset and returns the total', async () => {
        const response = await request(t.http).get('/api/v1/suppliers?limit=1&offset=1').expect(200);
        expect(response.body).toEqual({
          total: 3,
          limit: 1,
          offset: 1,
          data: [
            { id: seeded[1].id, name: 'Bolt Drinks', email: null, phone: null, created_at: seeded[1].createdAt.toISOString() },
          ],
        });
      });

      it('lists every supplier in id order by default', async () => {
        const response = await request(t.http).get('/api/v1/suppliers').expect(200);
        expect(response.body).toMatchObject({ total: 3, limit: 20, offset: 0 });
        expect(response.body.data.map((s: { id: number }) => s.id)).toEqual(seeded.map((s) => s.id));
      });

      it.each([
        ['limit=0', 'limit'],
        ['offset=x', 'offset'],
        ['email=a@b.example', 'email'],
      ])('rejects %s naming the field', async (query, field) => {
        const response = await request(t.http).get(`/api/v1/suppliers?${query}`).expect(400);
        expect(fieldsOf(response.body)).toEqual([field]);
      });
    });

    describe('GET /api/v1/suppliers/:id', () => {
      it('returns one supplier', async () => {
        const response = await request(t.http).get(`/api/v1/suppliers/${seeded[0].id}`).expect(200);
        expect(response.body).toEqual({
          id: seeded[0].id,
          name: 'Acme Foods',
          email: 'orders@acme.example',
          phone: '+33 1 23 45 67 89',
          created_at: seeded[0].createdAt.toISOString(),
        });
      });

      it('answers 404 for an unknown id', async () => {
        const response = await request(t.http).get('/api/v1/suppliers/99999').expect(404);
        expect(response.body).toEqual({
          status_code: 404,
          error: 'Not Found',
          code: 'SUPPLIER_NOT_FOUND',
          message: 'Supplier 99999 not found',
        });
      });

      it.each(['abc', '0', '1.5', '2147483648'])('answers 400 for the id %s', async (id) => {
        const response = await request(t.http).get(`/api/v1/suppliers/${id}`).expect(400);
        expect(fieldsOf(response.body)).toEqual(['id']);
      });
    });

    describe('POST /api/v1/suppliers', () => {
      it('creates a supplier', async () => {
        const response = await request(t.http)
          .post('/api/v1/suppliers')
          .send({ name: 'Delta Dairy', email: 'sales@delta.example', phone: '0123' })
          .expect(201);
        expect(response.body).toEqual({
          id: expect.any(Number),
          name: 'Delta Dairy',
          email: 'sales@delta.example',
          phone: '0123',
          created_at: expect.any(String),
        });
        expect(await suppliers().findOneByOrFail({ id: response.body.id })).toMatchObject({
          name: 'Delta Dairy',
          email: 'sales@delta.example',
          phone: '0123',
        });
      });

      it('stores missing contact details as null', async () => {
        const response = await request(t.http).post('/api/v1/suppliers').send({ name: 'Echo Eggs' }).expect(201);
        expect(response.body).toMatchObject({ name: 'Echo Eggs', email: null, phone: null });
      });

      it('allows two suppliers with the same name', async () => {
        await request(t.http).post('/api/v1/suppliers').send({ name: 'Echo Eggs' }).expect(201);
        expect(await suppliers().countBy({ name: 'Echo Eggs' })).toBe(2);
      });

      it('answers 400 naming every bad field, and writes nothing', async () => {
        const before = await suppliers().count();
        const response = await request(t.http).post('/api/v1/suppliers').send({ email: 'not-an-email', phone: '' }).expect(400);
        expect(response.body).toMatchObject({ status_code: 400, message: 'Validation failed', code: 'VALIDATION_FAILED' });
        expect(fieldsOf(response.body)).toEqual(['email', 'name', 'phone']);
        expect(problemsOf(response.body, 'email')).toEqual(['email must be an email']);
        expect(await suppliers().count()).toBe(before);
      });

      it.each([
        rejection({ name: 'n', email: 'a@' }, 'email'),
        rejection({ name: 'n', email: 42 }, 'email'),
        rejection({ name: '' }, 'name'),
        rejection({ name: 'x'.repeat(201) }, 'name', 'a name of 201 characters'),
        rejection({ name: 'n', phone: 'x'.repeat(51) }, 'phone', 'a phone of 51 characters'),
        rejection({ name: 'n', website: 'https://acme.example' }, 'website'),
      ])('rejects $case naming $field', async ({ body, field }) => {
        const before = await suppliers().count();
        const response = await request(t.http).post('/api/v1/suppliers').send(body).expect(400);
        expect(fieldsOf(response.body)).toEqual([field]);
        expect(await suppliers().count()).toBe(before);
      });
    });

    describe('PATCH /api/v1/suppliers/:id', () => {
      it('updates only the given fields', async () => {
        const id = seeded[0].id;
        const response = await request(t.http).patch(`/api/v1/suppliers/${id}`).send({ phone: '+33 9 99' }).expect(200);
        expect(response.body).toEqual({
          id,
          name: 'Acme Foods',
          email: 'orders@acme.example',
          phone: '+33 9 99',
          created_at: seeded[0].createdAt.toISOString(),
        });
        expect(await suppliers().findOneByOrFail({ id })).toMatchObject({
          name: 'Acme Foods',
          email: 'orders@acme.example',
          phone: '+33 9 99',
        });
      });

      it('answers 400 for a bad email and writes nothing', async () => {
        const id = seeded[0].id;
        const response = await request(t.http).patch(`/api/v1/suppliers/${id}`).send({ email: 'orders at acme' }).expect(400);
        expect(response.body.errors).toEqual([{ field: 'email', problems: ['email must be an email'] }]);
        expect((await suppliers().findOneByOrFail({ id })).email).toBe('orders@acme.example');
      });

      it.each([
        [{ name: '' }, 'name'],
        [{ id: 3 }, 'id'],
        [{ fax: '123' }, 'fax'],
      ])('rejects %j naming %s', async (body, field) => {
        const response = await request(t.http).patch(`/api/v1/suppliers/${seeded[0].id}`).send(body).expect(400);
        expect(fieldsOf(response.body)).toEqual([field]);
      });

      it('answers 400 (not 500) for a null name, and writes nothing', async () => {
        const id = seeded[1].id;
        const response = await request(t.http).patch(`/api/v1/suppliers/${id}`).send({ name: null });
        expect(response.status).toBe(400);
        expect(fieldsOf(response.body)).toEqual(['name']);
        expect((await suppliers().findOneByOrFail({ id })).name).toBe('Bolt Drinks');
      });

      it('answers 404 for an unknown supplier', async () => {
        const response = await request(t.http).patch('/api/v1/suppliers/99999').send({ name: 'x' }).expect(404);
        expect(response.body).toMatchObject({ code: 'SUPPLIER_NOT_FOUND', message: 'Supplier 99999 not found' });
      });
    });
  });

  describe('locations', () => {
    const locations = () => t.dataSource.getRepository(Location);
    let secondStore: Location;

    beforeAll(async () => {
      secondStore = await locations().save({
        code: 'ST-TWO',
        name: 'Second store',
        type: LocationType.Store,
        address: '1 Main St',
      });
    });

    describe('GET /api/v1/locations', () => {
      it('lists every location with the total', async () => {
        const response = await request(t.http).get('/api/v1/locations').expect(200);
        expect(response.body).toMatchObject({ total: 3, limit: 20, offset: 0 });
        expect(response.body.data.map((l: { code: string }) => l.code)).toEqual(['WH-TEST', 'ST-TEST', 'ST-TWO']);
        expect(response.body.data[2]).toEqual({
          id: secondStore.id,
          code: 'ST-TWO',
          name: 'Second store',
          type: 'STORE',
          address: '1 Main St',
          created_at: secondStore.createdAt.toISOString(),
        });
      });

      it('filters by type', async () => {
        const stores = await request(t.http).get('/api/v1/locations?type=STORE').expect(200);
        expect(stores.body.total).toBe(2);
        expect(stores.body.data.map((l: { id: number }) => l.id)).toEqual([catalogue.store.id, secondStore.id]);
        const warehouses = await request(t.http).get('/api/v1/locations?type=WAREHOUSE').expect(200);
        expect(warehouses.body).toMatchObject({
          total: 1,
          data: [{ id: catalogue.warehouse.id, code: 'WH-TEST', type: 'WAREHOUSE' }],
        });
      });

      it('pages a filtered list', async () => {
        const response = await request(t.http).get('/api/v1/locations?type=STORE&limit=1&offset=1').expect(200);
        expect(response.body).toMatchObject({ total: 2, limit: 1, offset: 1 });
        expect(response.body.data.map((l: { code: string }) => l.code)).toEqual(['ST-TWO']);
      });

      it.each([
        ['type=store', 'type'],
        ['type=SHOP', 'type'],
        ['limit=1000', 'limit'],
        ['code=ST-TWO', 'code'],
      ])('rejects %s naming the field', async (query, field) => {
        const response = await request(t.http).get(`/api/v1/locations?${query}`).expect(400);
        expect(fieldsOf(response.body)).toEqual([field]);
      });
    });

    describe('GET /api/v1/locations/:id', () => {
      it('returns one location', async () => {
        const response = await request(t.http).get(`/api/v1/locations/${catalogue.warehouse.id}`).expect(200);
        expect(response.body).toEqual({
          id: catalogue.warehouse.id,
          code: 'WH-TEST',
          name: 'Test warehouse',
          type: 'WAREHOUSE',
          address: null,
          created_at: catalogue.warehouse.createdAt.toISOString(),
        });
      });

      it('answers 404 for an unknown id', async () => {
        const response = await request(t.http).get('/api/v1/locations/99999').expect(404);
        expect(response.body).toEqual({
          status_code: 404,
          error: 'Not Found',
          code: 'LOCATION_NOT_FOUND',
          message: 'Location 99999 not found',
        });
      });

      it.each(['abc', '0', '-3'])('answers 400 for the id %s', async (id) => {
        const response = await request(t.http).get(`/api/v1/locations/${id}`).expect(400);
        expect(fieldsOf(response.body)).toEqual(['id']);
      });
    });

    describe('POST /api/v1/locations', () => {
      it('creates a location', async () => {
        const response = await request(t.http)
          .post('/api/v1/locations')
          .send({ code: 'ST-LYON', name: 'Lyon Part-Dieu', type: 'STORE', address: '17 rue du Docteur Bouchut' })
          .expect(201);
        expect(response.body).toEqual({
          id: expect.any(Number),
          code: 'ST-LYON',
          name: 'Lyon Part-Dieu',
          type: 'STORE',
          address: '17 rue du Docteur Bouchut',
          created_at: expect.any(String),
        });
        expect(await locations().findOneByOrFail({ id: response.body.id })).toMatchObject({
          code: 'ST-LYON',
          type: LocationType.Store,
        });
      });

      it('creates a warehouse without an address', async () => {
        const response = await request(t.http)
          .post('/api/v1/locations')
          .send({ code: 'WH2', name: 'Overflow', type: 'WAREHOUSE' })
          .expect(201);
        expect(response.body).toMatchObject({ code: 'WH2', type: 'WAREHOUSE', address: null });
      });

      it('answers 409 for a duplicate code and writes nothing', async () => {
        const before = await locations().count();
        const response = await request(t.http)
          .post('/api/v1/locations')
          .send({ code: 'ST-TEST', name: 'Another', type: 'STORE' })
          .expect(409);
        expect(response.body).toEqual({
          status_code: 409,
          error: 'Conflict',
          code: 'LOCATION_CODE_TAKEN',
          message: 'Location code ST-TEST is taken',
        });
        expect(await locations().count()).toBe(before);
        expect((await locations().findOneByOrFail({ code: 'ST-TEST' })).name).toBe('Test store');
      });

      it('answers 400 naming every bad field, and writes nothing', async () => {
        const before = await locations().count();
        const response = await request(t.http).post('/api/v1/locations').send({ code: 'st lyon', type: 'SHOP' }).expect(400);
        expect(response.body).toMatchObject({ status_code: 400, code: 'VALIDATION_FAILED' });
        expect(fieldsOf(response.body)).toEqual(['code', 'name', 'type']);
        expect(problemsOf(response.body, 'code')).toEqual(['code must be 1-30 upper-case letters, digits or dashes']);
        expect(problemsOf(response.body, 'type')[0]).toMatch(/STORE, WAREHOUSE/);
        expect(await locations().count()).toBe(before);
      });

      it.each([
        rejection({ code: '', name: 'n', type: 'STORE' }, 'code'),
        rejection({ code: '-ST', name: 'n', type: 'STORE' }, 'code'),
        rejection({ code: 'st-lower', name: 'n', type: 'STORE' }, 'code'),
        rejection({ code: 'X'.repeat(31), name: 'n', type: 'STORE' }, 'code', 'a code of 31 characters'),
        rejection({ code: 'ST-X', name: 'n', type: 'store' }, 'type'),
        rejection({ code: 'ST-X', name: 'n' }, 'type'),
        rejection({ code: 'ST-X', name: '', type: 'STORE' }, 'name'),
        rejection({ code: 'ST-X', name: 'n', type: 'STORE', address: '' }, 'address'),
        rejection({ code: 'ST-X', name: 'n', type: 'STORE', manager: 'Ann' }, 'manager'),
      ])('rejects $case naming $field', async ({ body, field }) => {
        const before = await locations().count();
        const response = await request(t.http).post('/api/v1/locations').send(body).expect(400);
        expect(fieldsOf(response.body)).toEqual([field]);
        expect(await locations().count()).toBe(before);
      });
    });

    describe('PATCH /api/v1/locations/:id', () => {
      it('updates the name and address', async () => {
        const response = await request(t.http)
          .patch(`/api/v1/locations/${secondStore.id}`)
          .send({ name: 'Second store (renovated)', address: '2 Main St' })
          .expect(200);
        expect(response.body).toEqual({
          id: secondStore.id,
          code: 'ST-TWO',
          name: 'Second store (renovated)',
          type: 'STORE',
          address: '2 Main St',
          created_at: secondStore.createdAt.toISOString(),
        });
        expect(await locations().findOneByOrFail({ id: secondStore.id })).toMatchObject({
          name: 'Second store (renovated)',
          address: '2 Main St',
        });
      });

      it.each([
        [{ code: 'ST-NEW' }, 'code'],
        [{ type: 'WAREHOUSE' }, 'type'],
        [{ name: 'Renamed', code: 'ST-NEW' }, 'code'],
      ])('cannot change %j: 400 naming %s as unknown, and writes nothing', async (body, field) => {
        const response = await request(t.http).patch(`/api/v1/locations/${catalogue.store.id}`).send(body).expect(400);
        expect(response.body).toMatchObject({ status_code: 400, code: 'VALIDATION_FAILED' });
        expect(response.body.errors).toEqual([{ field, problems: [`property ${field} should not exist`] }]);
        expect(await locations().findOneByOrFail({ id: catalogue.store.id })).toMatchObject({
          code: 'ST-TEST',
          name: 'Test store',
          type: LocationType.Store,
        });
      });

      it.each([
        [{ name: '' }, 'name'],
        [{ address: 5 }, 'address'],
      ])('rejects %j naming %s', async (body, field) => {
        const response = await request(t.http).patch(`/api/v1/locations/${catalogue.store.id}`).send(body).expect(400);
        expect(fieldsOf(response.body)).toEqual([field]);
      });

      it('answers 400 (not 500) for a null name, and writes nothing', async () => {
        const response = await request(t.http).patch(`/api/v1/locations/${catalogue.store.id}`).send({ name: null });
        expect(response.status).toBe(400);
        expect(fieldsOf(response.body)).toEqual(['name']);
        expect((await locations().findOneByOrFail({ id: catalogue.store.id })).name).toBe('Test store');
      });

      it('answers 404 for an unknown location', async () => {
        const response = await request(t.http).patch('/api/v1/locations/99999').send({ name: 'x' }).expect(404);
        expect(response.body).toMatchObject({ code: 'LOCATION_NOT_FOUND', message: 'Location 99999 not found' });
      });
    });
  });
});
