import { TestApp, createTestApp, fieldsOf, problemsOf } from '@app/testing';
import request from 'supertest';
import { CashRegister } from '../src/cash-registers/cash-register.entity';
import { retailService } from '../src/retail.service';
import { Store } from '../src/stores/store.entity';
import { givenRegister, givenStore } from './fixtures';

describe('Cash registers API', () => {
  let t: TestApp;
  let paris: Store;
  let lyon: Store;
  let pos1: CashRegister;
  let pos2: CashRegister;
  let lyonPos1: CashRegister;

  const registers = () => t.dataSource.getRepository(CashRegister);
  const create = (body: object) => request(t.http).post('/api/v1/cash-registers').send(body);
  const idsOf = (body: { data: { id: number }[] }) => body.data.map((register) => register.id);

  beforeAll(async () => {
    t = await createTestApp(retailService);
    paris = await givenStore(t.dataSource, 'ST-PARIS');
    lyon = await givenStore(t.dataSource, 'ST-LYON');
    pos1 = await givenRegister(t.dataSource, paris, 'POS-1');
    pos2 = await givenRegister(t.dataSource, paris, 'POS-2', false);
    lyonPos1 = await givenRegister(t.dataSource, lyon, 'POS-1');
  });

  afterAll(() => t.close());

  describe('GET /api/v1/cash-registers', () => {
    it('pages with limit and offset and returns the total', async () => {
      const response = await request(t.http).get('/api/v1/cash-registers?limit=1&offset=1').expect(200);
      expect(response.body).toEqual({
        total: 3,
        limit: 1,
        offset: 1,
        data: [{ id: pos2.id, store_id: paris.id, code: 'POS-2', active: false, created_at: pos2.createdAt.toISOString() }],
      });
    });

    it('filters by store', async () => {
      const atParis = await request(t.http).get(`/api/v1/cash-registers?store_id=${paris.id}`).expect(200);
      expect(atParis.body).toMatchObject({ total: 2, limit: 20, offset: 0 });
      expect(idsOf(atParis.body)).toEqual([pos1.id, pos2.id]);
      const atLyon = await request(t.http).get(`/api/v1/cash-registers?store_id=${lyon.id}`).expect(200);
      expect(idsOf(atLyon.body)).toEqual([lyonPos1.id]);
      const nowhere = await request(t.http).get('/api/v1/cash-registers?store_id=99999').expect(200);
      expect(nowhere.body).toMatchObject({ total: 0, data: [] });
    });

    it.each([
      ['store_id=abc', 'store_id'],
      ['store_id=0', 'store_id'],
      ['limit=101', 'limit'],
      ['active=true', 'active'],
    ])('rejects %s naming the field', async (query, field) => {
      const response = await request(t.http).get(`/api/v1/cash-registers?${query}`).expect(400);
      expect(fieldsOf(response.body)).toEqual([field]);
    });
  });

  describe('GET /api/v1/cash-registers/:id', () => {
    it('returns one register', async () => {
      const response = await request(t.http).get(`/api/v1/cash-registers/${lyonPos1.id}`).expect(200);
      expect(response.body).toEqual({
        id: lyonPos1.id,
        store_id: lyon.id,
        code: 'POS-1',
        active: true,
        created_at: lyonPos1.createdAt.toISOString(),
      });
    });

    it('answers 404 for an unknown id', async () => {
      const response = await request(t.http).get('/api/v1/cash-registers/99999').expect(404);
      expect(response.body).toEqual({
        status_code: 404,
        error: 'Not Found',
        code: 'REGISTER_NOT_FOUND',
        message: 'Cash register 99999 not found',
      });
    });

    it.each(['abc', '0', '1.5'])('answers 400 for the id %s', async (id) => {
      const response = await request(t.http).get(`/api/v1/cash-registers/${id}`).expect(400);
      expect(fieldsOf(response.body)).toEqual(['id']);
    });
  });

  describe('POST /api/v1/cash-registers', () => {
    it('creates an active register in a store', async () => {
      const response = await create({ store_id: paris.id, code: 'POS-3' }).expect(201);
      expect(response.body).toEqual({
        id: expect.any(Number),
        store_id: paris.id,
        code: 'POS-3',
        active: true,
        created_at: expect.any(String),
      });
      expect(await registers().findOneByOrFail({ id: response.body.id })).toMatchObject({
        storeId: paris.id,
        code: 'POS-3',
        active: true,
      });
    });

    it('allows the same code in another store', async () => {
      const response = await create({ store_id: lyon.id, code: 'POS-2' }).expect(201);
      expect(response.body).toMatchObject({ store_id: lyon.id, code: 'POS-2' });
    });

    it('answers 409 for a code the store already uses, and writes nothing', async () => {
      const before = await registers().count();
      const response = await create({ store_id: paris.id, code: 'POS-1' }).expect(409);
      expect(response.body).toEqual({
        status_code: 409,
        error: 'Conflict',
        code: 'REGISTER_CODE_TAKEN',
        message: `Store ${paris.id} already has a register POS-1`,
      });
      expect(await registers().count()).toBe(before);
    });

    it('answers 404 for an unknown store, and writes nothing', async () => {
      const before = await registers().count();
      const response = await create({ store_id: 99999, code: 'POS-1' }).expect(404);
      expect(response.body).toEqual({
        status_code: 404,
        error: 'Not Found',
        code: 'STORE_NOT_FOUND',
        message: 'Store 99999 not found',
      });
      expect(await registers().count()).toBe(before);
    });

    it('answers 400 naming every missing field', async () => {
      const response = await create({}).expect(400);
      expect(fieldsOf(response.body)).toEqual(['code', 'store_id']);
      expect(problemsOf(response.body, 'store_id')).toContain('store_id must be an integer number');
    });

    it.each([
      [{ store_id: 1, code: 'pos 1' }, 'code'],
      [{ store_id: 1, code: '' }, 'code'],
      [{ store_id: '1', code: 'POS-9' }, 'store_id'],
      [{ store_id: 0, code: 'POS-9' }, 'store_id'],
      [{ store_id: 1, code: 'POS-9', active: false }, 'active'],
    ])('rejects %j naming %s, and writes nothing', async (body, field) => {
      const before = await registers().count();
      const response = await create(body).expect(400);
      expect(fieldsOf(response.body)).toEqual([field]);
      expect(await registers().count()).toBe(before);
    });
  });

  describe('PATCH /api/v1/cash-registers/:id', () => {
    it('deactivates and reactivates a register', async () => {
      const register = await givenRegister(t.dataSource, lyon, 'POS-TOGGLE');
      const off = await request(t.http).patch(`/api/v1/cash-registers/${register.id}`).send({ active: false }).expect(200);
      expect(off.body).toEqual({
        id: register.id,
        store_id: lyon.id,
        code: 'POS-TOGGLE',
        active: false,
        created_at: register.createdAt.toISOString(),
      });
      expect((await registers().findOneByOrFail({ id: register.id })).active).toBe(false);
      const on = await request(t.http).patch(`/api/v1/cash-registers/${register.id}`).send({ active: true }).expect(200);
      expect(on.body.active).toBe(true);
      expect((await registers().findOneByOrFail({ id: register.id })).active).toBe(true);
    });

    it.each([
      [{}, 'active'],
      [{ active: null }, 'active'],
      [{ active: 'false' }, 'active'],
      [{ active: true, code: 'POS-X' }, 'code'],
      [{ active: true, store_id: 2 }, 'store_id'],
    ])('rejects %j naming %s, and changes nothing', async (body, field) => {
      const before = await registers().findOneByOrFail({ id: pos1.id });
      const response = await request(t.http).patch(`/api/v1/cash-registers/${pos1.id}`).send(body).expect(400);
      expect(fieldsOf(response.body)).toEqual([field]);
      expect(await registers().findOneByOrFail({ id: pos1.id })).toEqual(before);
    });

    it('answers 404 for an unknown register', async () => {
      const response = await request(t.http).patch('/api/v1/cash-registers/99999').send({ active: false }).expect(404);
      expect(response.body).toMatchObject({ code: 'REGISTER_NOT_FOUND' });
    });
  });
});
