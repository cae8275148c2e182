import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';

interface SagaResult {
  saga_id: string;
  status: 'COMPLETED' | 'COMPENSATED' | 'FAILED';
  failure_reason?: string;
  order_id?: number;
  payment_id?: number;
}
interface Line {
  product_id: number;
  quantity: number;
}
interface Peer {
  runSaga(request: Record<string, unknown>, options?: { workflowID?: string }): Promise<SagaResult>;
  stop(): Promise<void>;
}
interface Reply {
  outcome: string;
  reason?: string;
}

const { openPeer, inventory } = require('../peers/dbos-order-saga.js') as {
  openPeer: (options: { databaseUrl: string; poolSize?: number; products?: number; stock?: number }) => Promise<Peer>;
  inventory: {
    reserve: (key: string, holder: string, lines: Line[]) => Promise<Reply>;
    release: (key: string, reservationKey: string) => Promise<Reply>;
  };
};
const { orderBody } = require('../scenarios/data.js') as {
  orderBody: (lines: Line[], paymentMethod: string) => Record<string, unknown>;
};

const WAREHOUSE = 1;

/** The benchmark's peer is only fair if it keeps the system's rules: those of ADR 5 and ADR 8, checked on PostgreSQL. */
describe('DBOS order-saga peer (peers/dbos-order-saga.js)', () => {
  const serverUrl = process.env.TEST_DATABASE_SERVER_URL!;
  const name = `dbos_peer_t${process.env.TEST_RUN_ID ?? 'local'}_${randomBytes(4).toString('hex')}`;
  const urlOf = (database: string) => Object.assign(new URL(serverUrl), { pathname: `/${database}` }).toString();
  let peer: Peer;
  let db: Client;

  const order = (customer: number, lines: Line[], paymentMethod = 'credit_card') => ({
    customer_id: customer,
    ...orderBody(lines, paymentMethod),
  });
  const setStock = (product: number, onHand: number) =>
    db.query('UPDATE stock_levels SET on_hand = $2, reserved = 0 WHERE product_id = $1 AND location_id = $3', [
      product,
      onHand,
      WAREHOUSE,
    ]);
  const stockOf = async (product: number) =>
    (
      await db.query<{ on_hand: number; reserved: number }>(
        'SELECT on_hand, reserved FROM stock_levels WHERE product_id = $1 AND location_id = $2',
        [product, WAREHOUSE],
      )
    ).rows[0];
  const one = async (sql: string, values: unknown[]) => (await db.query(sql, values)).rows[0];

  beforeAll(async () => {
    peer = await openPeer({ databaseUrl: urlOf(name), poolSize: 5, products: 10, stock: 1000 });
    db = new Client({ connectionString: urlOf(name) });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await peer?.stop();
    const admin = new Client({ connectionString: urlOf('postgres') });
    await admin.connect();
    // DBOS closes its last connections a moment after shutdown resolves: dropped under them, they log an error.
    for (let waited = 0; waited < 2000; waited += 50) {
      const { rowCount } = await admin.query('SELECT 1 FROM pg_stat_activity WHERE datname = $1', [name]);
      if (rowCount === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  });

  it('completes an order: units leave on hand and reserved, order confirmed and shipped, payment completed', async () => {
    await setStock(1, 10);
    await setStock(2, 10);
    const saga = await peer.runSaga(
      order(123, [
        { product_id: 2, quantity: 1 },
        { product_id: 1, quantity: 2 },
        { product_id: 2, quantity: 1 },
      ]),
    );
    expect(saga).toMatchObject({ status: 'COMPLETED', order_id: expect.any(Number), payment_id: expect.any(Number) });
    expect(await stockOf(1)).toEqual({ on_hand: 8, reserved: 0 });
    expect(await stockOf(2)).toEqual({ on_hand: 8, reserved: 0 });
    const placed = await one('SELECT status, total FROM orders WHERE id = $1', [saga.order_id]);
    const prices = await db.query<{ price: string }>('SELECT price FROM products WHERE id IN (1, 2) ORDER BY id');
    const total = 2 * Number(prices.rows[0].price) + 2 * Number(prices.rows[1].price);
    expect(placed).toEqual({ status: 'CONFIRMED', total: total.toFixed(2) });
    expect(await one('SELECT status, amount FROM payments WHERE order_id = $1', [saga.order_id])).toEqual({
      status: 'COMPLETED',
      amount: total.toFixed(2),
    });
    expect(await one('SELECT status FROM shipments WHERE order_id = $1', [saga.order_id])).toEqual({ status: 'PREPARING' });
    expect(await one('SELECT status FROM reservations WHERE reservation_key = $1', [`${saga.saga_id}:RESERVE_STOCK`])).toEqual({
      status: 'COMMITTED',
    });
    // Every step was checkpointed by DBOS.
    const steps = await db.query(
      'SELECT function_name FROM dbos.operation_outputs WHERE workflow_uuid = $1 ORDER BY function_id',
      [saga.saga_id],
    );
    expect(steps.rows.map((row) => row.function_name)).toEqual([
      'CHECK_STOCK',
      'RESERVE_STOCK',
      'CREATE_ORDER',
      'PROCESS_PAYMENT',
      'CONFIRM_ORDER',
    ]);
  });

  it('reserves all lines or none: a short second line leaves the first one untouched', async () => {
    await setStock(3, 5);
    await setStock(4, 1);
    const reply = await inventory.reserve(`${randomUUID()}:RESERVE_STOCK`, 'test', [
      { product_id: 4, quantity: 2 },
      { product_id: 3, quantity: 1 },
    ]);
    expect(reply).toMatchObject({
      outcome: 'REJECTED',
      reason: 'INSUFFICIENT_STOCK',
      lines: [
        { product_id: 3, requested: 1, available: 5 },
        { product_id: 4, requested: 2, available: 1 },
      ],
    });
    expect(await stockOf(3)).toEqual({ on_hand: 5, reserved: 0 });
    expect(await stockOf(4)).toEqual({ on_hand: 1, reserved: 0 });
  });

  it('never oversells: 150 concurrent reservations of 40 units, and 150 concurrent two-line sagas', async () => {
    await setStock(5, 40);
    const replies = await Promise.all(
      Array.from({ length: 150 }, () =>
        inventory.reserve(`${randomUUID()}:RESERVE_STOCK`, 'test', [{ product_id: 5, quantity: 1 }]),
      ),
    );
    expect(replies.filter((reply) => reply.outcome === 'RESERVED')).toHaveLength(40);
    expect(replies.filter((reply) => reply.outcome !== 'RESERVED').every((reply) => reply.reason === 'INSUFFICIENT_STOCK')).toBe(
      true,
    );
    expect(await stockOf(5)).toEqual({ on_hand: 40, reserved: 40 });

    await setStock(6, 40);
    await setStock(7, 40);
    const sagas = await Promise.all(
      Array.from({ length: 150 }, () =>
        peer.runSaga(
          order(1, [
            { product_id: 6, quantity: 1 },
            { product_id: 7, quantity: 1 },
          ]),
        ),
      ),
    );
    const refused = sagas.filter((saga) => saga.status !== 'COMPLETED');
    expect(sagas.length - refused.length).toBe(40);
    for (const saga of refused) {
      expect(saga.status).toBe('COMPENSATED');
      expect(saga.failure_reason).toMatch(/^(CHECK_STOCK|RESERVE_STOCK): INSUFFICIENT_STOCK/);
    }
    expect(await stockOf(6)).toEqual({ on_hand: 0, reserved: 0 });
    expect(await stockOf(7)).toEqual({ on_hand: 0, reserved: 0 });
  });

  it('compensates a declined payment: the stock comes back, the order is cancelled, nothing is charged', async () => {
    await setStock(8, 10);
    const saga = await peer.runSaga(order(2, [{ product_id: 8, quantity: 3 }], 'declined_card'));
    expect(saga).toMatchObject({ status: 'COMPENSATED', failure_reason: 'PROCESS_PAYMENT: CARD_DECLINED' });
    expect(await stockOf(8)).toEqual({ on_hand: 10, reserved: 0 });
    expect(await one('SELECT status, cancel_reason FROM orders WHERE id = $1', [saga.order_id])).toEqual({
      status: 'CANCELLED',
      cancel_reason: 'PROCESS_PAYMENT: CARD_DECLINED',
    });
    expect(await one('SELECT status, decline_reason FROM payments WHERE order_id = $1', [saga.order_id])).toEqual({
      status: 'DECLINED',
      decline_reason: 'CARD_DECLINED',
    });
    expect(await one('SELECT status FROM reservations WHERE reservation_key = $1', [`${saga.saga_id}:RESERVE_STOCK`])).toEqual({
      status: 'RELEASED',
    });
  });

  it('declines an amount over the limit and releases the stock of an unknown customer', async () => {
    await setStock(9, 100_000);
    const overLimit = await peer.runSaga(order(3, [{ product_id: 9, quantity: 99_999 }]));
    expect(overLimit).toMatchObject({ status: 'COMPENSATED', failure_reason: 'PROCESS_PAYMENT: AMOUNT_OVER_LIMIT' });
    const unknown = await peer.runSaga(order(99999, [{ product_id: 9, quantity: 1 }]));
    expect(unknown).toMatchObject({ status: 'COMPENSATED', failure_reason: 'CREATE_ORDER: UNKNOWN_CUSTOMER' });
    expect(unknown.order_id).toBeUndefined();
    expect(await stockOf(9)).toEqual({ on_hand: 100_000, reserved: 0 });
  });

  it('runs a workflow id once, answers a repeated command with its first reply, refuses a reserve after its release', async () => {
    await setStock(10, 10);
    const workflowID = randomUUID();
    const first = await peer.runSaga(order(4, [{ product_id: 10, quantity: 1 }]), { workflowID });
    const again = await peer.runSaga(order(4, [{ product_id: 10, quantity: 1 }]), { workflowID });
    expect(again).toEqual(first);
    expect(await stockOf(10)).toEqual({ on_hand: 9, reserved: 0 });

    const key = `${randomUUID()}:RESERVE_STOCK`;
    const reserved = await inventory.reserve(key, 'test', [{ product_id: 10, quantity: 2 }]);
    expect(await inventory.reserve(key, 'test', [{ product_id: 10, quantity: 2 }])).toEqual(reserved);
    expect(await stockOf(10)).toEqual({ on_hand: 9, reserved: 2 });

    const late = randomUUID();
    expect(await inventory.release(`${late}:RELEASE_STOCK`, `${late}:RESERVE_STOCK`)).toEqual({ outcome: 'NOT_FOUND' });
    expect(await inventory.reserve(`${late}:RESERVE_STOCK`, 'test', [{ product_id: 10, quantity: 1 }])).toMatchObject({
      outcome: 'REJECTED',
      reason: 'CANCELLED',
    });
    expect(await stockOf(10)).toEqual({ on_hand: 9, reserved: 2 });
  });
});
