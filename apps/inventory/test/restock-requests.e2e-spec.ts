import { TestApp, createTestApp, fieldsOf } from '@app/testing';
import request from 'supertest';
import { inventoryService } from '../src/inventory.service';
import { Location, LocationType } from '../src/locations/location.entity';
import { RestockRequest, RestockStatus } from '../src/restock-requests/restock-request.entity';
import { StockLevel } from '../src/stock/stock-level.entity';
import { givenCatalogue, givenStock, stockOf } from './fixtures';

const idsOf = (body: { data: { id: number }[] }) => body.data.map((r) => r.id);

describe('Restock requests API', () => {
  let t: TestApp;
  let catalogue: Awaited<ReturnType<typeof givenCatalogue>>;
  let p: number[];
  let warehouse: number;
  let store: number;
  let secondStore: number;

  const requests = () => t.dataSource.getRepository(RestockRequest);
  /** Every stock row of the database, to show that a rejected request wrote nothing. */
  const allStock = () =>
    t.dataSource
      .getRepository(StockLevel)
      .find({ order: { productId: 'ASC', locationId: 'ASC' } })
      .then((rows) => rows.map(({ productId, locationId, onHand, reserved }) => ({ productId, locationId, onHand, reserved })));
  const create = (body: Record<string, unknown>) => request(t.http).post('/api/v1/restock-requests').send(body);

  beforeAll(async () => {
    t = await createTestApp(inventoryService);
    catalogue = await givenCatalogue(t.dataSource, 4);
    p = catalogue.products.map((product) => product.id);
    warehouse = catalogue.warehouse.id;
    store = catalogue.store.id;
    secondStore = (
      await t.dataSource
        .getRepository(Location)
        .save({ code: 'ST-TWO', name: 'Second store', type: LocationType.Store, address: null })
    ).id;
    await givenStock(t.dataSource, p[0], warehouse, 100, 10); // 90 available
    await givenStock(t.dataSource, p[0], store, 4);
    await givenStock(t.dataSource, p[1], warehouse, 5, 3); // 2 available
    await givenStock(t.dataSource, p[1], store, 1);
    await givenStock(t.dataSource, p[2], warehouse, 10); // no store level
  });

  afterAll(() => t.close());

  describe('GET /api/v1/restock-requests', () => {
    let seeded: RestockRequest[];

    beforeAll(async () => {
      seeded = await requests().save([
        { productId: p[0], locationId: store, quantity: 5, status: RestockStatus.Pending, note: null },
        { productId: p[1], locationId: secondStore, quantity: 6, status: RestockStatus.Pending, note: 'low' },
        {
          productId: p[0],
          locationId: secondStore,
          quantity: 7,
          status: RestockStatus.Rejected,
          note: null,
          decisionNote: 'no',
          decidedAt: new Date(),
        },
      ]);
    });

    it('lists the newest first, paged, with the total', async () => {
      const all = await request(t.http).get('/api/v1/restock-requests').expect(200);
      expect(all.body).toMatchObject({ total: 3, limit: 20, offset: 0 });
      expect(idsOf(all.body)).toEqual([seeded[2].id, seeded[1].id, seeded[0].id]);
      const page = await request(t.http).get('/api/v1/restock-requests?limit=1&offset=1').expect(200);
      expect(page.body).toMatchObject({ total: 3, limit: 1, offset: 1 });
      expect(idsOf(page.body)).toEqual([seeded[1].id]);
      expect(page.body.data[0]).toEqual({
        id: seeded[1].id,
        product_id: p[1],
        location_id: secondStore,
        source_location_id: null,
        quantity: 6,
        status: 'PENDING',
        note: 'low',
        decision_note: null,
        created_at: seeded[1].createdAt.toISOString(),
        decided_at: null,
      });
    });

    it('filters by status', async () => {
      const pending = await request(t.http).get('/api/v1/restock-requests?status=PENDING').expect(200);
      expect(pending.body.total).toBe(2);
      expect(idsOf(pending.body)).toEqual([seeded[1].id, seeded[0].id]);
      const rejected = await request(t.http).get('/api/v1/restock-requests?status=REJECTED').expect(200);
      expect(idsOf(rejected.body)).toEqual([seeded[2].id]);
      expect(rejected.body.data[0]).toMatchObject({ status: 'REJECTED', decision_note: 'no', decided_at: expect.any(String) });
      const approved = await request(t.http).get('/api/v1/restock-requests?status=APPROVED').expect(200);
      expect(approved.body).toMatchObject({ total: 0, data: [] });
    });

    it('filters by location', async () => {
      const atSecond = await request(t.http).get(`/api/v1/restock-requests?location_id=${secondStore}`).expect(200);
      expect(atSecond.body.total).toBe(2);
      expect(idsOf(atSecond.body)).toEqual([seeded[2].id, seeded[1].id]);
      const atStore = await request(t.http).get(`/api/v1/restock-requests?location_id=${store}`).expect(200);
      expect(idsOf(atStore.body)).toEqual([seeded[0].id]);
    });

    it('combines status, location and product filters', async () => {
      const response = await request(t.http)
        .get(`/api/v1/restock-requests?status=PENDING&location_id=${secondStore}&product_id=${p[1]}`)
        .expect(200);
      expect(response.body.total).toBe(1);
      expect(idsOf(response.body)).toEqual([seeded[1].id]);
      const none = await request(t.http)
        .get(`/api/v1/restock-requests?status=PENDING&location_id=${secondStore}&product_id=${p[0]}`)
        .expect(200);
      expect(none.body).toMatchObject({ total: 0, data: [] });
    });

    it.each([
      ['status=pending', 'status'],
      ['status=DONE', 'status'],
      ['location_id=abc', 'location_id'],
      ['location_id=0', 'location_id'],
      ['product_id=-1', 'product_id'],
      ['limit=0', 'limit'],
      ['quantity=5', 'quantity'],
    ])('rejects %s naming the field', async (query, field) => {
      const response = await request(t.http).get(`/api/v1/restock-requests?${query}`).expect(400);
      expect(response.body).toMatchObject({ status_code: 400, code: 'VALIDATION_FAILED' });
      expect(fieldsOf(response.body)).toEqual([field]);
    });
  });

  describe('POST /api/v1/restock-requests', () => {
    it('creates a pending request', async () => {
      const stockBefore = await allStock();
      const response = await create({ product_id: p[0], location_id: store, quantity: 24, note: 'Weekend promotion' }).expect(
        201,
      );
      expect(response.body).toEqual({
        id: expect.any(Number),
        product_id: p[0],
        location_id: store,
        source_location_id: null,
        quantity: 24,
        status: 'PENDING',
        note: 'Weekend promotion',
        decision_note: null,
        created_at: expect.any(String),
        decided_at: null,
      });
      expect(await requests().findOneByOrFail({ id: response.body.id })).toMatchObject({
        productId: p[0],
        locationId: store,
        quantity: 24,
        status: RestockStatus.Pending,
        note: 'Weekend promotion',
        sourceLocationId: null,
        decidedAt: null,
      });
      expect(await allStock()).toEqual(stockBefore);
    });

    it('stores a missing note as null', async () => {
      const response = await create({ product_id: p[1], location_id: secondStore, quantity: 1 }).expect(201);
      expect(response.body).toMatchObject({ status: 'PENDING', note: null });
    });

    it('answers 404 for an unknown product and writes nothing', async () => {
      const before = await requests().count();
      const response = await create({ product_id: 99999, location_id: store, quantity: 1 }).expect(404);
      expect(response.body).toEqual({
        status_code: 404,
        error: 'Not Found',
        code: 'PRODUCT_NOT_FOUND',
        message: 'Product 99999 not found',
      });
      expect(await requests().count()).toBe(before);
    });

    it('answers 404 for an unknown location and writes nothing', async () => {
      const before = await requests().count();
      const response = await create({ product_id: p[0], location_id: 99999, quantity: 1 }).expect(404);
      expect(response.body).toEqual({
        status_code: 404,
        error: 'Not Found',
        code: 'LOCATION_NOT_FOUND',
        message: 'Location 99999 not found',
      });
      expect(await requests().count()).toBe(before);
    });

    it('answers 422 NOT_A_STORE for the warehouse and writes nothing', async () => {
      const before = await requests().count();
      const response = await create({ product_id: p[0], location_id: warehouse, quantity: 1 }).expect(422);
      expect(response.body).toEqual({
        status_code: 422,
        error: 'Unprocessable Entity',
        code: 'NOT_A_STORE',
        message: `Location ${warehouse} is not a store`,
      });
      expect(await requests().count()).toBe(before);
    });

    it('answers 400 for a quantity of 0 and writes nothing', async () => {
      const before = await requests().count();
      const response = await create({ product_id: p[0], location_id: store, quantity: 0 }).expect(400);
      expect(response.body).toEqual({
        status_code: 400,
        error: 'Bad Request',
        message: 'Validation failed',
        code: 'VALIDATION_FAILED',
        errors: [{ field: 'quantity', problems: ['quantity must not be less than 1'] }],
      });
      expect(await requests().count()).toBe(before);
    });

    it('answers 400 naming every missing field', async () => {
      const response = await create({}).expect(400);
      expect(fieldsOf(response.body)).toEqual(['location_id', 'product_id', 'quantity']);
    });

    it.each([
      [{ product_id: 1, location_id: 2, quantity: -3 }, 'quantity'],
      [{ product_id: 1, location_id: 2, quantity: 1.5 }, 'quantity'],
      [{ product_id: 1, location_id: 2, quantity: '4' }, 'quantity'],
      [{ product_id: 1, location_id: 2, quantity: 1_000_001 }, 'quantity'],
      [{ product_id: 'one', location_id: 2, quantity: 1 }, 'product_id'],
      [{ product_id: 1, location_id: 0, quantity: 1 }, 'location_id'],
      [{ product_id: 1, location_id: 2, quantity: 1, note: '' }, 'note'],
      [{ product_id: 1, location_id: 2, quantity: 1, status: 'APPROVED' }, 'status'],
      [{ product_id: 1, location_id: 2, quantity: 1, source_location_id: 1 }, 'source_location_id'],
    ])('rejects %j naming %s, and writes nothing', async (body, field) => {
      const before = await requests().count();
      const response = await create(body).expect(400);
      expect(fieldsOf(response.body)).toEqual([field]);
      expect(await requests().count()).toBe(before);
    });
  });

  describe('GET /api/v1/restock-requests/:id', () => {
    it('returns one request', async () => {
      const created = await create({ product_id: p[0], location_id: store, quantity: 2, note: 'one' }).expect(201);
      const response = await request(t.http).get(`/api/v1/restock-requests/${created.body.id}`).expect(200);
      expect(response.body).toEqual(created.body);
    });

    it('answers 404 for an unknown id', async () => {
      const response = await request(t.http).get('/api/v1/restock-requests/99999').expect(404);
      expect(response.body).toEqual({
        status_code: 404,
        error: 'Not Found',
        code: 'RESTOCK_REQUEST_NOT_FOUND',
        message: 'Restock request 99999 not found',
      });
    });

    it.each(['abc', '0', '1.5', '99999999999'])('answers 400 for the id %s', async (id) => {
      const response = await request(t.http).get(`/api/v1/restock-requests/${id}`).expect(400);
      expect(fieldsOf(response.body)).toEqual(['id']);
    });
  });

  describe('POST /api/v1/restock-requests/:id/approve', () => {
    it('moves exactly the quantity from the warehouse to the store', async () => {
      const created = await create({ product_id: p[0], location_id: store, quantity: 30 }).expect(201);
      expect(await stockOf(t.dataSource, p[0], warehouse)).toMatchObject({ onHand: 100, reserved: 10 });
      expect(await stockOf(t.dataSource, p[0], store)).toMatchObject({ onHand: 4, reserved: 0 });

      const response = await request(t.http)
        .post(`/api/v1/restock-requests/${created.body.id}/approve`)
        .send({ note: 'Sent on the morning truck' })
        .expect(200);
      expect(response.body).toEqual({
        ...created.body,
        status: 'APPROVED',
        source_location_id: warehouse,
        decision_note: 'Sent on the morning truck',
        decided_at: expect.any(String),
      });

      expect(await stockOf(t.dataSource, p[0], warehouse)).toMatchObject({ onHand: 70, reserved: 10 });
      expect(await stockOf(t.dataSource, p[0], store)).toMatchObject({ onHand: 34, reserved: 0 });
      expect(await requests().findOneByOrFail({ id: created.body.id })).toMatchObject({
        status: RestockStatus.Approved,
        sourceLocationId: warehouse,
        decisionNote: 'Sent on the morning truck',
        decidedAt: expect.any(Date),
      });
      const fetched = await request(t.http).get(`/api/v1/restock-requests/${created.body.id}`).expect(200);
      expect(fetched.body).toEqual(response.body);
    });

    it('creates the store level when the store had none, without a body', async () => {
      const created = await create({ product_id: p[2], location_id: store, quantity: 4 }).expect(201);
      expect(await t.dataSource.getRepository(StockLevel).countBy({ productId: p[2], locationId: store })).toBe(0);
      const response = await request(t.http).post(`/api/v1/restock-requests/${created.body.id}/approve`).expect(200);
      expect(response.body).toMatchObject({ status: 'APPROVED', decision_note: null, source_location_id: warehouse });
      expect(await stockOf(t.dataSource, p[2], warehouse)).toMatchObject({ onHand: 6, reserved: 0 });
      expect(await stockOf(t.dataSource, p[2], store)).toMatchObject({ onHand: 4, reserved: 0 });
    });

    it('answers 409 INSUFFICIENT_STOCK when the warehouse has too few available units, and writes nothing', async () => {
      // p[1] at the warehouse: 5 on hand, 3 reserved, so only 2 available.
      const created = await create({ product_id: p[1], location_id: store, quantity: 3 }).expect(201);
      const stockBefore = await allStock();
      const response = await request(t.http)
        .post(`/api/v1/restock-requests/${created.body.id}/approve`)
        .send({ note: 'go' })
        .expect(409);
      expect(response.body).toEqual({
        status_code: 409,
        error: 'Conflict',
        code: 'INSUFFICIENT_STOCK',
        message: `The warehouse has fewer than 3 available units of product ${p[1]}`,
      });
      expect(await stockOf(t.dataSource, p[1], warehouse)).toMatchObject({ onHand: 5, reserved: 3 });
      expect(await stockOf(t.dataSource, p[1], store)).toMatchObject({ onHand: 1, reserved: 0 });
      expect(await allStock()).toEqual(stockBefore);
      expect(await requests().findOneByOrFail({ id: created.body.id })).toMatchObject({
        status: RestockStatus.Pending,
        sourceLocationId: null,
        decisionNote: null,
        decidedAt: null,
      });
    });

    it('answers 409 INSUFFICIENT_STOCK when the warehouse has no level for the product, and writes nothing', async () => {
      const created = await create({ product_id: p[3], location_id: store, quantity: 1 }).expect(201);
      const stockBefore = await allStock();
      const response = await request(t.http).post(`/api/v1/restock-requests/${created.body.id}/approve`).expect(409);
      expect(response.body.code).toBe('INSUFFICIENT_STOCK');
      expect(await allStock()).toEqual(stockBefore);
      expect((await requests().findOneByOrFail({ id: created.body.id })).status).toBe(RestockStatus.Pending);
    });

    it('approves when exactly the available units are asked for', async () => {
      const created = await create({ product_id: p[1], location_id: store, quantity: 2 }).expect(201);
      await request(t.http).post(`/api/v1/restock-requests/${created.body.id}/approve`).expect(200);
      expect(await stockOf(t.dataSource, p[1], warehouse)).toMatchObject({ onHand: 3, reserved: 3 });
      expect(await stockOf(t.dataSource, p[1], store)).toMatchObject({ onHand: 3, reserved: 0 });
    });

    it('answers 409 RESTOCK_NOT_PENDING when approved twice, moving nothing more', async () => {
      const created = await create({ product_id: p[0], location_id: store, quantity: 5 }).expect(201);
      const first = await request(t.http)
        .post(`/api/v1/restock-requests/${created.body.id}/approve`)
        .send({ note: 'first' })
        .expect(200);
      const stockAfterFirst = await allStock();

      const response = await request(t.http)
        .post(`/api/v1/restock-requests/${created.body.id}/approve`)
        .send({ note: 'second' })
        .expect(409);
      expect(response.body).toEqual({
        status_code: 409,
        error: 'Conflict',
        code: 'RESTOCK_NOT_PENDING',
        message: `Restock request ${created.body.id} is already APPROVED`,
      });
      expect(await allStock()).toEqual(stockAfterFirst);
      const stored = await requests().findOneByOrFail({ id: created.body.id });
      expect(stored).toMatchObject({ status: RestockStatus.Approved, decisionNote: 'first' });
      expect(stored.decidedAt?.toISOString()).toBe(first.body.decided_at);

      const rejected = await request(t.http).post(`/api/v1/restock-requests/${created.body.id}/reject`).expect(409);
      expect(rejected.body.code).toBe('RESTOCK_NOT_PENDING');
      expect((await requests().findOneByOrFail({ id: created.body.id })).status).toBe(RestockStatus.Approved);
    });

    it('answers 404 for an unknown request', async () => {
      const response = await request(t.http).post('/api/v1/restock-requests/99999/approve').expect(404);
      expect(response.body).toMatchObject({ code: 'RESTOCK_REQUEST_NOT_FOUND', message: 'Restock request 99999 not found' });
    });

    it.each([
      [{ note: '' }, 'note'],
      [{ note: 5 }, 'note'],
      [{ quantity: 1 }, 'quantity'],
    ])('rejects %j naming %s, and decides nothing', async (body, field) => {
      const created = await create({ product_id: p[0], location_id: store, quantity: 1 }).expect(201);
      const stockBefore = await allStock();
      const response = await request(t.http).post(`/api/v1/restock-requests/${created.body.id}/approve`).send(body).expect(400);
      expect(fieldsOf(response.body)).toEqual([field]);
      expect((await requests().findOneByOrFail({ id: created.body.id })).status).toBe(RestockStatus.Pending);
      expect(await allStock()).toEqual(stockBefore);
    });

    it('answers 400 for a bad id', async () => {
      const response = await request(t.http).post('/api/v1/restock-requests/abc/approve').expect(400);
      expect(fieldsOf(response.body)).toEqual(['id']);
    });
  });

  describe('POST /api/v1/restock-requests/:id/reject', () => {
    it('rejects with a decision note, leaving the stock unchanged', async () => {
      const created = await create({ product_id: p[0], location_id: secondStore, quantity: 8, note: 'please' }).expect(201);
      const stockBefore = await allStock();
      const response = await request(t.http)
        .post(`/api/v1/restock-requests/${created.body.id}/reject`)
        .send({ note: 'Not this week' })
        .expect(200);
      expect(response.body).toEqual({
        ...created.body,
        status: 'REJECTED',
        source_location_id: null,
        note: 'please',
        decision_note: 'Not this week',
        decided_at: expect.any(String),
      });
      expect(await requests().findOneByOrFail({ id: created.body.id })).toMatchObject({
        status: RestockStatus.Rejected,
        note: 'please',
        decisionNote: 'Not this week',
        sourceLocationId: null,
        decidedAt: expect.any(Date),
      });
      expect(await allStock()).toEqual(stockBefore);
    });

    it('answers 409 RESTOCK_NOT_PENDING once rejected, for reject and approve alike', async () => {
      const created = await create({ product_id: p[0], location_id: store, quantity: 1 }).expect(201);
      await request(t.http).post(`/api/v1/restock-requests/${created.body.id}/reject`).expect(200);
      const stockBefore = await allStock();
      const again = await request(t.http).post(`/api/v1/restock-requests/${created.body.id}/reject`).expect(409);
      expect(again.body).toMatchObject({
        code: 'RESTOCK_NOT_PENDING',
        message: `Restock request ${created.body.id} is already REJECTED`,
      });
      const approve = await request(t.http).post(`/api/v1/restock-requests/${created.body.id}/approve`).expect(409);
      expect(approve.body.code).toBe('RESTOCK_NOT_PENDING');
      expect(await allStock()).toEqual(stockBefore);
      expect((await requests().findOneByOrFail({ id: created.body.id })).status).toBe(RestockStatus.Rejected);
    });

    it('answers 404 for an unknown request', async () => {
      const response = await request(t.http).post('/api/v1/restock-requests/99999/reject').send({ note: 'x' }).expect(404);
      expect(response.body).toMatchObject({ code: 'RESTOCK_REQUEST_NOT_FOUND' });
    });

    it('answers 400 for an empty note and rejects nothing', async () => {
      const created = await create({ product_id: p[0], location_id: store, quantity: 1 }).expect(201);
      const response = await request(t.http)
        .post(`/api/v1/restock-requests/${created.body.id}/reject`)
        .send({ note: '' })
        .expect(400);
      expect(fieldsOf(response.body)).toEqual(['note']);
      expect((await requests().findOneByOrFail({ id: created.body.id })).status).toBe(RestockStatus.Pending);
    });
  });
});
