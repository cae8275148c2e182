import { TestApp, createTestApp, fieldsOf } from '@app/testing';
import request from 'supertest';
import { inventoryService } from '../src/inventory.service';
import { StockLevel } from '../src/stock/stock-level.entity';
import { givenCatalogue, givenStock, stockOf } from './fixtures';

const pairsOf = (body: { data: { product_id: number; location_id: number }[] }) =>
  body.data.map((l) => [l.product_id, l.location_id]);

describe('Stock API', () => {
  let t: TestApp;
  let catalogue: Awaited<ReturnType<typeof givenCatalogue>>;
  let p: number[];
  let warehouse: number;
  let store: number;

  /** Every stock row of the database, to show that a rejected request wrote nothing. */
  const allStock = () =>
    t.dataSource
      .getRepository(StockLevel)
      .find({ order: { productId: 'ASC', locationId: 'ASC' } })
      .then((rows) =>
        rows.map(({ productId, locationId, onHand, reserved, reorderLevel }) => ({
          productId,
          locationId,
          onHand,
          reserved,
          reorderLevel,
        })),
      );

  beforeAll(async () => {
    t = await createTestApp(inventoryService);
    catalogue = await givenCatalogue(t.dataSource, 6);
    p = catalogue.products.map((product) => product.id);
    warehouse = catalogue.warehouse.id;
    store = catalogue.store.id;
    // Reorder level 5 everywhere: available <= 5 is low stock.
    await givenStock(t.dataSource, p[0], warehouse, 100, 10); // available 90
    await givenStock(t.dataSource, p[0], store, 4); // available 4: low
    await givenStock(t.dataSource, p[1], warehouse, 5, 2); // available 3: low
  });

  afterAll(() => t.close());

  describe('GET /api/v1/stock', () => {
    it('pages with limit and offset and returns the total', async () => {
      const response = await request(t.http).get('/api/v1/stock?limit=2&offset=1').expect(200);
      expect(response.body).toMatchObject({ total: 3, limit: 2, offset: 1 });
      expect(pairsOf(response.body)).toEqual([
        [p[0], store],
        [p[1], warehouse],
      ]);
      expect(response.body.data[1]).toEqual({
        product_id: p[1],
        location_id: warehouse,
        on_hand: 5,
        reserved: 2,
        available: 3,
        reorder_level: 5,
        low_stock: true,
        updated_at: expect.any(String),
      });
    });

    it('lists every level ordered by product then location by default', async () => {
      const response = await request(t.http).get('/api/v1/stock').expect(200);
      expect(response.body).toMatchObject({ total: 3, limit: 20, offset: 0 });
      expect(pairsOf(response.body)).toEqual([
        [p[0], warehouse],
        [p[0], store],
        [p[1], warehouse],
      ]);
      expect(response.body.data[0]).toMatchObject({ on_hand: 100, reserved: 10, available: 90, low_stock: false });
    });

    it('filters by product', async () => {
      const response = await request(t.http).get(`/api/v1/stock?product_id=${p[0]}`).expect(200);
      expect(response.body.total).toBe(2);
      expect(pairsOf(response.body)).toEqual([
        [p[0], warehouse],
        [p[0], store],
      ]);
    });

    it('filters by a list of products with product_ids', async () => {
      const response = await request(t.http).get(`/api/v1/stock?product_ids=${p[1]},${p[0]},${p[5]}`).expect(200);
      expect(response.body.total).toBe(3);
      expect(pairsOf(response.body)).toEqual([
        [p[0], warehouse],
        [p[0], store],
        [p[1], warehouse],
      ]);
      const one = await request(t.http).get(`/api/v1/stock?product_ids=${p[1]}&location_id=${warehouse}`).expect(200);
      expect(pairsOf(one.body)).toEqual([[p[1], warehouse]]);
    });

    it('filters by location', async () => {
      const response = await request(t.http).get(`/api/v1/stock?location_id=${warehouse}`).expect(200);
      expect(response.body.total).toBe(2);
      expect(pairsOf(response.body)).toEqual([
        [p[0], warehouse],
        [p[1], warehouse],
      ]);
    });

    it('filters low stock only with low_stock=true', async () => {
      const low = await request(t.http).get('/api/v1/stock?low_stock=true').expect(200);
      expect(low.body.total).toBe(2);
      expect(pairsOf(low.body)).toEqual([
        [p[0], store],
        [p[1], warehouse],
      ]);
      expect(low.body.data.every((level: { low_stock: boolean }) => level.low_stock)).toBe(true);
      const all = await request(t.http).get('/api/v1/stock?low_stock=false').expect(200);
      expect(all.body.total).toBe(3);
    });

    it('combines the filters', async () => {
      const response = await request(t.http)
        .get(`/api/v1/stock?low_stock=true&location_id=${warehouse}&product_id=${p[1]}`)
        .expect(200);
      expect(response.body.total).toBe(1);
      expect(pairsOf(response.body)).toEqual([[p[1], warehouse]]);
      const none = await request(t.http)
        .get(`/api/v1/stock?low_stock=true&product_id=${p[0]}&location_id=${warehouse}`)
        .expect(200);
      expect(none.body).toMatchObject({ total: 0, data: [] });
    });

    it.each([
      ['product_id=abc', 'product_id'],
      ['product_id=0', 'product_id'],
      ['location_id=-1', 'location_id'],
      ['location_id=1.5', 'location_id'],
      ['product_ids=1,abc', 'product_ids'],
      ['product_ids=', 'product_ids'],
      ['product_ids=1,0', 'product_ids'],
      [`product_ids=${Array.from({ length: 101 }, (_, i) => i + 1).join(',')}`, 'product_ids'],
      ['low_stock=maybe', 'low_stock'],
      ['low_stock=1', 'low_stock'],
      ['limit=0', 'limit'],
      ['limit=101', 'limit'],
      ['offset=-1', 'offset'],
      ['sku=TEST-1', 'sku'],
    ])('rejects %s naming the field', async (query, field) => {
      const response = await request(t.http).get(`/api/v1/stock?${query}`).expect(400);
      expect(response.body).toMatchObject({ status_code: 400, error: 'Bad Request', code: 'VALIDATION_FAILED' });
      expect(fieldsOf(response.body)).toEqual([field]);
    });
  });

  describe('GET /api/v1/stock/low-stock', () => {
    it('lists only levels at or below their reorder level', async () => {
      const response = await request(t.http).get('/api/v1/stock/low-stock').expect(200);
      expect(response.body).toMatchObject({ total: 2, limit: 20, offset: 0 });
      expect(pairsOf(response.body)).toEqual([
        [p[0], store],
        [p[1], warehouse],
      ]);
      expect(response.body.data[0]).toEqual({
        product_id: p[0],
        location_id: store,
        on_hand: 4,
        reserved: 0,
        available: 4,
        reorder_level: 5,
        low_stock: true,
        updated_at: expect.any(String),
      });
    });

    it('filters by location and pages', async () => {
      const atStore = await request(t.http).get(`/api/v1/stock/low-stock?location_id=${store}`).expect(200);
      expect(atStore.body.total).toBe(1);
      expect(pairsOf(atStore.body)).toEqual([[p[0], store]]);
      const paged = await request(t.http).get('/api/v1/stock/low-stock?limit=1&offset=1').expect(200);
      expect(paged.body).toMatchObject({ total: 2, limit: 1, offset: 1 });
      expect(pairsOf(paged.body)).toEqual([[p[1], warehouse]]);
    });

    it.each([
      ['location_id=abc', 'location_id'],
      ['product_id=1', 'product_id'],
      ['low_stock=false', 'low_stock'],
      ['limit=101', 'limit'],
    ])('rejects %s naming the field', async (query, field) => {
      const response = await request(t.http).get(`/api/v1/stock/low-stock?${query}`).expect(400);
      expect(fieldsOf(response.body)).toEqual([field]);
    });
  });

  describe('GET /api/v1/stock/:product_id', () => {
    it('sums the levels of a product across locations', async () => {
      const response = await request(t.http).get(`/api/v1/stock/${p[0]}`).expect(200);
      expect(response.body).toEqual({
        product_id: p[0],
        on_hand: 104,
        reserved: 10,
        available: 94,
        locations: [
          expect.objectContaining({
            product_id: p[0],
            location_id: warehouse,
            on_hand: 100,
            reserved: 10,
            available: 90,
            low_stock: false,
          }),
          expect.objectContaining({
            product_id: p[0],
            location_id: store,
            on_hand: 4,
            reserved: 0,
            available: 4,
            low_stock: true,
          }),
        ],
      });
    });

    it('answers zeros for a product without stock', async () => {
      const response = await request(t.http).get(`/api/v1/stock/${p[5]}`).expect(200);
      expect(response.body).toEqual({ product_id: p[5], on_hand: 0, reserved: 0, available: 0, locations: [] });
    });

    it('answers 404 for an unknown product', async () => {
      const response = await request(t.http).get('/api/v1/stock/99999').expect(404);
      expect(response.body).toEqual({
        status_code: 404,
        error: 'Not Found',
        code: 'PRODUCT_NOT_FOUND',
        message: 'Product 99999 not found',
      });
    });

    it.each(['abc', '0', '-1', '1.5', '99999999999'])('answers 400 for the id %s', async (id) => {
      const response = await request(t.http).get(`/api/v1/stock/${id}`).expect(400);
      expect(response.body).toMatchObject({ status_code: 400, code: 'VALIDATION_FAILED' });
      expect(fieldsOf(response.body)).toEqual(['product_id']);
    });
  });

  describe('PUT /api/v1/stock/:product_id', () => {
    it('sets an absolute quantity at the warehouse when no location is given, creating the level', async () => {
      const response = await request(t.http).put(`/api/v1/stock/${p[2]}`).send({ quantity: 50 }).expect(200);
      expect(response.body).toEqual({
        product_id: p[2],
        location_id: warehouse,
        on_hand: 50,
        reserved: 0,
        available: 50,
        reorder_level: 10,
        low_stock: false,
        updated_at: expect.any(String),
      });
      expect(await stockOf(t.dataSource, p[2], warehouse)).toMatchObject({ onHand: 50, reserved: 0, reorderLevel: 10 });
      expect(await t.dataSource.getRepository(StockLevel).countBy({ productId: p[2] })).toBe(1);
    });

    it('replaces the on-hand count of an existing level', async () => {
      const response = await request(t.http).put(`/api/v1/stock/${p[2]}`).send({ quantity: 40 }).expect(200);
      expect(response.body).toMatchObject({ location_id: warehouse, on_hand: 40, available: 40 });
      expect((await stockOf(t.dataSource, p[2], warehouse)).onHand).toBe(40);
    });

    it('adds and removes units with an adjustment', async () => {
      const removed = await request(t.http).put(`/api/v1/stock/${p[2]}`).send({ adjustment: -8 }).expect(200);
      expect(removed.body).toMatchObject({ location_id: warehouse, on_hand: 32, available: 32 });
      const added = await request(t.http).put(`/api/v1/stock/${p[2]}`).send({ adjustment: 3 }).expect(200);
      expect(added.body).toMatchObject({ location_id: warehouse, on_hand: 35, available: 35 });
      expect((await stockOf(t.dataSource, p[2], warehouse)).onHand).toBe(35);
    });

    it('adjusts relative to the units reserved', async () => {
      // p[0] at the warehouse: 100 on hand, 10 reserved.
      const response = await request(t.http).put(`/api/v1/stock/${p[0]}`).send({ adjustment: -90 }).expect(200);
      expect(response.body).toMatchObject({ on_hand: 10, reserved: 10, available: 0, low_stock: true });
      expect(await stockOf(t.dataSource, p[0], warehouse)).toMatchObject({ onHand: 10, reserved: 10 });
    });

    it('changes only the reorder level when only reorder_level is given', async () => {
      const response = await request(t.http).put(`/api/v1/stock/${p[2]}`).send({ reorder_level: 35 }).expect(200);
      expect(response.body).toMatchObject({
        location_id: warehouse,
        on_hand: 35,
        reserved: 0,
        available: 35,
        reorder_level: 35,
        low_stock: true,
      });
      expect(await stockOf(t.dataSource, p[2], warehouse)).toMatchObject({ onHand: 35, reorderLevel: 35 });
    });

    it('sets quantity and reorder level together', async () => {
      const response = await request(t.http).put(`/api/v1/stock/${p[2]}`).send({ quantity: 60, reorder_level: 20 }).expect(200);
      expect(response.body).toMatchObject({ on_hand: 60, reorder_level: 20, low_stock: false });
    });

    it('updates the level at an explicit location, leaving the warehouse alone', async () => {
      const before = await stockOf(t.dataSource, p[2], warehouse);
      const response = await request(t.http).put(`/api/v1/stock/${p[2]}`).send({ location_id: store, quantity: 7 }).expect(200);
      expect(response.body).toMatchObject({ product_id: p[2], location_id: store, on_hand: 7, reserved: 0, available: 7 });
      expect((await stockOf(t.dataSource, p[2], store)).onHand).toBe(7);
      expect(await stockOf(t.dataSource, p[2], warehouse)).toMatchObject({
        onHand: before.onHand,
        reorderLevel: before.reorderLevel,
      });
    });

    it('answers 404 for an unknown product and writes nothing', async () => {
      const before = await allStock();
      const response = await request(t.http).put('/api/v1/stock/99999').send({ quantity: 1 }).expect(404);
      expect(response.body).toMatchObject({ status_code: 404, code: 'PRODUCT_NOT_FOUND', message: 'Product 99999 not found' });
      expect(await allStock()).toEqual(before);
    });

    it('answers 404 for an unknown location and writes nothing', async () => {
      const before = await allStock();
      const response = await request(t.http).put(`/api/v1/stock/${p[3]}`).send({ location_id: 99999, quantity: 1 }).expect(404);
      expect(response.body).toMatchObject({ status_code: 404, code: 'LOCATION_NOT_FOUND', message: 'Location 99999 not found' });
      expect(await allStock()).toEqual(before);
    });

    describe('below the reserved units', () => {
      beforeAll(() => givenStock(t.dataSource, p[4], warehouse, 20, 15));

      it.each([
        [{ quantity: 10 }, 'On hand cannot go to 10: 15 units are reserved'],
        [{ quantity: 0 }, 'On hand cannot go to 0: 15 units are reserved'],
        [{ adjustment: -6 }, 'On hand cannot go to 14: 15 units are reserved'],
        [{ adjustment: -6, reorder_level: 1 }, 'On hand cannot go to 14: 15 units are reserved'],
      ])('answers 409 STOCK_BELOW_RESERVED for %j and writes nothing', async (body, message) => {
        const before = await allStock();
        const response = await request(t.http).put(`/api/v1/stock/${p[4]}`).send(body).expect(409);
        expect(response.body).toEqual({ status_code: 409, error: 'Conflict', code: 'STOCK_BELOW_RESERVED', message });
        expect(await stockOf(t.dataSource, p[4], warehouse)).toMatchObject({ onHand: 20, reserved: 15, reorderLevel: 5 });
        expect(await allStock()).toEqual(before);
      });

      it('answers 409 when an adjustment would take an unreserved level below zero, and writes nothing', async () => {
        const before = await allStock();
        const response = await request(t.http)
          .put(`/api/v1/stock/${p[2]}`)
          .send({ location_id: store, adjustment: -8 })
          .expect(409);
        expect(response.body.code).toBe('STOCK_BELOW_RESERVED');
        expect((await stockOf(t.dataSource, p[2], store)).onHand).toBe(7);
        expect(await allStock()).toEqual(before);
      });

      it('accepts exactly the reserved units', async () => {
        const response = await request(t.http).put(`/api/v1/stock/${p[4]}`).send({ quantity: 15 }).expect(200);
        expect(response.body).toMatchObject({ on_hand: 15, reserved: 15, available: 0 });
        expect(await stockOf(t.dataSource, p[4], warehouse)).toMatchObject({ onHand: 15, reserved: 15 });
      });
    });

    describe('validation', () => {
      it('answers 400 when both quantity and adjustment are given, and writes nothing', async () => {
        const before = await allStock();
        const response = await request(t.http).put(`/api/v1/stock/${p[2]}`).send({ quantity: 5, adjustment: 1 }).expect(400);
        expect(response.body).toEqual({
          status_code: 400,
          error: 'Bad Request',
          message: 'Validation failed',
          code: 'VALIDATION_FAILED',
          errors: [{ field: 'adjustment', problems: ['give either quantity or adjustment, not both'] }],
        });
        expect(await allStock()).toEqual(before);
      });

      it.each([[{}], [{ location_id: 2 }]])('answers 400 when no change is given (%j), and writes nothing', async (body) => {
        const before = await allStock();
        const response = await request(t.http).put(`/api/v1/stock/${p[3]}`).send(body).expect(400);
        expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED' });
        expect(response.body.errors).toEqual([
          { field: 'quantity', problems: ['one of quantity, adjustment or reorder_level is required'] },
        ]);
        expect(await allStock()).toEqual(before);
      });

      it('answers 400 for a negative quantity, and writes nothing', async () => {
        const before = await allStock();
        const response = await request(t.http).put(`/api/v1/stock/${p[2]}`).send({ quantity: -1 }).expect(400);
        expect(response.body.errors).toEqual([{ field: 'quantity', problems: ['quantity must not be less than 0'] }]);
        expect(await allStock()).toEqual(before);
      });

      it.each([
        [{ quantity: 1.5 }, 'quantity'],
        [{ quantity: '5' }, 'quantity'],
        [{ quantity: 10_000_001 }, 'quantity'],
        [{ adjustment: 0.5 }, 'adjustment'],
        [{ adjustment: -10_000_001 }, 'adjustment'],
        [{ reorder_level: -1 }, 'reorder_level'],
        [{ quantity: 1, location_id: 0 }, 'location_id'],
        [{ quantity: 1, location_id: 'two' }, 'location_id'],
        [{ quantity: 1, product_id: 1 }, 'product_id'],
        [{ quantity: 1, reserved: 0 }, 'reserved'],
      ])('rejects %j naming %s, and writes nothing', async (body, field) => {
        const before = await allStock();
        const response = await request(t.http).put(`/api/v1/stock/${p[2]}`).send(body).expect(400);
        expect(fieldsOf(response.body)).toEqual([field]);
        expect(await allStock()).toEqual(before);
      });

      it('answers 400 (not 500) for a null location_id, and writes nothing', async () => {
        const before = await allStock();
        const response = await request(t.http).put(`/api/v1/stock/${p[3]}`).send({ location_id: null, quantity: 5 });
        expect(response.status).toBe(400);
        expect(fieldsOf(response.body)).toEqual(['location_id']);
        expect(await allStock()).toEqual(before);
      });

      it.each([[{ quantity: null }], [{ adjustment: null }], [{ reorder_level: null }]])(
        'answers 400 for %j, which gives no change, and writes nothing',
        async (body) => {
          const before = await allStock();
          const response = await request(t.http).put(`/api/v1/stock/${p[3]}`).send(body);
          expect(response.status).toBe(400);
          expect(response.body.code).toBe('VALIDATION_FAILED');
          expect(await allStock()).toEqual(before);
        },
      );

      it('names every bad field at once', async () => {
        const response = await request(t.http)
          .put(`/api/v1/stock/${p[2]}`)
          .send({ quantity: -1, reorder_level: 'x', colour: 'red' })
          .expect(400);
        expect(fieldsOf(response.body)).toEqual(['colour', 'quantity', 'reorder_level']);
      });

      it.each(['abc', '0', '1.5', '2147483648'])('answers 400 for the product id %s', async (id) => {
        const before = await allStock();
        const response = await request(t.http).put(`/api/v1/stock/${id}`).send({ quantity: 1 }).expect(400);
        expect(fieldsOf(response.body)).toEqual(['product_id']);
        expect(await allStock()).toEqual(before);
      });

      it('answers 400 for a body that is not JSON', async () => {
        const response = await request(t.http)
          .put(`/api/v1/stock/${p[2]}`)
          .set('content-type', 'application/json')
          .send('{"quantity":')
          .expect(400);
        expect(response.body.status_code).toBe(400);
      });
    });
  });
});
