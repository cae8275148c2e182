// A PEER FOR THE BENCHMARK, NOT PART OF THE PRODUCT. `npm run bench:peers` (load-tests/peers-bench.mjs) runs it beside
// the system's own order saga (apps/saga-orchestrator) to say how this system stands against DBOS Transact
// (@dbos-inc/dbos-sdk), a library users pick for durable workflows on plain PostgreSQL (issue 19, item 5).
//
// The order saga as one DBOS workflow, in this process, on its own database (tables below) of a PostgreSQL server.
//
// What it does alike (the business work of inventory's reservations, ecommerce's orders and payments, the saga):
// - The same steps in the same order: CHECK_STOCK (read), RESERVE_STOCK, CREATE_ORDER, PROCESS_PAYMENT (the pivot),
//   CONFIRM_ORDER (commit the reservation, then confirm the order and create its shipment: two transactions, as
//   ours makes two participant calls), and on a refusal the compensations of the steps that had an effect, in
//   reverse: REFUND_PAYMENT, CANCEL_ORDER, RELEASE_STOCK. A refused step is not undone (it had no effect); a refusal
//   past payment, or of a compensation, ends in FAILED. The ending is COMPLETED, COMPENSATED or FAILED, as ours.
// - The same locking rules (ADR 5): a reservation is all lines or none in one transaction; lines merged per product
//   and taken in product order; each line `UPDATE stock_levels … WHERE on_hand - reserved >= $q` at READ COMMITTED;
//   CHECK (on_hand >= 0 AND reserved >= 0 AND reserved <= on_hand) as the last guard. Commit and release take units
//   off with `reserved >= $q` conditions; reservation, order and payment rows are locked (FOR UPDATE) before a change.
// - The same idempotency (ADR 5, ADR 8): every command carries `{workflow id}:{STEP}` as its key and stores its first
//   reply in `processed_commands` in the same transaction as its effect (a refusal after the rollback); a repeated key
//   answers the stored reply. A compensation that finds nothing to undo leaves a tombstone under the original key.
// - Orders priced from a products table (unknown or inactive product refused), the customer must exist, one charge
//   per order, the same simulated card processor as apps/ecommerce/src/payments/payment-provider.ts (`declined_card`
//   always declined, an amount above PAYMENT_AMOUNT_LIMIT 10000.00 declined), the payment row written either way.
// - Durable as ours: each step is a DBOS step (DBOS.runStep), checkpointed in DBOS's system tables once it has
//   returned; a workflow interrupted by a crash is resumed by DBOS from its last checkpoint (DBOS.launch recovers
//   this executor's pending workflows), and its steps' idempotency keys make a step re-run after a crash harmless.
//   Steps, not DBOS transactions: a step's checkpoint is written after its own transaction has committed, as ours
//   records a participant's reply after the participant committed (@dbos-inc/postgres-datasource would commit the two
//   together, but brings a second PostgreSQL driver, postgres.js). Repeated statements are prepared (named), as ours.
//
// What it does not do alike (each makes the peer's work lighter than ours):
// - One process, no network hop: no HTTP API (ours: POST the order, long-poll its saga), no NATS between orchestrator
//   and participants, no gateway, no JSON (de)serialisation of commands and replies between services.
// - One database for everything (app tables and DBOS's `dbos` schema): ours has one per service, each with its own
//   pool (DATABASE_POOL_SIZE 10 each); the peer has one app pool (10 by default) and DBOS's system pool (10).
// - No outbox events (ours records inventory.stock.changed, ecommerce.order.confirmed/cancelled,
//   ecommerce.payment.completed/refunded in the same transactions), no metrics, no logs per step.
// - No saga state row of its own and no saga_log: DBOS's workflow_status and operation_outputs rows are its record.
// - No lease, no fencing version, no second instance taking over a saga (DBOS recovers only this executor's own
//   workflows here), no deadline, no reservation sweeper (expires_at is written, nothing acts on it), no query of a
//   participant after a timeout (there is no timeout to have: a step that throws is retried by DBOS, 3 attempts,
//   then the saga compensates as ours does after SAGA_MAX_ATTEMPTS transport failures). Past payment, confirm is
//   retried 10 times and then ends in FAILED (ours retries it without limit).
// - No Idempotency-Key per customer on the saga's start: the workflow id is the key (DBOS runs a workflow id once).
import { DBOS } from '@dbos-inc/dbos-sdk';
import pg from 'pg';
import { CUSTOMERS, PRODUCT_COUNT, STOCK_TOP_UP, STORE_LOCATIONS, WAREHOUSE_LOCATION } from '../scenarios/data.js';

/** apps/ecommerce PAYMENT_AMOUNT_LIMIT's default. */
const PAYMENT_AMOUNT_LIMIT = '10000.00';
/** As the order saga asks: SAGA_DEADLINE_SECONDS (120) + 300. */
const RESERVATION_TTL_SECONDS = 120 + 300;
/** Default name of the peer's database, on whatever server it is given. */
export const PEER_DATABASE = 'dbos_order_saga_peer';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS locations (
  id int PRIMARY KEY, type varchar(16) NOT NULL);
CREATE TABLE IF NOT EXISTS products (
  id int PRIMARY KEY, price numeric(12,2) NOT NULL, active boolean NOT NULL DEFAULT true);
CREATE TABLE IF NOT EXISTS customers (id int PRIMARY KEY);
CREATE TABLE IF NOT EXISTS stock_levels (
  product_id int NOT NULL REFERENCES products, location_id int NOT NULL REFERENCES locations,
  on_hand int NOT NULL DEFAULT 0, reserved int NOT NULL DEFAULT 0, version int NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (product_id, location_id),
  CONSTRAINT stock_levels_guard CHECK (on_hand >= 0 AND reserved >= 0 AND reserved <= on_hand));
CREATE TABLE IF NOT EXISTS reservations (
  id serial PRIMARY KEY, reservation_key varchar(200) NOT NULL UNIQUE, holder varchar(200) NOT NULL,
  location_id int NOT NULL REFERENCES locations, status varchar(16) NOT NULL, expires_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE IF NOT EXISTS reservation_lines (
  id serial PRIMARY KEY, reservation_id int NOT NULL REFERENCES reservations, product_id int NOT NULL,
  quantity int NOT NULL);
CREATE INDEX IF NOT EXISTS reservation_lines_reservation ON reservation_lines (reservation_id);
CREATE TABLE IF NOT EXISTS orders (
  id serial PRIMARY KEY, order_key varchar(200) NOT NULL UNIQUE, saga_id varchar(200) NOT NULL,
  customer_id int NOT NULL REFERENCES customers, status varchar(16) NOT NULL, total numeric(14,2) NOT NULL,
  payment_method varchar(20) NOT NULL, shipping_address jsonb NOT NULL, billing_address jsonb NOT NULL,
  cancel_reason text, created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE IF NOT EXISTS order_lines (
  order_id int NOT NULL REFERENCES orders, product_id int NOT NULL, quantity int NOT NULL,
  unit_price numeric(12,2) NOT NULL, line_total numeric(14,2) NOT NULL, PRIMARY KEY (order_id, product_id));
CREATE TABLE IF NOT EXISTS payments (
  id serial PRIMARY KEY, payment_key varchar(200) NOT NULL UNIQUE, order_id int NOT NULL UNIQUE REFERENCES orders,
  amount numeric(14,2) NOT NULL, method varchar(20) NOT NULL, status varchar(16) NOT NULL,
  decline_reason varchar(32), refunded_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE IF NOT EXISTS shipments (
  id serial PRIMARY KEY, order_id int NOT NULL UNIQUE REFERENCES orders, status varchar(16) NOT NULL,
  tracking_number varchar(32) NOT NULL UNIQUE, shipping_address jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now());
-- One table for the two participants' processed commands (ours: one per service's database).
CREATE TABLE IF NOT EXISTS processed_commands (
  participant varchar(16) NOT NULL, idempotency_key varchar(200) NOT NULL, pattern varchar(100) NOT NULL,
  result jsonb NOT NULL, created_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (participant, idempotency_key));
`;

// ---------------------------------------------------------------------------------------------------------------
// Money, as libs/contracts/src/money.ts: amounts are strings, arithmetic in cents.

function cents(amount) {
  const negative = amount.startsWith('-');
  const [units, fraction = ''] = (negative ? amount.slice(1) : amount).split('.');
  const value = BigInt(units) * 100n + BigInt(fraction.padEnd(2, '0').slice(0, 2));
  return negative ? -value : value;
}

function money(amountInCents) {
  const sign = amountInCents < 0n ? '-' : '';
  const absolute = amountInCents < 0n ? -amountInCents : amountInCents;
  return `${sign}${absolute / 100n}.${(absolute % 100n).toString().padStart(2, '0')}`;
}

/** Repeated products added up, sorted by product: the order rows are locked in (libs/contracts mergeLinesByProduct). */
function mergeLinesByProduct(lines) {
  const merged = new Map();
  for (const { product_id, quantity } of lines) merged.set(product_id, (merged.get(product_id) ?? 0) + quantity);
  return [...merged].map(([product_id, quantity]) => ({ product_id, quantity })).sort((a, b) => a.product_id - b.product_id);
}

/** The simulated card processor of apps/ecommerce/src/payments/payment-provider.ts. */
function charge(amount, method) {
  if (method === 'declined_card') return { status: 'DECLINED', reason: 'CARD_DECLINED' };
  if (cents(amount) > cents(PAYMENT_AMOUNT_LIMIT)) return { status: 'DECLINED', reason: 'AMOUNT_OVER_LIMIT' };
  return { status: 'COMPLETED' };
}

// ---------------------------------------------------------------------------------------------------------------
// The participants' commands: each one transaction on the peer's pool, its first reply kept under its key.

let pool;

/** A named (prepared) statement: PostgreSQL parses and plans it once per connection, as ours does. */
const statement = (name, text) => (client, values) => client.query({ name, text, values });

const SQL = {
  recordReply: statement(
    'record_reply',
    'INSERT INTO processed_commands (participant, idempotency_key, pattern, result) VALUES ($1, $2, $3, $4)',
  ),
  recordIfAbsent: statement(
    'record_if_absent',
    `INSERT INTO processed_commands (participant, idempotency_key, pattern, result) VALUES ($1, $2, $3, $4)
     ON CONFLICT DO NOTHING RETURNING idempotency_key`,
  ),
  replyTo: statement('reply_to', 'SELECT result FROM processed_commands WHERE participant = $1 AND idempotency_key = $2'),
  stockAt: statement(
    'stock_at',
    `SELECT location.id AS location_id, stock.product_id, stock.on_hand - stock.reserved AS available
       FROM (SELECT id FROM locations WHERE type = 'WAREHOUSE' ORDER BY id LIMIT 1) location
       LEFT JOIN stock_levels stock ON stock.location_id = location.id AND stock.product_id = ANY($1::int[])`,
  ),
  reservableAt: statement(
    'reservable_at',
    `SELECT location.id AS location_id, product.id AS product_id, product.active
       FROM (SELECT id FROM locations WHERE type = 'WAREHOUSE' ORDER BY id LIMIT 1) location
       LEFT JOIN products product ON product.id = ANY($1::int[])`,
  ),
  insertReservation: statement(
    'insert_reservation',
    `WITH reservation AS (
       INSERT INTO reservations (reservation_key, holder, location_id, status, expires_at)
       VALUES ($1, $2, $3, 'ACTIVE', $4) RETURNING id)
     INSERT INTO reservation_lines (reservation_id, product_id, quantity)
     SELECT reservation.id, line.product_id, line.quantity
       FROM reservation, unnest($5::int[], $6::int[]) AS line(product_id, quantity)
     RETURNING reservation_id`,
  ),
  reserve: statement(
    'reserve',
    `UPDATE stock_levels SET reserved = reserved + $3, version = version + 1, updated_at = now()
      WHERE product_id = $1 AND location_id = $2 AND on_hand - reserved >= $3 RETURNING product_id`,
  ),
  unreserve: statement(
    'unreserve',
    `UPDATE stock_levels SET reserved = reserved - $3, version = version + 1, updated_at = now()
      WHERE product_id = $1 AND location_id = $2 AND reserved >= $3 RETURNING product_id`,
  ),
  consumeReserved: statement(
    'consume_reserved',
    `UPDATE stock_levels SET reserved = reserved - $3, on_hand = on_hand - $3, version = version + 1, updated_at = now()
      WHERE product_id = $1 AND location_id = $2 AND reserved >= $3 RETURNING product_id`,
  ),
  availability: statement(
    'availability',
    'SELECT product_id, on_hand - reserved AS available FROM stock_levels WHERE location_id = $1 AND product_id = ANY($2::int[])',
  ),
  lockReservation: statement(
    'lock_reservation',
    `SELECT reservation.id, reservation.location_id, reservation.status,
            (SELECT json_agg(json_build_object('product_id', line.product_id, 'quantity', line.quantity) ORDER BY line.product_id)
               FROM reservation_lines line WHERE line.reservation_id = reservation.id) AS lines
       FROM reservations reservation WHERE reservation.reservation_key = $1 FOR UPDATE`,
  ),
  setReservationStatus: statement(
    'set_reservation_status',
    'UPDATE reservations SET status = $2, updated_at = now() WHERE id = $1',
  ),
  customerExists: statement('customer_exists', 'SELECT 1 FROM customers WHERE id = $1'),
  productsById: statement('products_by_id', 'SELECT id, price, active FROM products WHERE id = ANY($1::int[])'),
  insertOrder: statement(
    'insert_order',
    `INSERT INTO orders (order_key, saga_id, customer_id, status, total, payment_method, shipping_address, billing_address)
     VALUES ($1, $2, $3, 'PENDING', $4, $5, $6, $7) RETURNING id`,
  ),
  insertOrderLines: statement(
    'insert_order_lines',
    `INSERT INTO order_lines (order_id, product_id, quantity, unit_price, line_total)
     SELECT $1, * FROM unnest($2::int[], $3::int[], $4::numeric[], $5::numeric[])`,
  ),
  lockOrder: statement(
    'lock_order',
    'SELECT id, status, total, payment_method, shipping_address FROM orders WHERE order_key = $1 FOR UPDATE',
  ),
  setOrderStatus: statement(
    'set_order_status',
    'UPDATE orders SET status = $2, cancel_reason = COALESCE($3, cancel_reason), updated_at = now() WHERE id = $1',
  ),
  paymentExists: statement('payment_exists', 'SELECT 1 FROM payments WHERE order_id = $1'),
  insertPayment: statement(
    'insert_payment',
    `INSERT INTO payments (payment_key, order_id, amount, method, status, decline_reason)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
  ),
  lockPayment: statement('lock_payment', 'SELECT id, order_id, status FROM payments WHERE payment_key = $1 FOR UPDATE'),
  refundPayment: statement(
    'refund_payment',
    `UPDATE payments SET status = 'REFUNDED', refunded_at = now(), updated_at = now() WHERE id = $1`,
  ),
  insertShipment: statement(
    'insert_shipment',
    `INSERT INTO shipments (order_id, status, tracking_number, shipping_address) VALUES ($1, 'PREPARING', $2, $3)`,
  ),
};

/** Thrown inside once() to roll back while still answering (and remembering) a reply worked out afterwards. */
class RollbackWith {
  constructor(reply) {
    this.reply = reply;
  }
}

const UNIQUE_VIOLATION = '23505';

/** libs/persistence IdempotentCommands.once: the work and its reply in one transaction; a repeated key, the stored reply. */
async function once(participant, key, pattern, work) {
  const client = await pool.connect();
  let rollback;
  let failure;
  let broken;
  try {
    await client.query('BEGIN');
    const reply = await work(client);
    await SQL.recordReply(client, [participant, key, pattern, JSON.stringify(reply)]);
    await client.query('COMMIT');
    return reply;
  } catch (error) {
    if (error instanceof RollbackWith) rollback = error;
    else failure = error;
    // A connection whose ROLLBACK fails is in an unknown state: it is not given back to the pool.
    await client.query('ROLLBACK').catch((rollbackError) => (broken = rollbackError));
  } finally {
    client.release(broken);
  }
  if (rollback) {
    const reply = await rollback.reply();
    const { rowCount } = await SQL.recordIfAbsent(pool, [participant, key, pattern, JSON.stringify(reply)]);
    return rowCount > 0 ? reply : replyTo(participant, key);
  }
  // The command ran before (or at the same time and committed first): answer as it did.
  if (failure.code === UNIQUE_VIOLATION) {
    const stored = await replyTo(participant, key);
    if (stored !== undefined) return stored;
  }
  throw failure;
}

async function replyTo(participant, key, client = pool) {
  const { rows } = await SQL.replyTo(client, [participant, key]);
  return rows[0]?.result;
}

/**
 * The record a compensation acts on, locked; when there is none, `refusal` is recorded as the reply of the command
 * that would have made it, so that command, arriving after its compensation, is refused (a tombstone).
 */
async function lockOrForbid(client, participant, key, pattern, refusal, lock) {
  const existing = await lock(client, key);
  if (existing) return existing;
  const { rowCount } = await SQL.recordIfAbsent(client, [participant, key, pattern, JSON.stringify(refusal)]);
  return rowCount > 0 ? null : lock(client, key);
}

async function lockReservation(client, key) {
  const { rows } = await SQL.lockReservation(client, [key]);
  return rows[0] ?? null;
}

async function lockOrder(client, key) {
  const { rows } = await SQL.lockOrder(client, [key]);
  return rows[0] ?? null;
}

async function lockPayment(client, key) {
  const { rows } = await SQL.lockPayment(client, [key]);
  return rows[0] ?? null;
}

async function mustChange(query, client, values) {
  const { rowCount } = await query(client, values);
  if (rowCount !== 1) throw new Error(`stock level of product ${values[0]} at location ${values[1]} could not change`);
}

/**
 * Inventory's commands (apps/inventory/src/reservations/reservations.service.ts); exported for
 * load-tests/test/dbos-peer.e2e-spec.ts, which checks their rules one by one.
 * @public
 */
export const inventory = {
  async check(lines) {
    const requested = mergeLinesByProduct(lines);
    const { rows } = await SQL.stockAt(pool, [requested.map((line) => line.product_id)]);
    const available = new Map(rows.filter((row) => row.product_id !== null).map((row) => [row.product_id, row.available]));
    return requested.map((line) => ({
      product_id: line.product_id,
      requested: line.quantity,
      available: available.get(line.product_id) ?? 0,
    }));
  },

  reserve(key, holder, requestedLines, ttlSeconds = RESERVATION_TTL_SECONDS) {
    const lines = mergeLinesByProduct(requestedLines);
    const productIds = lines.map((line) => line.product_id);
    return once('inventory', key, 'inventory.stock.reserve', async (client) => {
      const { rows } = await SQL.reservableAt(client, [productIds]);
      const known = rows.filter((row) => row.product_id !== null);
      const refusal =
        rows.length === 0
          ? 'UNKNOWN_LOCATION'
          : known.length < lines.length
            ? 'UNKNOWN_PRODUCT'
            : known.some((row) => !row.active)
              ? 'INACTIVE_PRODUCT'
              : undefined;
      if (refusal) throw new RollbackWith(async () => ({ outcome: 'REJECTED', reason: refusal, lines: [] }));
      const locationId = rows[0].location_id;
      // The reservation first: the stock updates below lock the product rows until the commit.
      const expiresAt = new Date(Date.now() + ttlSeconds * 1000);
      const inserted = await SQL.insertReservation(client, [
        key,
        holder,
        locationId,
        expiresAt,
        productIds,
        lines.map((line) => line.quantity),
      ]);
      for (const line of lines) {
        const { rowCount } = await SQL.reserve(client, [line.product_id, locationId, line.quantity]);
        if (rowCount === 0) {
          throw new RollbackWith(async () => {
            const levels = await SQL.availability(pool, [locationId, productIds]);
            const available = new Map(levels.rows.map((level) => [level.product_id, level.available]));
            return {
              outcome: 'REJECTED',
              reason: 'INSUFFICIENT_STOCK',
              lines: lines.map((l) => ({
                product_id: l.product_id,
                requested: l.quantity,
                available: available.get(l.product_id) ?? 0,
              })),
            };
          });
        }
      }
      return { outcome: 'RESERVED', reservation: { reservation_id: inserted.rows[0].reservation_id, reservation_key: key } };
    });
  },

  release(key, reservationKey) {
    return once('inventory', key, 'inventory.stock.release', async (client) => {
      const cancelled = { outcome: 'REJECTED', reason: 'CANCELLED', lines: [] };
      const reservation = await lockOrForbid(
        client,
        'inventory',
        reservationKey,
        'inventory.stock.reserve',
        cancelled,
        lockReservation,
      );
      if (!reservation) return { outcome: 'NOT_FOUND' };
      switch (reservation.status) {
        case 'ACTIVE':
          await SQL.setReservationStatus(client, [reservation.id, 'RELEASED']);
          for (const line of reservation.lines) {
            await mustChange(SQL.unreserve, client, [line.product_id, reservation.location_id, line.quantity]);
          }
          return { outcome: 'RELEASED' };
        case 'RELEASED':
        case 'EXPIRED':
          return { outcome: 'ALREADY_RELEASED' };
        default:
          return { outcome: 'REJECTED', reason: 'RESERVATION_COMMITTED' };
      }
    });
  },

  commit(key, reservationKey) {
    return once('inventory', key, 'inventory.reservation.commit', async (client) => {
      const reservation = await lockReservation(client, reservationKey);
      if (!reservation) return { outcome: 'NOT_FOUND' };
      switch (reservation.status) {
        case 'ACTIVE':
          await SQL.setReservationStatus(client, [reservation.id, 'COMMITTED']);
          for (const line of reservation.lines) {
            await mustChange(SQL.consumeReserved, client, [line.product_id, reservation.location_id, line.quantity]);
          }
          return { outcome: 'COMMITTED' };
        case 'COMMITTED':
          return { outcome: 'ALREADY_COMMITTED' };
        default:
          return { outcome: 'REJECTED', reason: 'RESERVATION_RELEASED' };
      }
    });
  },
};

/** Ecommerce's commands (apps/ecommerce/src/orders/order-commands.service.ts, payments/payment-commands.service.ts). */
const ecommerce = {
  createOrder(key, sagaId, request) {
    return once('ecommerce', key, 'ecommerce.order.create', async (client) => {
      if ((await SQL.customerExists(client, [request.customer_id])).rowCount === 0) {
        return { outcome: 'REJECTED', reason: 'UNKNOWN_CUSTOMER' };
      }
      const lines = mergeLinesByProduct(request.products);
      const { rows } = await SQL.productsById(client, [lines.map((line) => line.product_id)]);
      const byId = new Map(rows.map((product) => [product.id, product]));
      const priced = [];
      let total = 0n;
      for (const line of lines) {
        const product = byId.get(line.product_id);
        if (!product) return { outcome: 'REJECTED', reason: 'UNKNOWN_PRODUCT' };
        if (!product.active) return { outcome: 'REJECTED', reason: 'INACTIVE_PRODUCT' };
        const lineTotal = cents(product.price) * BigInt(line.quantity);
        total += lineTotal;
        priced.push({ ...line, unit_price: product.price, line_total: money(lineTotal) });
      }
      const order = await SQL.insertOrder(client, [
        key,
        sagaId,
        request.customer_id,
        money(total),
        request.payment_method,
        JSON.stringify(request.shipping_address),
        JSON.stringify(request.billing_address),
      ]);
      const orderId = order.rows[0].id;
      await SQL.insertOrderLines(client, [
        orderId,
        priced.map((line) => line.product_id),
        priced.map((line) => line.quantity),
        priced.map((line) => line.unit_price),
        priced.map((line) => line.line_total),
      ]);
      return { outcome: 'CREATED', order: { order_id: orderId, total: money(total) } };
    });
  },

  cancelOrder(key, orderKey, reason) {
    return once('ecommerce', key, 'ecommerce.order.cancel', async (client) => {
      const cancelled = { outcome: 'REJECTED', reason: 'CANCELLED' };
      const order = await lockOrForbid(client, 'ecommerce', orderKey, 'ecommerce.order.create', cancelled, lockOrder);
      if (!order) return { outcome: 'NOT_FOUND' };
      switch (order.status) {
        case 'PENDING':
          await SQL.setOrderStatus(client, [order.id, 'CANCELLED', reason]);
          return { outcome: 'CANCELLED' };
        case 'CANCELLED':
          return { outcome: 'ALREADY_CANCELLED' };
        default:
          return { outcome: 'REJECTED', reason: 'ORDER_CONFIRMED' };
      }
    });
  },

  confirmOrder(key, orderKey) {
    return once('ecommerce', key, 'ecommerce.order.confirm', async (client) => {
      const order = await lockOrder(client, orderKey);
      if (!order) return { outcome: 'NOT_FOUND' };
      switch (order.status) {
        case 'PENDING':
          await SQL.setOrderStatus(client, [order.id, 'CONFIRMED', null]);
          await SQL.insertShipment(client, [
            order.id,
            `EC${String(order.id).padStart(10, '0')}`,
            JSON.stringify(order.shipping_address),
          ]);
          return { outcome: 'CONFIRMED' };
        case 'CONFIRMED':
          return { outcome: 'ALREADY_CONFIRMED' };
        default:
          return { outcome: 'REJECTED', reason: 'ORDER_CANCELLED' };
      }
    });
  },

  processPayment(key, orderKey) {
    return once('ecommerce', key, 'ecommerce.payment.process', async (client) => {
      const order = await lockOrder(client, orderKey);
      if (!order) return { outcome: 'REJECTED', reason: 'ORDER_NOT_FOUND' };
      // One charge per order: a payment command under another key must not charge it twice.
      if (order.status !== 'PENDING' || (await SQL.paymentExists(client, [order.id])).rowCount > 0) {
        return { outcome: 'REJECTED', reason: 'ORDER_NOT_PENDING' };
      }
      const result = charge(order.total, order.payment_method);
      const payment = await SQL.insertPayment(client, [
        key,
        order.id,
        order.total,
        order.payment_method,
        result.status,
        result.status === 'DECLINED' ? result.reason : null,
      ]);
      const view = { payment_id: payment.rows[0].id, status: result.status };
      return result.status === 'DECLINED'
        ? { outcome: 'DECLINED', reason: result.reason, payment: view }
        : { outcome: 'COMPLETED', payment: view };
    });
  },

  refundPayment(key, paymentKey) {
    return once('ecommerce', key, 'ecommerce.payment.refund', async (client) => {
      const refused = { outcome: 'REJECTED', reason: 'CANCELLED' };
      const payment = await lockOrForbid(client, 'ecommerce', paymentKey, 'ecommerce.payment.process', refused, lockPayment);
      if (!payment) return { outcome: 'NOT_FOUND' };
      switch (payment.status) {
        case 'COMPLETED':
          await SQL.refundPayment(client, [payment.id]);
          return { outcome: 'REFUNDED' };
        case 'REFUNDED':
          return { outcome: 'ALREADY_REFUNDED' };
        default:
          return { outcome: 'REJECTED', reason: 'PAYMENT_NOT_COMPLETED' };
      }
    });
  },
};

// ---------------------------------------------------------------------------------------------------------------
// The saga: a DBOS workflow whose every participant command is a DBOS step (checkpointed once it has returned).

/** A step that throws (the database unreachable, say) is retried by DBOS; after the last attempt the saga gives up. */
const STEP_RETRIES = { retriesAllowed: true, maxAttempts: 3, intervalSeconds: 0.1, backoffRate: 2 };
/** Past payment the saga only moves forward: confirm is retried for much longer (ours: without limit). */
const PAST_PIVOT_RETRIES = { retriesAllowed: true, maxAttempts: 10, intervalSeconds: 0.1, backoffRate: 1.5 };

const done = (results = {}) => ({ ok: true, ...results });
const refused = (reason) => ({ ok: false, reason });

/** The order saga's steps, in order, as apps/saga-orchestrator/src/sagas/order-saga.ts. */
const STEPS = [
  {
    name: 'CHECK_STOCK',
    async run(saga) {
      const short = (await inventory.check(saga.request.products)).filter((line) => line.available < line.requested);
      return short.length === 0
        ? done()
        : refused(
            `INSUFFICIENT_STOCK: ${short.map((l) => `product ${l.product_id} (${l.requested} wanted, ${l.available} available)`).join(', ')}`,
          );
    },
  },
  {
    name: 'RESERVE_STOCK',
    compensation: 'RELEASE_STOCK',
    async run(saga) {
      const reply = await inventory.reserve(saga.key('RESERVE_STOCK'), saga.id, saga.request.products);
      return reply.outcome === 'RESERVED' ? done() : refused(reply.reason);
    },
  },
  {
    name: 'CREATE_ORDER',
    compensation: 'CANCEL_ORDER',
    async run(saga) {
      const reply = await ecommerce.createOrder(saga.key('CREATE_ORDER'), saga.id, saga.request);
      return reply.outcome === 'CREATED' ? done({ order_id: reply.order.order_id }) : refused(reply.reason);
    },
  },
  {
    name: 'PROCESS_PAYMENT',
    compensation: 'REFUND_PAYMENT',
    pivot: true,
    async run(saga) {
      const reply = await ecommerce.processPayment(saga.key('PROCESS_PAYMENT'), saga.key('CREATE_ORDER'));
      return reply.outcome === 'COMPLETED' ? done({ payment_id: reply.payment.payment_id }) : refused(reply.reason);
    },
  },
  {
    name: 'CONFIRM_ORDER',
    async run(saga) {
      const key = saga.key('CONFIRM_ORDER');
      const stock = await inventory.commit(key, saga.key('RESERVE_STOCK'));
      if (stock.outcome !== 'COMMITTED' && stock.outcome !== 'ALREADY_COMMITTED') {
        return refused(`STOCK_NOT_COMMITTED: ${stock.outcome === 'REJECTED' ? stock.reason : stock.outcome}`);
      }
      const order = await ecommerce.confirmOrder(key, saga.key('CREATE_ORDER'));
      return order.outcome === 'CONFIRMED' || order.outcome === 'ALREADY_CONFIRMED'
        ? done()
        : refused(`ORDER_NOT_CONFIRMED: ${order.outcome === 'REJECTED' ? order.reason : order.outcome}`);
    },
  },
];

const COMPENSATIONS = {
  async RELEASE_STOCK(saga) {
    const reply = await inventory.release(saga.key('RELEASE_STOCK'), saga.key('RESERVE_STOCK'));
    return reply.outcome === 'REJECTED' ? refused(reply.reason) : done();
  },
  async CANCEL_ORDER(saga, reason) {
    const reply = await ecommerce.cancelOrder(saga.key('CANCEL_ORDER'), saga.key('CREATE_ORDER'), reason);
    return reply.outcome === 'REJECTED' ? refused(reply.reason) : done();
  },
  async REFUND_PAYMENT(saga) {
    const reply = await ecommerce.refundPayment(saga.key('REFUND_PAYMENT'), saga.key('PROCESS_PAYMENT'));
    // A payment that was declined charged nothing: there is nothing to give back.
    return reply.outcome === 'REJECTED' && reply.reason !== 'PAYMENT_NOT_COMPLETED' ? refused(reply.reason) : done();
  },
};

const message = (error) => (error instanceof Error ? error.message : String(error));

/**
 * The workflow. Its control flow depends only on the steps' checkpointed results, so DBOS can replay it after a
 * crash: completed steps return their recorded results, and the saga carries on from the first step not recorded.
 */
async function orderSaga(request) {
  const id = DBOS.workflowID;
  const saga = { id, request, key: (step) => `${id}:${step}` };
  const results = {};
  // Steps that may have had an effect, marked before each runs (ours: effective_steps).
  const effective = [];
  let pastPivot = false;
  for (const step of STEPS) {
    if (step.compensation) effective.push(step);
    let outcome;
    try {
      outcome = await DBOS.runStep(() => step.run(saga), { name: step.name, ...(pastPivot ? PAST_PIVOT_RETRIES : STEP_RETRIES) });
    } catch (error) {
      if (pastPivot) return { saga_id: id, status: 'FAILED', failure_reason: `${step.name}: ${message(error)}`, ...results };
      // Gave up: whatever ran may have had an effect, so the failing step is undone too.
      return compensate(saga, effective, `${step.name}: gave up: ${message(error)}`, results);
    }
    if (!outcome.ok) {
      if (pastPivot) {
        return {
          saga_id: id,
          status: 'FAILED',
          failure_reason: `${step.name} refused after payment: ${outcome.reason}`,
          ...results,
        };
      }
      // A refused step had no effect: nothing of it to undo.
      return compensate(
        saga,
        effective.filter((s) => s !== step),
        `${step.name}: ${outcome.reason}`,
        results,
      );
    }
    const { ok: _ok, ...stepResults } = outcome;
    Object.assign(results, stepResults);
    if (step.pivot) pastPivot = true;
  }
  return { saga_id: id, status: 'COMPLETED', ...results };
}

async function compensate(saga, effective, reason, results) {
  for (const step of [...effective].reverse()) {
    let outcome;
    try {
      outcome = await DBOS.runStep(() => COMPENSATIONS[step.compensation](saga, reason), {
        name: step.compensation,
        ...STEP_RETRIES,
      });
    } catch (error) {
      outcome = refused(message(error));
    }
    if (!outcome.ok) {
      return {
        saga_id: saga.id,
        status: 'FAILED',
        failure_reason: `${reason}; ${step.compensation} failed: ${outcome.reason}`,
        ...results,
      };
    }
  }
  return { saga_id: saga.id, status: 'COMPENSATED', failure_reason: reason, ...results };
}

const orderSagaWorkflow = DBOS.registerWorkflow(orderSaga, { name: 'orderSaga' });

// ---------------------------------------------------------------------------------------------------------------
// Setting up, running, stopping.

function withDatabase(url, database) {
  const copy = new URL(url);
  copy.pathname = `/${database}`;
  return copy.toString();
}

async function ensureDatabase(databaseUrl) {
  const name = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
  const admin = new pg.Client({ connectionString: withDatabase(databaseUrl, 'postgres') });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount === 0) {
      await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(name)}`).catch((error) => {
        if (error.code !== '42P04') throw error; // created meanwhile
      });
    }
  } finally {
    await admin.end();
  }
}

/**
 * The peer's tables (created if missing) and its demo data: the warehouse and stores, products 1..`products`
 * (active, priced), the demo customers, and `stock` units on hand of each product at the warehouse, none reserved
 * (as the saga benchmark tops up stock before a run).
 */
async function prepareSchema(databaseUrl, { products, stock }) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    // Another process preparing the same database at once waits here.
    await client.query('SELECT pg_advisory_lock(hashtext($1))', ['dbos-order-saga-peer schema']);
    await client.query(SCHEMA);
    await client.query(
      `INSERT INTO locations (id, type) SELECT id, CASE WHEN id = $1 THEN 'WAREHOUSE' ELSE 'STORE' END
         FROM unnest($2::int[]) AS id ON CONFLICT DO NOTHING`,
      [WAREHOUSE_LOCATION, [WAREHOUSE_LOCATION, ...STORE_LOCATIONS]],
    );
    await client.query(
      `INSERT INTO products (id, price) SELECT id, (5 + (id * 37) % 200) + 0.99 FROM generate_series(1, $1) AS id
       ON CONFLICT DO NOTHING`,
      [products],
    );
    await client.query('INSERT INTO customers (id) SELECT unnest($1::int[]) ON CONFLICT DO NOTHING', [CUSTOMERS]);
    await client.query(
      `INSERT INTO stock_levels (product_id, location_id, on_hand, reserved)
       SELECT id, $2, $3, 0 FROM generate_series(1, $1) AS id
       ON CONFLICT (product_id, location_id) DO UPDATE SET on_hand = $3 + stock_levels.reserved,
         version = stock_levels.version + 1, updated_at = now()`,
      [products, WAREHOUSE_LOCATION, stock],
    );
  } finally {
    await client.end();
  }
}

/**
 * Creates the peer's database if missing, its tables and data, and launches DBOS on it (its system tables in the
 * `dbos` schema of the same database). One peer per process: DBOS is a singleton.
 */
export async function openPeer({
  databaseUrl,
  poolSize = 10,
  systemPoolSize = 10,
  products = PRODUCT_COUNT,
  stock = STOCK_TOP_UP,
}) {
  await ensureDatabase(databaseUrl);
  await prepareSchema(databaseUrl, { products, stock });
  pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize, application_name: 'dbos-order-saga-peer' });
  pool.on('error', () => undefined); // an idle connection dropped by the server: the pool replaces it
  DBOS.setConfig({
    name: 'dbos-order-saga-peer',
    applicationVersion: '1',
    systemDatabaseUrl: databaseUrl,
    systemDatabasePoolSize: systemPoolSize,
    logLevel: process.env.DBOS_LOG_LEVEL ?? 'warn',
    // Not set per connection (DBOS's SET on connect warns under pg 8.2x): the server's setting stands.
    systemDatabaseIdleTransactionTimeoutMs: 0,
  });
  await DBOS.launch();
  return {
    /** Runs one order saga to its end; `workflowID` makes it idempotent (a second run returns the first's result). */
    async runSaga(request, { workflowID } = {}) {
      const handle = await DBOS.startWorkflow(orderSagaWorkflow, workflowID ? { workflowID } : {})(request);
      return handle.getResult();
    },
    async stop() {
      await DBOS.shutdown();
      await pool.end();
      pool = undefined;
    },
  };
}
