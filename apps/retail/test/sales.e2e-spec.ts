import { CatalogueProduct } from '@app/catalogue';
import { OutboxEvent } from '@app/events';
import { TestApp, createTestApp, fieldsOf, problemsOf } from '@app/testing';
import request from 'supertest';
import { CashRegister } from '../src/cash-registers/cash-register.entity';
import { retailService } from '../src/retail.service';
import { Sale, SaleLine } from '../src/sales/sale.entity';
import { Store } from '../src/stores/store.entity';
import { eventsOf, givenProducts, givenRegister, givenSale, givenStore } from './fixtures';

describe('Sales API', () => {
  let t: TestApp;
  let paris: Store;
  let lyon: Store;
  let closed: Store;
  let parisPos: CashRegister;
  let parisIdlePos: CashRegister;
  let lyonPos: CashRegister;
  let closedPos: CashRegister;

  const sell = (body: object) => request(t.http).post('/api/v1/sales').send(body);
  /** Sales, sale lines and outbox rows: a rejected sale must leave all three unchanged. */
  const counts = async () => ({
    sales: await t.dataSource.getRepository(Sale).count(),
    lines: await t.dataSource.getRepository(SaleLine).count(),
    events: await t.dataSource.getRepository(OutboxEvent).count(),
  });

  beforeAll(async () => {
    t = await createTestApp(retailService);
    await givenProducts(t.dataSource, [
      { id: 1, price: '0.10' },
      { id: 2, price: '1.20' },
      { id: 3, price: '2.49' },
      { id: 4, price: '5.00', active: false },
    ]);
    paris = await givenStore(t.dataSource, 'ST-PARIS', { locationId: 2 });
    lyon = await givenStore(t.dataSource, 'ST-LYON', { locationId: 3 });
    closed = await givenStore(t.dataSource, 'ST-CLOSED', { locationId: 4, active: false });
    parisPos = await givenRegister(t.dataSource, paris, 'POS-1');
    parisIdlePos = await givenRegister(t.dataSource, paris, 'POS-2', false);
    lyonPos = await givenRegister(t.dataSource, lyon, 'POS-1');
    closedPos = await givenRegister(t.dataSource, closed, 'POS-1');
  });

  afterAll(() => t.close());

  describe('POST /api/v1/sales', () => {
    it('records a sale at the catalogue prices, with exact totals', async () => {
      const before = Date.now();
      const response = await sell({
        store_id: paris.id,
        register_id: parisPos.id,
        lines: [
          { product_id: 1, quantity: 3 },
          { product_id: 3, quantity: 7 },
        ],
      }).expect(201);
      expect(response.body).toEqual({
        id: expect.any(Number),
        store_id: paris.id,
        register_id: parisPos.id,
        lines: [
          { product_id: 1, quantity: 3, unit_price: '0.10', line_total: '0.30' },
          { product_id: 3, quantity: 7, unit_price: '2.49', line_total: '17.43' },
        ],
        total: '17.73',
        sold_at: expect.any(String),
      });
      const soldAt = Date.parse(response.body.sold_at);
      expect(soldAt).toBeGreaterThanOrEqual(before);
      expect(soldAt).toBeLessThanOrEqual(Date.now());
      const stored = await t.dataSource
        .getRepository(Sale)
        .findOneOrFail({ where: { id: response.body.id }, relations: { lines: true }, order: { lines: { id: 'ASC' } } });
      expect(stored).toMatchObject({
        storeId: paris.id,
        registerId: parisPos.id,
        total: '17.73',
        soldAt: new Date(response.body.sold_at),
      });
      expect(
        stored.lines.map(({ productId, quantity, returnedQuantity, unitPrice, lineTotal }) => ({
          productId,
          quantity,
          returnedQuantity,
          unitPrice,
          lineTotal,
        })),
      ).toEqual([
        { productId: 1, quantity: 3, returnedQuantity: 0, unitPrice: '0.10', lineTotal: '0.30' },
        { productId: 3, quantity: 7, returnedQuantity: 0, unitPrice: '2.49', lineTotal: '17.43' },
      ]);
    });

    it('records exactly one retail.sale.recorded event, for inventory and reporting, with the store location', async () => {
      const before = await eventsOf(t.dataSource, 'retail.sale.recorded');
      const response = await sell({ store_id: lyon.id, register_id: lyonPos.id, lines: [{ product_id: 2, quantity: 2 }] }).expect(
        201,
      );
      const after = await eventsOf(t.dataSource, 'retail.sale.recorded');
      expect(after).toHaveLength(before.length + 1);
      const event = after[after.length - 1];
      expect(event).toMatchObject({ version: 1, pendingFor: ['inventory', 'reporting'], occurredAt: expect.any(Date) });
      expect(event.payload).toEqual({
        sale_id: response.body.id,
        store_id: lyon.id,
        location_id: 3,
        register_id: lyonPos.id,
        lines: [{ product_id: 2, quantity: 2, unit_price: '1.20', line_total: '2.40' }],
        total: '2.40',
        sold_at: response.body.sold_at,
        imported: false,
      });
    });

    it('merges lines of the same product, keeping the order first given', async () => {
      const response = await sell({
        store_id: paris.id,
        register_id: parisPos.id,
        lines: [
          { product_id: 2, quantity: 1 },
          { product_id: 1, quantity: 1 },
          { product_id: 2, quantity: 4 },
        ],
      }).expect(201);
      expect(response.body.lines).toEqual([
        { product_id: 2, quantity: 5, unit_price: '1.20', line_total: '6.00' },
        { product_id: 1, quantity: 1, unit_price: '0.10', line_total: '0.10' },
      ]);
      expect(response.body.total).toBe('6.10');
    });

    it('adds many small amounts without rounding error', async () => {
      const lines = [
        { product_id: 1, quantity: 1000 },
        { product_id: 3, quantity: 999 },
      ];
      const response = await sell({ store_id: paris.id, register_id: parisPos.id, lines }).expect(201);
      expect(response.body.lines.map((line: { line_total: string }) => line.line_total)).toEqual(['100.00', '2487.51']);
      expect(response.body.total).toBe('2587.51');
    });

    it('takes the price the catalogue holds at the time of the sale', async () => {
      const catalogue = t.dataSource.getRepository(CatalogueProduct);
      const first = await sell({ store_id: paris.id, register_id: parisPos.id, lines: [{ product_id: 2, quantity: 1 }] }).expect(
        201,
      );
      await catalogue.update({ productId: 2 }, { price: '1.35' });
      try {
        const second = await sell({
          store_id: paris.id,
          register_id: parisPos.id,
          lines: [{ product_id: 2, quantity: 1 }],
        }).expect(201);
        expect(second.body).toMatchObject({ total: '1.35', lines: [{ unit_price: '1.35' }] });
        const earlier = await request(t.http).get(`/api/v1/sales/${first.body.id}`).expect(200);
        expect(earlier.body).toMatchObject({ total: '1.20', lines: [{ unit_price: '1.20' }] });
      } finally {
        await catalogue.update({ productId: 2 }, { price: '1.20' });
      }
    });

    it.each([
      [{ product_id: 1, quantity: 1, unit_price: '0.01' }, 'lines.0.unit_price'],
      [{ product_id: 1, quantity: 1, line_total: '0.01' }, 'lines.0.line_total'],
    ])('refuses a price from the till: %j', async (line, field) => {
      const before = await counts();
      const response = await sell({ store_id: paris.id, register_id: parisPos.id, lines: [line] }).expect(400);
      expect(fieldsOf(response.body)).toEqual([field]);
      expect(await counts()).toEqual(before);
    });

    type Refusal = { case: string; body: () => object; status: number; code: string; message: () => string };
    it.each<Refusal>([
      {
        case: 'an unknown store',
        body: () => ({ store_id: 99999, register_id: parisPos.id, lines: [{ product_id: 1, quantity: 1 }] }),
        status: 404,
        code: 'STORE_NOT_FOUND',
        message: () => 'Store 99999 not found',
      },
      {
        case: 'an unknown register',
        body: () => ({ store_id: paris.id, register_id: 99999, lines: [{ product_id: 1, quantity: 1 }] }),
        status: 404,
        code: 'REGISTER_NOT_FOUND',
        message: () => 'Cash register 99999 not found',
      },
      {
        case: 'a register of another store',
        body: () => ({ store_id: paris.id, register_id: lyonPos.id, lines: [{ product_id: 1, quantity: 1 }] }),
        status: 422,
        code: 'REGISTER_NOT_IN_STORE',
        message: () => `Cash register ${lyonPos.id} does not belong to store ${paris.id}`,
      },
      {
        case: 'an inactive store',
        body: () => ({ store_id: closed.id, register_id: closedPos.id, lines: [{ product_id: 1, quantity: 1 }] }),
        status: 422,
        code: 'STORE_INACTIVE',
        message: () => `Store ${closed.id} is inactive`,
      },
      {
        case: 'an inactive register',
        body: () => ({ store_id: paris.id, register_id: parisIdlePos.id, lines: [{ product_id: 1, quantity: 1 }] }),
        status: 422,
        code: 'REGISTER_INACTIVE',
        message: () => `Cash register ${parisIdlePos.id} is inactive`,
      },
      {
        case: 'a product the catalogue does not know',
        body: () => ({
          store_id: paris.id,
          register_id: parisPos.id,
          lines: [
            { product_id: 1, quantity: 1 },
            { product_id: 99, quantity: 1 },
          ],
        }),
        status: 422,
        code: 'UNKNOWN_PRODUCT',
        message: () => 'Product 99 is not in the catalogue',
      },
      {
        case: 'an inactive product',
        body: () => ({
          store_id: paris.id,
          register_id: parisPos.id,
          lines: [
            { product_id: 4, quantity: 1 },
            { product_id: 1, quantity: 1 },
          ],
        }),
        status: 422,
        code: 'INACTIVE_PRODUCT',
        message: () => 'Product 4 is no longer sold',
      },
    ])('answers $status $code for $case, and writes nothing', async ({ body, status, code, message }) => {
      const before = await counts();
      const response = await sell(body()).expect(status);
      expect(response.body).toEqual({ status_code: status, error: expect.any(String), code, message: message() });
      expect(await counts()).toEqual(before);
    });

    it('answers 400 naming every missing field', async () => {
      const response = await sell({}).expect(400);
      expect(response.body).toMatchObject({ status_code: 400, message: 'Validation failed', code: 'VALIDATION_FAILED' });
      expect(fieldsOf(response.body)).toEqual(['lines', 'register_id', 'store_id']);
    });

    it.each([
      [{ lines: [] }, 'lines', 'lines must contain at least 1 elements'],
      [
        { lines: Array.from({ length: 101 }, (_, i) => ({ product_id: i + 1, quantity: 1 })) },
        'lines',
        'lines must contain no more than 100 elements',
      ],
      [{ lines: 'all of them' }, 'lines', 'lines must be an array'],
      [{ lines: [{ product_id: 1, quantity: 0 }] }, 'lines.0.quantity', 'quantity must not be less than 1'],
      [
        {
          lines: [
            { product_id: 1, quantity: 1 },
            { product_id: 2, quantity: 1001 },
          ],
        },
        'lines.1.quantity',
        'quantity must not be greater than 1000',
      ],
      [{ lines: [{ product_id: 1, quantity: 1.5 }] }, 'lines.0.quantity', 'quantity must be an integer number'],
      [{ lines: [{ product_id: '1', quantity: 1 }] }, 'lines.0.product_id', 'product_id must be an integer number'],
      [{ lines: [{ quantity: 1 }] }, 'lines.0.product_id', 'product_id must be an integer number'],
      [{ store_id: null }, 'store_id', 'store_id must be an integer number'],
      [{ register_id: 0 }, 'register_id', 'register_id must not be less than 1'],
    ])('rejects %j naming the field, and writes nothing', async (change, field, problem) => {
      const before = await counts();
      const response = await sell({
        store_id: paris.id,
        register_id: parisPos.id,
        lines: [{ product_id: 1, quantity: 1 }],
        ...change,
      }).expect(400);
      expect(fieldsOf(response.body)).toEqual([field]);
      expect(problemsOf(response.body, field)).toContain(problem);
      expect(await counts()).toEqual(before);
    });
  });

  describe('GET /api/v1/sales', () => {
    let history: Store;
    /** Sales of one store around the day of 1 May 2024 (UTC), oldest first. */
    let around: Sale[];
    const idsOf = (body: { data: { id: number }[] }) => body.data.map((sale) => sale.id);
    const list = (query: string) => request(t.http).get(`/api/v1/sales?store_id=${history.id}&${query}`);

    beforeAll(async () => {
      history = await givenStore(t.dataSource, 'ST-HISTORY');
      const register = await givenRegister(t.dataSource, history, 'POS-1');
      around = [];
      for (const soldAt of [
        '2024-04-30T23:59:59.999Z',
        '2024-05-01T00:00:00.000Z',
        '2024-05-01T12:00:00.000Z',
        '2024-05-01T23:59:59.999Z',
        '2024-05-02T00:00:00.000Z',
      ]) {
        around.push(
          await givenSale(t.dataSource, register, soldAt, [
            [1, 2],
            [2, 1],
          ]),
        );
      }
    });

    const [a, b, c, d, e] = [0, 1, 2, 3, 4];
    const ids = (...indexes: number[]) => indexes.map((index) => around[index].id);

    it('lists newest first with lines, and pages with a total', async () => {
      const all = await list('').expect(200);
      expect(all.body).toMatchObject({ total: 5, limit: 20, offset: 0 });
      expect(idsOf(all.body)).toEqual(ids(e, d, c, b, a));
      expect(all.body.data[4]).toEqual({
        id: around[a].id,
        store_id: history.id,
        register_id: around[a].registerId,
        lines: [
          { product_id: 1, quantity: 2, unit_price: '1.00', line_total: '2.00' },
          { product_id: 2, quantity: 1, unit_price: '1.00', line_total: '1.00' },
        ],
        total: '3.00',
        sold_at: '2024-04-30T23:59:59.999Z',
      });
      const page = await list('limit=2&offset=1').expect(200);
      expect(page.body).toMatchObject({ total: 5, limit: 2, offset: 1 });
      expect(idsOf(page.body)).toEqual(ids(d, c));
    });

    it('filters by store', async () => {
      const atLyon = await request(t.http).get(`/api/v1/sales?store_id=${lyon.id}`).expect(200);
      expect(atLyon.body.data.length).toBeGreaterThan(0);
      expect(atLyon.body.data.every((sale: { store_id: number }) => sale.store_id === lyon.id)).toBe(true);
      const everywhere = await request(t.http).get('/api/v1/sales?limit=100').expect(200);
      expect(everywhere.body.total).toBe(await t.dataSource.getRepository(Sale).count());
    });

    it.each([
      ['from=2024-05-01&to=2024-05-01', 'a date covers its whole day', [d, c, b]],
      ['from=2024-05-01', 'from alone', [e, d, c, b]],
      ['to=2024-04-30', 'to alone', [a]],
      ['from=2024-05-01T12:00:00Z', 'from is inclusive', [e, d, c]],
      ['to=2024-05-01T12:00:00.000Z', 'to is inclusive', [c, b, a]],
      ['from=2024-05-01T14:00:00%2B02:00&to=2024-05-01T12:00:00Z', 'one instant, written with two time zones', [c]],
      ['from=2024-05-01T12:00:00Z&to=2024-05-01', 'a date-time up to a date', [d, c]],
      ['from=2024-05-03', 'after every sale', []],
    ])('filters %s: %s', async (query, _label, expected) => {
      const response = await list(query).expect(200);
      expect(idsOf(response.body)).toEqual(ids(...expected));
      expect(response.body.total).toBe(expected.length);
    });

    it.each([
      ['from=2024-05-02&to=2024-05-01'],
      ['from=2024-05-01T12:00:00.001Z&to=2024-05-01T12:00:00Z'],
      ['from=2024-05-02T00:00:00Z&to=2024-05-01'],
    ])('answers 400 naming `from` when it comes after `to`: %s', async (query) => {
      const response = await list(query).expect(400);
      expect(response.body.errors).toEqual([{ field: 'from', problems: ['from must not be after to'] }]);
    });

    it.each([
      ['from=2024-02-30', 'from'],
      ['from=yesterday', 'from'],
      ['from=2024-05-01T10:00', 'from'],
      ['from=2024-05-01T10:00:00', 'from'],
      ['from=2024-05-01&from=2024-05-02', 'from'],
      ['to=2024-13-01', 'to'],
      ['to=1714521600', 'to'],
      ['to=', 'to'],
      ['limit=0', 'limit'],
      ['register_id=1', 'register_id'],
    ])('rejects %s naming the field', async (query, field) => {
      const response = await list(query).expect(400);
      expect(fieldsOf(response.body)).toEqual([field]);
    });

    it('explains what a date bound looks like', async () => {
      const response = await list('to=soon').expect(400);
      expect(problemsOf(response.body, 'to')).toEqual([
        'to must be an ISO 8601 date (2024-05-01) or date-time with a time zone (2024-05-01T09:30:00Z)',
      ]);
    });

    it('rejects a bad store_id', async () => {
      const response = await request(t.http).get('/api/v1/sales?store_id=abc').expect(400);
      expect(fieldsOf(response.body)).toEqual(['store_id']);
    });
  });

  describe('GET /api/v1/sales/:id', () => {
    it('shows each line with what was returned of it, and the returns', async () => {
      const sale = await sell({
        store_id: paris.id,
        register_id: parisPos.id,
        lines: [
          { product_id: 1, quantity: 3 },
          { product_id: 2, quantity: 2 },
        ],
      }).expect(201);
      const fresh = await request(t.http).get(`/api/v1/sales/${sale.body.id}`).expect(200);
      expect(fresh.body).toEqual({
        ...sale.body,
        lines: sale.body.lines.map((line: object) => ({ ...line, returned_quantity: 0 })),
        returns: [],
      });

      const saleReturn = await request(t.http)
        .post('/api/v1/returns')
        .send({ sale_id: sale.body.id, lines: [{ product_id: 2, quantity: 1 }] })
        .expect(201);
      const after = await request(t.http).get(`/api/v1/sales/${sale.body.id}`).expect(200);
      expect(after.body).toEqual({
        id: sale.body.id,
        store_id: paris.id,
        register_id: parisPos.id,
        lines: [
          { product_id: 1, quantity: 3, unit_price: '0.10', line_total: '0.30', returned_quantity: 0 },
          { product_id: 2, quantity: 2, unit_price: '1.20', line_total: '2.40', returned_quantity: 1 },
        ],
        total: '2.70',
        sold_at: sale.body.sold_at,
        returns: [saleReturn.body],
      });
    });

    it('answers 404 for an unknown sale', async () => {
      const response = await request(t.http).get('/api/v1/sales/99999').expect(404);
      expect(response.body).toEqual({
        status_code: 404,
        error: 'Not Found',
        code: 'SALE_NOT_FOUND',
        message: 'Sale 99999 not found',
      });
    });

    it.each(['abc', '0', '-1', '1.5', '99999999999'])('answers 400 for the id %s', async (id) => {
      const response = await request(t.http).get(`/api/v1/sales/${id}`).expect(400);
      expect(fieldsOf(response.body)).toEqual(['id']);
    });
  });
});
