import { CatalogueProduct } from '@app/catalogue';
import { TestApp, createTestApp, fieldsOf, freePort } from '@app/testing';
import { IncomingHttpHeaders, createServer } from 'node:http';
import request from 'supertest';
import { CartLine } from '../src/carts/cart.entity';
import { Customer } from '../src/customers/customer.entity';
import { ecommerceService } from '../src/ecommerce.service';
import { BILLING, SHIPPING, givenCatalogue, givenCustomer } from './fixtures';

type ReceivedRequest = { method?: string; url?: string; headers: IncomingHttpHeaders; body: unknown };

/** A stand-in for the saga orchestrator: records what it is sent and answers as told. */
async function fakeOrchestrator() {
  const received: ReceivedRequest[] = [];
  let answer: { status: number; body: string } | 'never' = { status: 201, body: '{}' };
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      received.push({ method: req.method, url: req.url, headers: req.headers, body: JSON.parse(body) });
      if (answer !== 'never') res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body);
    });
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    answerWith: (status: number, body: unknown) =>
      (answer = { status, body: typeof body === 'string' ? body : JSON.stringify(body) }),
    hang: () => (answer = 'never'),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const CHECKOUT = { shipping_address: SHIPPING, billing_address: BILLING, payment_method: 'credit_card' };

describe('Carts API', () => {
  let t: TestApp;
  let orchestrator: Awaited<ReturnType<typeof fakeOrchestrator>>;
  let customer: Customer;

  beforeAll(async () => {
    orchestrator = await fakeOrchestrator();
    t = await createTestApp(ecommerceService, { env: { SAGA_ORCHESTRATOR_URL: orchestrator.url } });
    await givenCatalogue(t.dataSource, [
      { price: '1.20' },
      { price: '0.65' },
      { price: '2.49', active: false },
      { price: '4.95' },
    ]);
    customer = await givenCustomer(t.dataSource);
  });

  afterAll(async () => {
    await t.close();
    await orchestrator.close();
  });

  const newCart = async (lines: Array<[number, number]> = []) => {
    const cart = await request(t.http).post('/api/v1/carts').send({ customer_id: customer.id }).expect(201);
    if (lines.length > 0) await putLines(cart.body.id, lines).expect(200);
    return cart.body.id as number;
  };
  const putLines = (cartId: number, lines: Array<[number, number]>) =>
    request(t.http)
      .put(`/api/v1/carts/${cartId}`)
      .send({ lines: lines.map(([product_id, quantity]) => ({ product_id, quantity })) });
  const storedLines = (cartId: number) =>
    t.dataSource.getRepository(CartLine).find({ where: { cartId }, order: { productId: 'ASC' } });
  const setPrice = (productId: number, changes: Partial<CatalogueProduct>) =>
    t.dataSource.getRepository(CatalogueProduct).update({ productId }, changes);

  describe('POST /api/v1/carts', () => {
    it('opens an empty cart for a customer', async () => {
      const response = await request(t.http).post('/api/v1/carts').send({ customer_id: customer.id }).expect(201);
      expect(response.body).toEqual({
        id: expect.any(Number),
        customer_id: customer.id,
        lines: [],
        total: '0.00',
        created_at: expect.any(String),
        updated_at: expect.any(String),
      });
    });

    it('answers 404 for an unknown customer, and writes nothing', async () => {
      const before = await countCarts();
      const response = await request(t.http).post('/api/v1/carts').send({ customer_id: 99999 }).expect(404);
      expect(response.body).toEqual({
        status_code: 404,
        error: 'Not Found',
        code: 'CUSTOMER_NOT_FOUND',
        message: 'Customer 99999 not found',
      });
      expect(await countCarts()).toBe(before);
    });

    it.each([[{}], [{ customer_id: 0 }], [{ customer_id: '1' }], [{ customer_id: null }], [{ customer_id: 2 ** 31 }]])(
      'rejects %j naming customer_id, and writes nothing',
      async (body) => {
        const before = await countCarts();
        const response = await request(t.http).post('/api/v1/carts').send(body).expect(400);
        expect(fieldsOf(response.body)).toEqual(['customer_id']);
        expect(await countCarts()).toBe(before);
      },
    );

    const countCarts = async () => (await request(t.http).get('/api/v1/carts').expect(200)).body.total as number;
  });

  describe('PUT /api/v1/carts/:cart_id', () => {
    it('replaces the lines, adds up a repeated product and prices every line from the catalogue', async () => {
      const cartId = await newCart([[4, 9]]);
      const response = await putLines(cartId, [
        [2, 3],
        [1, 2],
        [2, 1],
      ]).expect(200);
      expect(response.body).toMatchObject({
        id: cartId,
        customer_id: customer.id,
        lines: [
          { product_id: 1, quantity: 2, unit_price: '1.20', line_total: '2.40', available: true },
          { product_id: 2, quantity: 4, unit_price: '0.65', line_total: '2.60', available: true },
        ],
        total: '5.00',
      });
      expect(await storedLines(cartId)).toEqual([
        { cartId, productId: 1, quantity: 2 },
        { cartId, productId: 2, quantity: 4 },
      ]);
    });

    it('empties the cart with an empty list', async () => {
      const cartId = await newCart([[1, 1]]);
      const response = await putLines(cartId, []).expect(200);
      expect(response.body).toMatchObject({ lines: [], total: '0.00' });
      expect(await storedLines(cartId)).toEqual([]);
    });

    it.each([
      [99, 'UNKNOWN_PRODUCT', 'Product 99 is not in the catalogue'],
      [3, 'INACTIVE_PRODUCT', 'Product 3 is no longer sold'],
    ])('answers 422 for product %s (%s), and keeps the old lines', async (productId, code, message) => {
      const cartId = await newCart([[1, 1]]);
      const response = await putLines(cartId, [
        [2, 1],
        [productId, 1],
      ]).expect(422);
      expect(response.body).toEqual({ status_code: 422, error: 'Unprocessable Entity', code, message });
      expect(await storedLines(cartId)).toEqual([{ cartId, productId: 1, quantity: 1 }]);
    });

    it('answers 404 for an unknown cart', async () => {
      const response = await putLines(99999, [[1, 1]]).expect(404);
      expect(response.body).toMatchObject({ code: 'CART_NOT_FOUND', message: 'Cart 99999 not found' });
    });

    it('answers 400 when a repeated product adds up to more than 1000, and keeps the old lines', async () => {
      const cartId = await newCart([[1, 1]]);
      const response = await putLines(cartId, [
        [2, 600],
        [2, 401],
      ]).expect(400);
      expect(response.body.errors).toEqual([
        { field: 'lines', problems: ['product 2 adds up to 1001 units; at most 1000 are allowed'] },
      ]);
      expect(await storedLines(cartId)).toEqual([{ cartId, productId: 1, quantity: 1 }]);
    });

    it.each([
      { case: 'no lines', body: {}, field: 'lines' },
      { case: 'lines that are not a list', body: { lines: { product_id: 1, quantity: 1 } }, field: 'lines' },
      {
        case: '101 lines',
        body: { lines: Array.from({ length: 101 }, (_, i) => ({ product_id: i + 1, quantity: 1 })) },
        field: 'lines',
      },
      { case: 'a quantity of 0', body: { lines: [{ product_id: 1, quantity: 0 }] }, field: 'lines.0.quantity' },
      { case: 'a quantity of 1001', body: { lines: [{ product_id: 1, quantity: 1001 }] }, field: 'lines.0.quantity' },
      {
        case: 'a fractional quantity',
        body: {
          lines: [
            { product_id: 1, quantity: 1 },
            { product_id: 2, quantity: 1.5 },
          ],
        },
        field: 'lines.1.quantity',
      },
      { case: 'a missing product', body: { lines: [{ quantity: 1 }] }, field: 'lines.0.product_id' },
      {
        case: 'a price from the client',
        body: { lines: [{ product_id: 1, quantity: 1, unit_price: '0.01' }] },
        field: 'lines.0.unit_price',
      },
      { case: 'an unknown field', body: { lines: [], coupon: 'FREE' }, field: 'coupon' },
    ])('rejects $case naming $field, and keeps the old lines', async ({ body, field }) => {
      const cartId = await newCart([[1, 1]]);
      const response = await request(t.http).put(`/api/v1/carts/${cartId}`).send(body).expect(400);
      expect(fieldsOf(response.body)).toEqual([field]);
      expect(await storedLines(cartId)).toEqual([{ cartId, productId: 1, quantity: 1 }]);
    });
  });

  describe('GET /api/v1/carts/:cart_id', () => {
    it('prices at read time: a new catalogue price shows at once', async () => {
      const cartId = await newCart([[4, 2]]);
      await setPrice(4, { price: '5.10' });
      const response = await request(t.http).get(`/api/v1/carts/${cartId}`).expect(200);
      expect(response.body).toMatchObject({
        lines: [{ product_id: 4, quantity: 2, unit_price: '5.10', line_total: '10.20', available: true }],
        total: '10.20',
      });
    });

    it('leaves a line whose product was withdrawn unpriced and out of the total', async () => {
      const cartId = await newCart([
        [1, 1],
        [2, 2],
      ]);
      await setPrice(2, { active: false });
      const response = await request(t.http).get(`/api/v1/carts/${cartId}`).expect(200);
      await setPrice(2, { active: true });
      expect(response.body).toMatchObject({
        lines: [
          { product_id: 1, quantity: 1, unit_price: '1.20', line_total: '1.20', available: true },
          { product_id: 2, quantity: 2, unit_price: null, line_total: null, available: false },
        ],
        total: '1.20',
      });
    });

    it('answers 404 for an unknown cart', async () => {
      const response = await request(t.http).get('/api/v1/carts/99999').expect(404);
      expect(response.body).toEqual({
        status_code: 404,
        error: 'Not Found',
        code: 'CART_NOT_FOUND',
        message: 'Cart 99999 not found',
      });
    });

    it.each(['abc', '0', '1.5', '2147483648'])('answers 400 for the cart id %s', async (id) => {
      const response = await request(t.http).get(`/api/v1/carts/${id}`).expect(400);
      expect(fieldsOf(response.body)).toEqual(['cart_id']);
    });
  });

  describe('GET /api/v1/carts', () => {
    it('filters by customer and pages, with the total', async () => {
      const other = await givenCustomer(t.dataSource, 'Other customer');
      const first = await request(t.http).post('/api/v1/carts').send({ customer_id: other.id }).expect(201);
      const second = await request(t.http).post('/api/v1/carts').send({ customer_id: other.id }).expect(201);
      await putLines(second.body.id, [[1, 3]]).expect(200);
      const page = await request(t.http).get(`/api/v1/carts?customer_id=${other.id}&limit=1&offset=1`).expect(200);
      expect(page.body).toEqual({
        total: 2,
        limit: 1,
        offset: 1,
        data: [
          expect.objectContaining({
            id: second.body.id,
            customer_id: other.id,
            lines: [expect.objectContaining({ product_id: 1, line_total: '3.60' })],
            total: '3.60',
          }),
        ],
      });
      const all = await request(t.http).get(`/api/v1/carts?customer_id=${other.id}`).expect(200);
      expect(all.body.data.map((cart: { id: number }) => cart.id)).toEqual([first.body.id, second.body.id]);
    });

    it.each([
      ['customer_id=abc', 'customer_id'],
      ['customer_id=0', 'customer_id'],
      ['limit=101', 'limit'],
      ['status=open', 'status'],
    ])('rejects %s naming the field', async (query, field) => {
      const response = await request(t.http).get(`/api/v1/carts?${query}`).expect(400);
      expect(fieldsOf(response.body)).toEqual([field]);
    });
  });

  describe('POST /api/v1/carts/:cart_id/checkout', () => {
    beforeEach(() => orchestrator.received.splice(0));

    it("starts the order-processing saga and passes the orchestrator's answer on with 202", async () => {
      const cartId = await newCart([
        [2, 1],
        [1, 2],
      ]);
      const saga = {
        saga_id: 'b6f1c0de-0000-4000-8000-000000000001',
        status: 'PENDING',
        links: { self: '/api/v1/sagas/b6f1c0de' },
      };
      orchestrator.answerWith(201, saga);
      const response = await request(t.http)
        .post(`/api/v1/carts/${cartId}/checkout`)
        .set('x-correlation-id', 'checkout-test-1')
        .send(CHECKOUT)
        .expect(202);
      expect(response.body).toEqual(saga);
      expect(orchestrator.received).toEqual([
        {
          method: 'POST',
          url: `/api/v1/customers/${customer.id}/order-processing`,
          headers: expect.objectContaining({
            'content-type': 'application/json',
            'idempotency-key': `cart-${cartId}-checkout`,
            'x-correlation-id': 'checkout-test-1',
          }),
          body: {
            products: [
              { product_id: 1, quantity: 2 },
              { product_id: 2, quantity: 1 },
            ],
            shipping_address: SHIPPING,
            billing_address: BILLING,
            payment_method: 'credit_card',
          },
        },
      ]);
    });

    it('sends the same idempotency key when the same cart is checked out again', async () => {
      const cartId = await newCart([[1, 1]]);
      orchestrator.answerWith(200, { saga_id: 'same' });
      await request(t.http).post(`/api/v1/carts/${cartId}/checkout`).send(CHECKOUT).expect(202);
      await request(t.http).post(`/api/v1/carts/${cartId}/checkout`).send(CHECKOUT).expect(202);
      expect(orchestrator.received.map((received) => received.headers['idempotency-key'])).toEqual([
        `cart-${cartId}-checkout`,
        `cart-${cartId}-checkout`,
      ]);
    });

    it.each([500, 503])('answers 503 SAGA_UNAVAILABLE when the orchestrator answers %s', async (status) => {
      const cartId = await newCart([[1, 1]]);
      orchestrator.answerWith(status, { status_code: status, message: 'boom' });
      const response = await request(t.http).post(`/api/v1/carts/${cartId}/checkout`).send(CHECKOUT).expect(503);
      expect(response.body).toEqual({
        status_code: 503,
        error: 'Service Unavailable',
        code: 'SAGA_UNAVAILABLE',
        message: `Order processing is unavailable: the saga orchestrator answered ${status}. Try again later.`,
      });
    });

    it('answers 503 when the orchestrator does not answer within 5 s', async () => {
      const cartId = await newCart([[1, 1]]);
      orchestrator.hang();
      const response = await request(t.http).post(`/api/v1/carts/${cartId}/checkout`).send(CHECKOUT).expect(503);
      expect(response.body).toMatchObject({
        code: 'SAGA_UNAVAILABLE',
        message: 'Order processing is unavailable: the saga orchestrator did not answer within 5 s. Try again later.',
      });
    });

    it('answers 503 when the orchestrator answers 2xx with something other than a JSON object', async () => {
      const cartId = await newCart([[1, 1]]);
      orchestrator.answerWith(202, 'accepted');
      const response = await request(t.http).post(`/api/v1/carts/${cartId}/checkout`).send(CHECKOUT).expect(503);
      expect(response.body.code).toBe('SAGA_UNAVAILABLE');
    });

    it("answers 422 CHECKOUT_REJECTED with the orchestrator's reason when it refuses the checkout", async () => {
      const cartId = await newCart([[1, 1]]);
      orchestrator.answerWith(409, {
        status_code: 409,
        error: 'Conflict',
        code: 'IDEMPOTENCY_KEY_REUSED',
        message: 'key used with another body',
      });
      const response = await request(t.http).post(`/api/v1/carts/${cartId}/checkout`).send(CHECKOUT).expect(422);
      expect(response.body).toEqual({
        status_code: 422,
        error: 'Unprocessable Entity',
        code: 'CHECKOUT_REJECTED',
        message: 'Order processing refused the checkout with 409 IDEMPOTENCY_KEY_REUSED: key used with another body',
      });
    });

    it('answers 422 CART_EMPTY for an empty cart, without calling the orchestrator', async () => {
      const cartId = await newCart();
      const response = await request(t.http).post(`/api/v1/carts/${cartId}/checkout`).send(CHECKOUT).expect(422);
      expect(response.body).toEqual({
        status_code: 422,
        error: 'Unprocessable Entity',
        code: 'CART_EMPTY',
        message: `Cart ${cartId} is empty: add lines before checking out`,
      });
      expect(orchestrator.received).toEqual([]);
    });

    it('answers 422 when a product in the cart is no longer sold, without calling the orchestrator', async () => {
      const cartId = await newCart([
        [1, 1],
        [2, 1],
      ]);
      await setPrice(2, { active: false });
      const response = await request(t.http).post(`/api/v1/carts/${cartId}/checkout`).send(CHECKOUT).expect(422);
      await setPrice(2, { active: true });
      expect(response.body).toMatchObject({ code: 'INACTIVE_PRODUCT', message: 'Product 2 is no longer sold' });
      expect(orchestrator.received).toEqual([]);
    });

    it('answers 404 for an unknown cart', async () => {
      const response = await request(t.http).post('/api/v1/carts/99999/checkout').send(CHECKOUT).expect(404);
      expect(response.body.code).toBe('CART_NOT_FOUND');
    });

    it.each([
      { case: 'no shipping address', body: { ...CHECKOUT, shipping_address: undefined }, fields: ['shipping_address'] },
      {
        case: 'a shipping address that is a string',
        body: { ...CHECKOUT, shipping_address: '12 rue de la Paix' },
        fields: ['shipping_address'],
      },
      {
        case: 'a billing country of three letters',
        body: { ...CHECKOUT, billing_address: { ...BILLING, country: 'FRA' } },
        fields: ['billing_address.country'],
      },
      {
        case: 'a billing address without a city',
        body: { ...CHECKOUT, billing_address: { ...BILLING, city: undefined } },
        fields: ['billing_address.city'],
      },
      { case: 'an unknown payment method', body: { ...CHECKOUT, payment_method: 'bitcoin' }, fields: ['payment_method'] },
      { case: 'a total from the client', body: { ...CHECKOUT, total: '0.01' }, fields: ['total'] },
    ])('rejects $case naming the field, without calling the orchestrator', async ({ body, fields }) => {
      const cartId = await newCart([[1, 1]]);
      const response = await request(t.http).post(`/api/v1/carts/${cartId}/checkout`).send(body).expect(400);
      expect(fieldsOf(response.body)).toEqual(fields);
      expect(orchestrator.received).toEqual([]);
    });
  });
});

describe('Checkout while the saga orchestrator is down', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(ecommerceService, { env: { SAGA_ORCHESTRATOR_URL: `http://127.0.0.1:${await freePort()}` } });
    await givenCatalogue(t.dataSource, [{ price: '1.20' }]);
  });

  afterAll(() => t.close());

  it('answers 503 SAGA_UNAVAILABLE with a clear message', async () => {
    const customer = await givenCustomer(t.dataSource);
    const cart = await request(t.http).post('/api/v1/carts').send({ customer_id: customer.id }).expect(201);
    await request(t.http)
      .put(`/api/v1/carts/${cart.body.id}`)
      .send({ lines: [{ product_id: 1, quantity: 1 }] })
      .expect(200);
    const response = await request(t.http).post(`/api/v1/carts/${cart.body.id}/checkout`).send(CHECKOUT).expect(503);
    expect(response.body).toEqual({
      status_code: 503,
      error: 'Service Unavailable',
      code: 'SAGA_UNAVAILABLE',
      message: 'Order processing is unavailable: the saga orchestrator could not be reached (ECONNREFUSED). Try again later.',
    });
  });
});
