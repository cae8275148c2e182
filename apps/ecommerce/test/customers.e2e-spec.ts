import { TestApp, createTestApp, fieldsOf } from '@app/testing';
import request from 'supertest';
import { Customer } from '../src/customers/customer.entity';
import { ecommerceService } from '../src/ecommerce.service';

describe('Customers API', () => {
  let t: TestApp;
  let camille: Customer;
  let lucas: Customer;

  beforeAll(async () => {
    t = await createTestApp(ecommerceService);
    [camille, lucas] = await t.dataSource.getRepository(Customer).save([
      { name: 'Camille Martin', email: 'camille@example.com', phone: '+33 6 12 34 56 78' },
      { name: 'Lucas Bernard', email: 'lucas.b@shop.example', phone: null },
    ]);
  });

  afterAll(() => t.close());

  const customers = () => t.dataSource.getRepository(Customer);

  describe('POST /api/v1/customers', () => {
    it('creates a customer, keeping the email lower-case', async () => {
      const response = await request(t.http)
        .post('/api/v1/customers')
        .send({ name: 'Chloé Dubois', email: 'Chloe.Dubois@Example.com', phone: '+33 7 00 00 00 01' })
        .expect(201);
      expect(response.body).toEqual({
        id: expect.any(Number),
        name: 'Chloé Dubois',
        email: 'chloe.dubois@example.com',
        phone: '+33 7 00 00 00 01',
        created_at: expect.any(String),
        updated_at: expect.any(String),
      });
      expect(await customers().findOneByOrFail({ id: response.body.id })).toMatchObject({
        email: 'chloe.dubois@example.com',
        phone: '+33 7 00 00 00 01',
      });
    });

    it('stores a missing phone as null', async () => {
      const response = await request(t.http)
        .post('/api/v1/customers')
        .send({ name: 'Hugo Thomas', email: 'hugo@example.com' })
        .expect(201);
      expect(response.body.phone).toBeNull();
      expect((await customers().findOneByOrFail({ email: 'hugo@example.com' })).phone).toBeNull();
    });

    it.each(['camille@example.com', 'CAMILLE@example.com'])(
      'answers 409 for the taken email %s, and writes nothing',
      async (email) => {
        const before = await customers().count();
        const response = await request(t.http).post('/api/v1/customers').send({ name: 'Someone else', email }).expect(409);
        expect(response.body).toEqual({
          status_code: 409,
          error: 'Conflict',
          code: 'EMAIL_TAKEN',
          message: 'Email camille@example.com is already used by another customer',
        });
        expect(await customers().count()).toBe(before);
      },
    );

    it('answers 400 naming every bad field, and writes nothing', async () => {
      const before = await customers().count();
      const response = await request(t.http).post('/api/v1/customers').send({ phone: 12, vip: true }).expect(400);
      expect(response.body).toMatchObject({ status_code: 400, code: 'VALIDATION_FAILED', message: 'Validation failed' });
      expect(fieldsOf(response.body)).toEqual(['email', 'name', 'phone', 'vip']);
      expect(await customers().count()).toBe(before);
    });

    it.each([
      { case: 'an empty name', body: { name: '', email: 'a@example.com' }, field: 'name' },
      { case: 'a name of 201 characters', body: { name: 'x'.repeat(201), email: 'a@example.com' }, field: 'name' },
      { case: 'a malformed email', body: { name: 'A', email: 'not-an-email' }, field: 'email' },
      { case: 'a numeric email', body: { name: 'A', email: 42 }, field: 'email' },
      { case: 'a null phone', body: { name: 'A', email: 'a@example.com', phone: null }, field: 'phone' },
      { case: 'an empty phone', body: { name: 'A', email: 'a@example.com', phone: '' }, field: 'phone' },
      { case: 'an id', body: { name: 'A', email: 'a@example.com', id: 7 }, field: 'id' },
    ])('rejects $case naming $field, and writes nothing', async ({ body, field }) => {
      const before = await customers().count();
      const response = await request(t.http).post('/api/v1/customers').send(body).expect(400);
      expect(fieldsOf(response.body)).toEqual([field]);
      expect(await customers().count()).toBe(before);
    });
  });

  describe('GET /api/v1/customers/:id', () => {
    it('returns one customer', async () => {
      const response = await request(t.http).get(`/api/v1/customers/${camille.id}`).expect(200);
      expect(response.body).toEqual({
        id: camille.id,
        name: 'Camille Martin',
        email: 'camille@example.com',
        phone: '+33 6 12 34 56 78',
        created_at: camille.createdAt.toISOString(),
        updated_at: camille.updatedAt.toISOString(),
      });
    });

    it('answers 404 for an unknown id', async () => {
      const response = await request(t.http).get('/api/v1/customers/99999').expect(404);
      expect(response.body).toEqual({
        status_code: 404,
        error: 'Not Found',
        code: 'CUSTOMER_NOT_FOUND',
        message: 'Customer 99999 not found',
      });
    });

    it.each(['abc', '0', '-1', '1.5', '2147483648'])('answers 400 for the id %s', async (id) => {
      const response = await request(t.http).get(`/api/v1/customers/${id}`).expect(400);
      expect(fieldsOf(response.body)).toEqual(['id']);
    });
  });

  describe('GET /api/v1/customers', () => {
    it('pages with limit and offset and returns the total', async () => {
      const total = await customers().count();
      const response = await request(t.http).get('/api/v1/customers?limit=1&offset=1').expect(200);
      expect(response.body).toEqual({
        total,
        limit: 1,
        offset: 1,
        data: [expect.objectContaining({ id: lucas.id, name: 'Lucas Bernard' })],
      });
    });

    it.each([
      ['MARTIN', ['Camille Martin']],
      ['Camille@', ['Camille Martin']],
      ['shop.EXAMPLE', ['Lucas Bernard']],
      ['AR', ['Camille Martin', 'Lucas Bernard']],
      ['_', []],
      ['100%', []],
    ])('matches %s in names or emails, ignoring case', async (search, names) => {
      const response = await request(t.http).get('/api/v1/customers').query({ search }).expect(200);
      expect(response.body.data.map((c: { name: string }) => c.name)).toEqual(names);
      expect(response.body.total).toBe(names.length);
    });

    it.each([
      ['limit=0', 'limit'],
      ['limit=101', 'limit'],
      ['offset=-1', 'offset'],
      ['search=', 'search'],
      ['colour=red', 'colour'],
    ])('rejects %s naming the field', async (query, field) => {
      const response = await request(t.http).get(`/api/v1/customers?${query}`).expect(400);
      expect(fieldsOf(response.body)).toEqual([field]);
    });
  });

  describe('PATCH /api/v1/customers/:id', () => {
    it('updates only the given fields', async () => {
      const response = await request(t.http)
        .patch(`/api/v1/customers/${lucas.id}`)
        .send({ phone: '+33 6 99 99 99 99' })
        .expect(200);
      expect(response.body).toMatchObject({
        id: lucas.id,
        name: 'Lucas Bernard',
        email: 'lucas.b@shop.example',
        phone: '+33 6 99 99 99 99',
      });
      expect(await customers().findOneByOrFail({ id: lucas.id })).toMatchObject({
        name: 'Lucas Bernard',
        phone: '+33 6 99 99 99 99',
      });
    });

    it('changes the email, lower-cased', async () => {
      const response = await request(t.http)
        .patch(`/api/v1/customers/${lucas.id}`)
        .send({ email: 'Lucas@Example.com' })
        .expect(200);
      expect(response.body.email).toBe('lucas@example.com');
      expect((await customers().findOneByOrFail({ id: lucas.id })).email).toBe('lucas@example.com');
    });

    it('answers 409 when the new email is taken, and writes nothing', async () => {
      const response = await request(t.http)
        .patch(`/api/v1/customers/${lucas.id}`)
        .send({ email: 'camille@example.com' })
        .expect(409);
      expect(response.body.code).toBe('EMAIL_TAKEN');
      expect((await customers().findOneByOrFail({ id: lucas.id })).email).toBe('lucas@example.com');
    });

    it('answers 404 for an unknown customer', async () => {
      const response = await request(t.http).patch('/api/v1/customers/99999').send({ name: 'x' }).expect(404);
      expect(response.body.code).toBe('CUSTOMER_NOT_FOUND');
    });

    it.each([
      [{ name: null }, 'name'],
      [{ email: 'nope' }, 'email'],
      [{ phone: 5 }, 'phone'],
      [{ created_at: '2020-01-01T00:00:00Z' }, 'created_at'],
    ])('rejects %j naming %s, and writes nothing', async (body, field) => {
      const before = await customers().findOneByOrFail({ id: camille.id });
      const response = await request(t.http).patch(`/api/v1/customers/${camille.id}`).send(body).expect(400);
      expect(fieldsOf(response.body)).toEqual([field]);
      expect(await customers().findOneByOrFail({ id: camille.id })).toEqual(before);
    });
  });
});
