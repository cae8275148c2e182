import { TestApp, createTestApp, fieldsOf, problemsOf } from '@app/testing';
import request from 'supertest';
import { retailService } from '../src/retail.service';
import { Store } from '../src/stores/store.entity';
import { givenStore } from './fixtures';

describe('Stores API', () => {
  let t: TestApp;
  let paris: Store;
  let lyon: Store;
  let closed: Store;

  const stores = () => t.dataSource.getRepository(Store);
  const create = (body: object) => request(t.http).post('/api/v1/stores').send(body);

  beforeAll(async () => {
    t = await createTestApp(retailService);
    paris = await givenStore(t.dataSource, 'ST-PARIS', { name: 'Paris Rivoli', locationId: 2, address: '80 rue de Rivoli' });
    lyon = await givenStore(t.dataSource, 'ST-LYON', { locationId: 3 });
    closed = await givenStore(t.dataSource, 'ST-CLOSED', { locationId: 4, active: false });
  });

  afterAll(() => t.close());

  describe('GET /api/v1/stores', () => {
    it('pages with limit and offset and returns the total', async () => {
      const response = await request(t.http).get('/api/v1/stores?limit=1&offset=1').expect(200);
      expect(response.body).toEqual({
        total: 3,
        limit: 1,
        offset: 1,
        data: [
          {
            id: lyon.id,
            code: 'ST-LYON',
            name: 'Store ST-LYON',
            location_id: 3,
            address: null,
            active: true,
            created_at: lyon.createdAt.toISOString(),
          },
        ],
      });
    });

    it('lists every store by id with the default page', async () => {
      const response = await request(t.http).get('/api/v1/stores').expect(200);
      expect(response.body).toMatchObject({ total: 3, limit: 20, offset: 0 });
      expect(response.body.data.map((s: { id: number }) => s.id)).toEqual([paris.id, lyon.id, closed.id]);
    });

    it('filters by active', async () => {
      const active = await request(t.http).get('/api/v1/stores?active=true').expect(200);
      expect(active.body.data.map((s: { id: number }) => s.id)).toEqual([paris.id, lyon.id]);
      const inactive = await request(t.http).get('/api/v1/stores?active=false').expect(200);
      expect(inactive.body).toMatchObject({ total: 1, data: [{ id: closed.id, active: false }] });
    });

    it.each([
      ['active=yes', 'active'],
      ['active=1', 'active'],
      ['limit=0', 'limit'],
      ['limit=101', 'limit'],
      ['offset=-1', 'offset'],
      ['code=ST-PARIS', 'code'],
    ])('rejects %s naming the field', async (query, field) => {
      const response = await request(t.http).get(`/api/v1/stores?${query}`).expect(400);
      expect(response.body).toMatchObject({ status_code: 400, error: 'Bad Request', code: 'VALIDATION_FAILED' });
      expect(fieldsOf(response.body)).toEqual([field]);
    });
  });

  describe('GET /api/v1/stores/:id', () => {
    it('returns one store', async () => {
      const response = await request(t.http).get(`/api/v1/stores/${paris.id}`).expect(200);
      expect(response.body).toEqual({
        id: paris.id,
        code: 'ST-PARIS',
        name: 'Paris Rivoli',
        location_id: 2,
        address: '80 rue de Rivoli',
        active: true,
        created_at: paris.createdAt.toISOString(),
      });
    });

    it('answers 404 for an unknown id', async () => {
      const response = await request(t.http).get('/api/v1/stores/99999').expect(404);
      expect(response.body).toEqual({
        status_code: 404,
        error: 'Not Found',
        code: 'STORE_NOT_FOUND',
        message: 'Store 99999 not found',
      });
    });

    it.each(['abc', '0', '-1', '1.5', '99999999999'])('answers 400 for the id %s', async (id) => {
      const response = await request(t.http).get(`/api/v1/stores/${id}`).expect(400);
      expect(fieldsOf(response.body)).toEqual(['id']);
    });
  });

  describe('POST /api/v1/stores', () => {
    it('creates a store, active by default', async () => {
      const response = await create({
        code: 'ST-NANTES',
        name: 'Nantes Commerce',
        location_id: 7,
        address: '1 place du Commerce',
      }).expect(201);
      expect(response.body).toEqual({
        id: expect.any(Number),
        code: 'ST-NANTES',
        name: 'Nantes Commerce',
        location_id: 7,
        address: '1 place du Commerce',
        active: true,
        created_at: expect.any(String),
      });
      expect(await stores().findOneByOrFail({ id: response.body.id })).toMatchObject({
        code: 'ST-NANTES',
        locationId: 7,
        address: '1 place du Commerce',
        active: true,
      });
    });

    it('stores a missing address as null and takes active as given', async () => {
      const response = await create({ code: 'ST-NICE', name: 'Nice', location_id: 8, active: false }).expect(201);
      expect(response.body).toMatchObject({ address: null, active: false });
      expect(await stores().findOneByOrFail({ code: 'ST-NICE' })).toMatchObject({ address: null, active: false });
    });

    it('answers 409 for a code already used, and writes nothing', async () => {
      const before = await stores().count();
      const response = await create({ code: 'ST-PARIS', name: 'Another Paris', location_id: 9 }).expect(409);
      expect(response.body).toEqual({
        status_code: 409,
        error: 'Conflict',
        code: 'STORE_CODE_TAKEN',
        message: 'Store code ST-PARIS is taken',
      });
      expect(await stores().count()).toBe(before);
      expect(await stores().findOneByOrFail({ code: 'ST-PARIS' })).toMatchObject({ name: 'Paris Rivoli' });
    });

    it('answers 400 naming every bad field, and writes nothing', async () => {
      const before = await stores().count();
      const response = await create({ code: 'lower', colour: 'red' }).expect(400);
      expect(response.body).toMatchObject({ status_code: 400, message: 'Validation failed', code: 'VALIDATION_FAILED' });
      expect(fieldsOf(response.body)).toEqual(['code', 'colour', 'location_id', 'name']);
      expect(problemsOf(response.body, 'code')).toEqual(['code must be 1-30 upper-case letters, digits or dashes']);
      expect(problemsOf(response.body, 'location_id')).toContain('location_id must be an integer number');
      expect(await stores().count()).toBe(before);
    });

    it.each([
      [{ code: 'ST-X', name: 'X', location_id: '2' }, 'location_id'],
      [{ code: 'ST-X', name: 'X', location_id: 0 }, 'location_id'],
      [{ code: 'ST-X', name: 'X', location_id: 1.5 }, 'location_id'],
      [{ code: 'ST-X', name: 'X', location_id: null }, 'location_id'],
      [{ code: 'ST-X', name: '', location_id: 2 }, 'name'],
      [{ code: 'ST-X', name: 'X', location_id: 2, address: '' }, 'address'],
      [{ code: 'ST-X', name: 'X', location_id: 2, address: null }, 'address'],
      [{ code: 'ST-X', name: 'X', location_id: 2, active: 'yes' }, 'active'],
      [{ code: 'ST-X', name: 'X', location_id: 2, id: 5 }, 'id'],
      [{ code: 'X'.repeat(31), name: 'X', location_id: 2 }, 'code'],
    ])('rejects %j naming %s, and writes nothing', async (body, field) => {
      const before = await stores().count();
      const response = await create(body).expect(400);
      expect(fieldsOf(response.body)).toEqual([field]);
      expect(await stores().count()).toBe(before);
    });
  });

  describe('PATCH /api/v1/stores/:id', () => {
    it('changes the given fields only', async () => {
      const store = await givenStore(t.dataSource, 'ST-PATCH', { name: 'Before', locationId: 5, address: 'Old street' });
      const response = await request(t.http)
        .patch(`/api/v1/stores/${store.id}`)
        .send({ name: 'After', location_id: 6 })
        .expect(200);
      expect(response.body).toEqual({
        id: store.id,
        code: 'ST-PATCH',
        name: 'After',
        location_id: 6,
        address: 'Old street',
        active: true,
        created_at: store.createdAt.toISOString(),
      });
      expect(await stores().findOneByOrFail({ id: store.id })).toMatchObject({
        name: 'After',
        locationId: 6,
        address: 'Old street',
        active: true,
      });
    });

    it('deactivates and reactivates a store', async () => {
      const store = await givenStore(t.dataSource, 'ST-TOGGLE');
      const deactivated = await request(t.http).patch(`/api/v1/stores/${store.id}`).send({ active: false }).expect(200);
      expect(deactivated.body.active).toBe(false);
      expect((await stores().findOneByOrFail({ id: store.id })).active).toBe(false);
      const response = await request(t.http)
        .patch(`/api/v1/stores/${store.id}`)
        .send({ active: true, address: 'New street' })
        .expect(200);
      expect(response.body).toMatchObject({ active: true, address: 'New street' });
    });

    it.each([
      [{ code: 'ST-OTHER' }, 'code'],
      [{ name: null }, 'name'],
      [{ location_id: -2 }, 'location_id'],
      [{ active: 'no' }, 'active'],
    ])('rejects %j naming %s, and changes nothing', async (body, field) => {
      const before = await stores().findOneByOrFail({ id: lyon.id });
      const response = await request(t.http).patch(`/api/v1/stores/${lyon.id}`).send(body).expect(400);
      expect(fieldsOf(response.body)).toEqual([field]);
      expect(await stores().findOneByOrFail({ id: lyon.id })).toEqual(before);
    });

    it('answers 404 for an unknown store', async () => {
      const response = await request(t.http).patch('/api/v1/stores/99999').send({ name: 'Nobody' }).expect(404);
      expect(response.body).toMatchObject({ code: 'STORE_NOT_FOUND', message: 'Store 99999 not found' });
    });
  });
});
