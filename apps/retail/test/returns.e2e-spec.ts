import { OutboxEvent } from '@app/events';
import { TestApp, createTestApp, fieldsOf, problemsOf } from '@app/testing';
import request from 'supertest';
import { CashRegister } from '../src/cash-registers/cash-register.entity';
import { retailService } from '../src/retail.service';
import { SaleReturn, SaleReturnLine } from '../src/returns/sale-return.entity';
import { SaleLine } from '../src/sales/sale.entity';
import { Store } from '../src/stores/store.entity';
import { eventsOf, givenProducts, givenRegister, givenStore } from './fixtures';

type SaleBody = { id: number; lines: Array<{ product_id: number; quantity: number; line_total: string }> };

describe('Returns API', () => {
  let t: TestApp;
  let paris: Store;
  let parisPos: CashRegister;

  const sell = async (
    store: Store,
    register: CashRegister,
    lines: Array<[productId: number, quantity: number]>,
  ): Promise<SaleBody> => {
    const response = await request(t.http)
      .post('/api/v1/sales')
      .send({
        store_id: store.id,
        register_id: register.id,
        lines: lines.map(([product_id, quantity]) => ({ product_id, quantity })),
      })
      .expect(201);
    return response.body;
  };
  const sellAtParis = (lines: Array<[number, number]>) => sell(paris, parisPos, lines);
  const giveBack = (body: object) => request(t.http).post('/api/v1/returns').send(body);
  const returnedOf = async (saleId: number) => {
    const lines = await t.dataSource.getRepository(SaleLine).find({ where: { saleId }, order: { id: 'ASC' } });
    return lines.map((line) => [line.productId, line.returnedQuantity]);
  };
  /** Returns, their lines and outbox rows: a refused return must leave all three unchanged. */
  const counts = async () => ({
    returns: await t.dataSource.getRepository(SaleReturn).count(),
    lines: await t.dataSource.getRepository(SaleReturnLine).count(),
    events: await t.dataSource.getRepository(OutboxEvent).count(),
  });

  beforeAll(async () => {
    t = await createTestApp(retailService);
    await givenProducts(t.dataSource, [
      { id: 1, price: '0.10' },
      { id: 2, price: '1.20' },
      { id: 3, price: '2.49' },
    ]);
    paris = await givenStore(t.dataSource, 'ST-PARIS', { locationId: 2 });
    parisPos = await givenRegister(t.dataSource, paris, 'POS-1');
  });

  afterAll(() => t.close());

  describe('POST /api/v1/returns', () => {
    it('refunds each line at the unit price of the sale, exactly', async () => {
      const sale = await sellAtParis([
        [1, 5],
        [3, 3],
      ]);
      const before = Date.now();
      const response = await giveBack({
        sale_id: sale.id,
        lines: [
          { product_id: 1, quantity: 3 },
          { product_id: 3, quantity: 2 },
        ],
        reason: 'Damaged',
      }).expect(201);
      expect(response.body).toEqual({
        id: expect.any(Number),
        sale_id: sale.id,
        store_id: paris.id,
        lines: [
          { product_id: 1, quantity: 3, refund: '0.30' },
          { product_id: 3, quantity: 2, refund: '4.98' },
        ],
        total_refund: '5.28',
        reason: 'Damaged',
        returned_at: expect.any(String),
      });
      expect(Date.parse(response.body.returned_at)).toBeGreaterThanOrEqual(before);
      expect(await returnedOf(sale.id)).toEqual([
        [1, 3],
        [3, 2],
      ]);
      const stored = await t.dataSource
        .getRepository(SaleReturn)
        .findOneOrFail({ where: { id: response.body.id }, relations: { lines: true } });
      expect(stored).toMatchObject({ saleId: sale.id, storeId: paris.id, totalRefund: '5.28', reason: 'Damaged' });
    });

    it('records exactly one retail.sale.returned event, for inventory and reporting, with the store location', async () => {
      const sale = await sellAtParis([[2, 4]]);
      const before = await eventsOf(t.dataSource, 'retail.sale.returned');
      const response = await giveBack({ sale_id: sale.id, lines: [{ product_id: 2, quantity: 3 }] }).expect(201);
      const after = await eventsOf(t.dataSource, 'retail.sale.returned');
      expect(after).toHaveLength(before.length + 1);
      const event = after[after.length - 1];
      expect(event).toMatchObject({ version: 1, pendingFor: ['inventory', 'reporting'] });
      expect(event.payload).toEqual({
        return_id: response.body.id,
        sale_id: sale.id,
        store_id: paris.id,
        location_id: 2,
        lines: [{ product_id: 2, quantity: 3, refund: '3.60' }],
        total_refund: '3.60',
        returned_at: response.body.returned_at,
        imported: false,
      });
      expect(response.body.reason).toBeNull();
    });

    it('lets partial returns add up to what was sold, and no further', async () => {
      const sale = await sellAtParis([
        [1, 3],
        [2, 1],
      ]);
      const first = await giveBack({ sale_id: sale.id, lines: [{ product_id: 1, quantity: 1 }] }).expect(201);
      const second = await giveBack({ sale_id: sale.id, lines: [{ product_id: 1, quantity: 2 }] }).expect(201);
      expect(await returnedOf(sale.id)).toEqual([
        [1, 3],
        [2, 0],
      ]);
      expect([first.body.total_refund, second.body.total_refund]).toEqual(['0.10', '0.20']);

      const before = await counts();
      const third = await giveBack({ sale_id: sale.id, lines: [{ product_id: 1, quantity: 1 }] }).expect(400);
      expect(third.body.errors).toEqual([
        { field: 'lines.0.quantity', problems: ['at most 0 of product 1 can still be returned'] },
      ]);
      expect(await counts()).toEqual(before);

      const detail = await request(t.http).get(`/api/v1/sales/${sale.id}`).expect(200);
      expect(detail.body.lines.map((line: { returned_quantity: number }) => line.returned_quantity)).toEqual([3, 0]);
      expect(detail.body.returns).toEqual([first.body, second.body]);
    });

    it('answers 400 naming the line and how many can still be returned when asked for more than was sold, and writes nothing', async () => {
      const sale = await sellAtParis([[2, 2]]);
      const before = await counts();
      const response = await giveBack({ sale_id: sale.id, lines: [{ product_id: 2, quantity: 3 }] }).expect(400);
      expect(response.body).toEqual({
        status_code: 400,
        error: 'Bad Request',
        message: 'Validation failed',
        code: 'VALIDATION_FAILED',
        errors: [{ field: 'lines.0.quantity', problems: ['at most 2 of product 2 can still be returned'] }],
      });
      expect(await counts()).toEqual(before);
      expect(await t.dataSource.getRepository(SaleReturn).countBy({ saleId: sale.id })).toBe(0);
      expect(await returnedOf(sale.id)).toEqual([[2, 0]]);
    });

    it('counts the same product given twice together', async () => {
      const sale = await sellAtParis([[1, 3]]);
      const tooMany = await giveBack({
        sale_id: sale.id,
        lines: [
          { product_id: 1, quantity: 2 },
          { product_id: 1, quantity: 2 },
        ],
      }).expect(400);
      expect(tooMany.body.errors).toEqual([
        { field: 'lines.1.quantity', problems: ['at most 1 of product 1 can still be returned'] },
      ]);
      const merged = await giveBack({
        sale_id: sale.id,
        lines: [
          { product_id: 1, quantity: 1 },
          { product_id: 1, quantity: 2 },
        ],
      }).expect(201);
      expect(merged.body).toMatchObject({ lines: [{ product_id: 1, quantity: 3, refund: '0.30' }], total_refund: '0.30' });
      expect(await returnedOf(sale.id)).toEqual([[1, 3]]);
    });

    it('answers 400 naming a product that is not in the sale, and returns none of the other lines', async () => {
      const sale = await sellAtParis([[1, 1]]);
      const before = await counts();
      const response = await giveBack({
        sale_id: sale.id,
        lines: [
          { product_id: 1, quantity: 1 },
          { product_id: 3, quantity: 1 },
        ],
      }).expect(400);
      expect(response.body.errors).toEqual([{ field: 'lines.1.product_id', problems: [`product 3 is not in sale ${sale.id}`] }]);
      expect(await counts()).toEqual(before);
      expect(await returnedOf(sale.id)).toEqual([[1, 0]]);
    });

    it('names every line at fault at once', async () => {
      const sale = await sellAtParis([
        [1, 1],
        [2, 1],
      ]);
      const response = await giveBack({
        sale_id: sale.id,
        lines: [
          { product_id: 3, quantity: 1 },
          { product_id: 2, quantity: 1 },
          { product_id: 1, quantity: 2 },
        ],
      }).expect(400);
      expect(fieldsOf(response.body)).toEqual(['lines.0.product_id', 'lines.2.quantity']);
      expect(problemsOf(response.body, 'lines.2.quantity')).toEqual(['at most 1 of product 1 can still be returned']);
    });

    it('answers 404 for an unknown sale, and writes nothing', async () => {
      const before = await counts();
      const response = await giveBack({ sale_id: 99999, lines: [{ product_id: 1, quantity: 1 }] }).expect(404);
      expect(response.body).toEqual({
        status_code: 404,
        error: 'Not Found',
        code: 'SALE_NOT_FOUND',
        message: 'Sale 99999 not found',
      });
      expect(await counts()).toEqual(before);
    });

    it('answers 400 naming every missing field', async () => {
      const response = await giveBack({}).expect(400);
      expect(fieldsOf(response.body)).toEqual(['lines', 'sale_id']);
    });

    it.each([
      [{ lines: [] }, 'lines'],
      [{ lines: Array.from({ length: 101 }, () => ({ product_id: 1, quantity: 1 })) }, 'lines'],
      [{ lines: [{ product_id: 1, quantity: 0 }] }, 'lines.0.quantity'],
      [{ lines: [{ product_id: 1, quantity: 1001 }] }, 'lines.0.quantity'],
      [{ lines: [{ product_id: 1, quantity: '1' }] }, 'lines.0.quantity'],
      [{ lines: [{ product_id: 0, quantity: 1 }] }, 'lines.0.product_id'],
      [{ lines: [{ product_id: 1, quantity: 1, refund: '9.99' }] }, 'lines.0.refund'],
      [{ reason: '' }, 'reason'],
      [{ reason: null }, 'reason'],
      [{ reason: 'x'.repeat(501) }, 'reason'],
      [{ sale_id: 'one' }, 'sale_id'],
      [{ total_refund: '1.00' }, 'total_refund'],
    ])('rejects %j naming the field, and writes nothing', async (change, field) => {
      const sale = await sellAtParis([[1, 2]]);
      const before = await counts();
      const response = await giveBack({ sale_id: sale.id, lines: [{ product_id: 1, quantity: 1 }], ...change }).expect(400);
      expect(fieldsOf(response.body)).toEqual([field]);
      expect(await counts()).toEqual(before);
      expect(await returnedOf(sale.id)).toEqual([[1, 0]]);
    });
  });

  describe('under concurrency', () => {
    it('lets exactly one of two returns through when together they exceed the sale', async () => {
      const sale = await sellAtParis([[3, 5]]);
      const body = { sale_id: sale.id, lines: [{ product_id: 3, quantity: 3 }] };
      const responses = await Promise.all([giveBack(body), giveBack(body)]);
      expect(responses.map((response) => response.status).sort()).toEqual([201, 400]);
      const refused = responses.find((response) => response.status === 400);
      expect(refused?.body.errors).toEqual([
        { field: 'lines.0.quantity', problems: ['at most 2 of product 3 can still be returned'] },
      ]);
      expect(await returnedOf(sale.id)).toEqual([[3, 3]]);
      expect(await t.dataSource.getRepository(SaleReturn).countBy({ saleId: sale.id })).toBe(1);
      const events = await eventsOf(t.dataSource, 'retail.sale.returned');
      expect(events.filter((event) => (event.payload as { sale_id: number }).sale_id === sale.id)).toHaveLength(1);
    });

    it('never returns more than was sold, however many returns race', async () => {
      const sale = await sellAtParis([[2, 5]]);
      const responses = await Promise.all(
        Array.from({ length: 8 }, () => giveBack({ sale_id: sale.id, lines: [{ product_id: 2, quantity: 1 }] })),
      );
      expect(responses.filter((response) => response.status === 201)).toHaveLength(5);
      expect(responses.filter((response) => response.status === 400)).toHaveLength(3);
      expect(await returnedOf(sale.id)).toEqual([[2, 5]]);
      const returns = await t.dataSource.getRepository(SaleReturn).findBy({ saleId: sale.id });
      expect(returns.map((saleReturn) => saleReturn.totalRefund)).toEqual(Array(5).fill('1.20'));
    });
  });

  describe('GET /api/v1/returns', () => {
    let lyon: Store;
    let lyonReturns: number[];
    const idsOf = (body: { data: { id: number }[] }) => body.data.map((saleReturn) => saleReturn.id);

    beforeAll(async () => {
      lyon = await givenStore(t.dataSource, 'ST-LYON', { locationId: 3 });
      const lyonPos = await givenRegister(t.dataSource, lyon, 'POS-1');
      const first = await sell(lyon, lyonPos, [
        [1, 3],
        [2, 3],
      ]);
      const second = await sell(lyon, lyonPos, [[2, 1]]);
      lyonReturns = [];
      for (const [saleId, productId] of [
        [first.id, 1],
        [second.id, 2],
        [first.id, 2],
      ]) {
        const response = await giveBack({ sale_id: saleId, lines: [{ product_id: productId, quantity: 1 }] }).expect(201);
        lyonReturns.push(response.body.id);
      }
    });

    it('lists newest first, filtered by store, and pages with a total', async () => {
      const all = await request(t.http).get(`/api/v1/returns?store_id=${lyon.id}`).expect(200);
      expect(all.body).toMatchObject({ total: 3, limit: 20, offset: 0 });
      expect(idsOf(all.body)).toEqual([...lyonReturns].reverse());
      expect(all.body.data[2]).toEqual({
        id: lyonReturns[0],
        sale_id: expect.any(Number),
        store_id: lyon.id,
        lines: [{ product_id: 1, quantity: 1, refund: '0.10' }],
        total_refund: '0.10',
        reason: null,
        returned_at: expect.any(String),
      });
      const page = await request(t.http).get(`/api/v1/returns?store_id=${lyon.id}&limit=1&offset=1`).expect(200);
      expect(page.body).toMatchObject({ total: 3, limit: 1, offset: 1 });
      expect(idsOf(page.body)).toEqual([lyonReturns[1]]);
    });

    it('filters by sale, alone or with the store', async () => {
      const saleId = (await request(t.http).get(`/api/v1/returns/${lyonReturns[0]}`).expect(200)).body.sale_id;
      const ofSale = await request(t.http).get(`/api/v1/returns?sale_id=${saleId}`).expect(200);
      expect(idsOf(ofSale.body)).toEqual([lyonReturns[2], lyonReturns[0]]);
      const elsewhere = await request(t.http).get(`/api/v1/returns?sale_id=${saleId}&store_id=${paris.id}`).expect(200);
      expect(elsewhere.body).toMatchObject({ total: 0, data: [] });
    });

    it('lists every return without filters', async () => {
      const response = await request(t.http).get('/api/v1/returns?limit=100').expect(200);
      expect(response.body.total).toBe(await t.dataSource.getRepository(SaleReturn).count());
    });

    it.each([
      ['sale_id=abc', 'sale_id'],
      ['store_id=0', 'store_id'],
      ['offset=-1', 'offset'],
      ['product_id=1', 'product_id'],
    ])('rejects %s naming the field', async (query, field) => {
      const response = await request(t.http).get(`/api/v1/returns?${query}`).expect(400);
      expect(fieldsOf(response.body)).toEqual([field]);
    });
  });

  describe('GET /api/v1/returns/:id', () => {
    it('returns one return as it was created', async () => {
      const sale = await sellAtParis([
        [1, 2],
        [3, 1],
      ]);
      const created = await giveBack({
        sale_id: sale.id,
        lines: [
          { product_id: 3, quantity: 1 },
          { product_id: 1, quantity: 2 },
        ],
        reason: 'Wrong size',
      }).expect(201);
      const response = await request(t.http).get(`/api/v1/returns/${created.body.id}`).expect(200);
      expect(response.body).toEqual(created.body);
      expect(response.body.lines).toEqual([
        { product_id: 3, quantity: 1, refund: '2.49' },
        { product_id: 1, quantity: 2, refund: '0.20' },
      ]);
    });

    it('answers 404 for an unknown return', async () => {
      const response = await request(t.http).get('/api/v1/returns/99999').expect(404);
      expect(response.body).toEqual({
        status_code: 404,
        error: 'Not Found',
        code: 'RETURN_NOT_FOUND',
        message: 'Return 99999 not found',
      });
    });

    it.each(['abc', '0', '99999999999'])('answers 400 for the id %s', async (id) => {
      const response = await request(t.http).get(`/api/v1/returns/${id}`).expect(400);
      expect(fieldsOf(response.body)).toEqual(['id']);
    });
  });
});
