import { EventEnvelope, EventOutcome, EventPayloads, EventType, cents, money } from '@app/contracts';
import { EventInbox } from '@app/events';
import { createTestApp, statementsOf, TestApp } from '@app/testing';
import { randomUUID } from 'node:crypto';
import { READ_MODEL_TABLES } from '../src/read-model/read-model.entities';
import { rebuildReadModel } from '../src/read-model/rebuild';
import { reportingService } from '../src/reporting.service';
import { Level, Line, productEvent, restockEvent, saleEvent, stockEvent, storeEvent } from './fixtures';

function envelope<Type extends EventType>(type: Type, payload: EventPayloads[Type], at: string): EventEnvelope<Type> {
  const source = type.split('.')[0] as EventEnvelope['source'];
  return { event_id: randomUUID(), type, version: 1, source, occurred_at: at, payload };
}

const moneyLines = (lines: Line[]) =>
  lines.map(([product_id, quantity, unit_price]) => ({
    product_id,
    quantity,
    unit_price,
    line_total: money(cents(unit_price) * BigInt(quantity)),
  }));
const totalOf = (lines: Line[]) => money(lines.reduce((sum, [, quantity, price]) => sum + cents(price) * BigInt(quantity), 0n));

const orderEvent = (orderId: number, at: string, lines: Line[]) =>
  envelope(
    'ecommerce.order.confirmed',
    { order_id: orderId, customer_id: 1, lines: moneyLines(lines), total: totalOf(lines), confirmed_at: at },
    at,
  );

const returnEvent = (returnId: number, saleId: number, storeId: number, locationId: number, at: string, lines: Line[]) =>
  envelope(
    'retail.sale.returned',
    {
      return_id: returnId,
      sale_id: saleId,
      store_id: storeId,
      location_id: locationId,
      lines: lines.map(([product_id, quantity, price]) => ({
        product_id,
        quantity,
        refund: money(cents(price) * BigInt(quantity)),
      })),
      total_refund: totalOf(lines),
      returned_at: at,
      imported: false,
    },
    at,
  );

/** A type reporting does not project: acknowledged and ignored. */
const paymentEvent = (orderId: number, at: string) =>
  envelope('ecommerce.payment.completed', { payment_id: orderId, order_id: orderId, amount: '1.00', at }, at);

/** mulberry32: the same "random" events on every run. */
function random(seed: number) {
  let state = seed;
  const next = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (from: number, to: number) => from + Math.floor(next() * (to - from + 1));
  return { next, int, pick: <T>(values: readonly T[]) => values[int(0, values.length - 1)] };
}

/**
 * Events that meet every rule of the projections: stock levels with equal and older versions, catalogue rows
 * with equal timestamps, sales and orders published twice under two ids, stores named by sales and returns that
 * disagree on their location (stores 3 and 4 have no event of their own), restocks decided twice, redeliveries,
 * types reporting ignores.
 */
function eventsFor(seed: number, count: number): EventEnvelope[] {
  const r = random(seed);
  const day = () => `2026-01-${String(r.int(1, 28)).padStart(2, '0')}T${String(r.int(8, 20)).padStart(2, '0')}:00:00.000Z`;
  const lines = (): Line[] =>
    Array.from({ length: r.int(1, 3) }, () => [r.int(1, 4), r.int(1, 5), r.pick(['1.20', '2.50', '4.00'])] as Line);
  const events: EventEnvelope[] = [];
  while (events.length < count) {
    const kind = r.int(0, 10);
    if (kind === 0 && events.length > 0) {
      // A redelivery, mostly of a recent event: often in the same delivery as its first copy.
      events.push(events[Math.max(0, events.length - r.int(1, r.next() < 0.7 ? 4 : events.length))]);
    } else if (kind <= 3) {
      const levels = Array.from(
        { length: r.int(1, 3) },
        () => [r.int(1, 3), r.int(1, 2), r.int(0, 50), r.int(0, 5), 10, r.int(1, 6)] as Level,
      );
      events.push(stockEvent(levels, r.pick(['RESERVATION', 'COMMIT', 'ADJUSTMENT'] as const)));
    } else if (kind === 4) {
      events.push(saleEvent(r.int(1, 12), r.int(1, 4), r.int(1, 3), day(), lines()));
    } else if (kind === 5) {
      events.push(orderEvent(r.int(1, 12), day(), lines()));
    } else if (kind === 6) {
      events.push(returnEvent(r.int(1, 5), r.int(1, 12), r.int(1, 4), r.int(1, 3), day(), lines()));
    } else if (kind === 7) {
      const at = new Date(`2026-01-0${r.int(1, 3)}T00:00:00Z`);
      events.push(storeEvent(r.int(1, 2), r.int(1, 3), `Store ${r.int(1, 99)}`, at));
    } else if (kind === 8) {
      events.push(
        productEvent(r.int(1, 4), r.pick(['1.00', '2.00', '3.00']), [10, 'Drinks'], `2026-01-0${r.int(1, 3)}T00:00:00Z`),
      );
    } else if (kind === 9) {
      events.push(restockEvent(r.int(1, 3), 1, 2, r.int(1, 9), r.pick(['PENDING', 'APPROVED', 'REJECTED'] as const)));
    } else {
      events.push(paymentEvent(r.int(1, 12), day()));
    }
  }
  return events;
}

/** Splits events into deliveries of 1 to 12, as a relay would send them. */
function deliveries(seed: number, events: EventEnvelope[]): EventEnvelope[][] {
  const r = random(seed);
  const result: EventEnvelope[][] = [];
  for (let at = 0; at < events.length;) {
    const size = r.int(1, 12);
    result.push(events.slice(at, at + size));
    at += size;
  }
  return result;
}

async function oneAtATime(t: TestApp, events: EventEnvelope[]): Promise<EventOutcome[]> {
  const inbox = t.app.get(EventInbox);
  const outcomes: EventOutcome[] = [];
  for (const event of events) outcomes.push((await inbox.apply(event)).outcome);
  return outcomes;
}

async function inDeliveries(t: TestApp, batches: EventEnvelope[][]): Promise<EventOutcome[]> {
  const inbox = t.app.get(EventInbox);
  const outcomes: EventOutcome[] = [];
  for (const batch of batches) {
    const reply = await inbox.applyAll(batch);
    expect(reply.error).toBeUndefined();
    outcomes.push(...reply.outcomes);
  }
  return outcomes;
}

/** Generated keys and arrival times differ between two databases; the log's order is compared on its own. */
const LEFT_OUT = ['id', 'seq', 'received_at', 'processed_at'];

/** Every row of the read model, the event log and the inbox, in a comparable form. */
async function tables(t: TestApp): Promise<Record<string, string[]>> {
  const result: Record<string, string[]> = {};
  for (const table of [...READ_MODEL_TABLES, 'event_log', 'processed_events']) {
    const rows = await t.dataSource.query<Array<{ row: string }>>(
      `SELECT (to_jsonb(t) - $1::text[])::text AS row FROM ${table} t`,
      [LEFT_OUT],
    );
    result[table] = rows.map(({ row }) => row).sort();
  }
  const log = await t.dataSource.query<Array<{ event_id: string }>>('SELECT event_id FROM event_log ORDER BY seq');
  result.log_order = log.map(({ event_id }) => event_id);
  return result;
}

const env = { REPORT_CACHE_TTL_SECONDS: '0' };

/** A delivery is applied in one transaction, one statement per kind of change: it must give what one event at a time gives. */
describe('read model: a delivery at a time', () => {
  let single: TestApp;
  let batched: TestApp;

  beforeEach(async () => {
    [single, batched] = await Promise.all([createTestApp(reportingService, { env }), createTestApp(reportingService, { env })]);
  });

  afterEach(async () => {
    await Promise.all([single.close(), batched.close()]);
  });

  it.each([1, 2, 3])('gives the read model and outcomes of one event at a time, and rebuilds to it (seed %i)', async (seed) => {
    const events = eventsFor(seed, 250);
    const expected = await oneAtATime(single, events);
    expect(await inDeliveries(batched, deliveries(seed, events))).toEqual(expected);
    expect(expected).toEqual(expect.arrayContaining(['APPLIED', 'DUPLICATE', 'IGNORED']));
    const model = await tables(single);
    expect(model.stock_levels.length).toBeGreaterThan(0);
    expect(model.sales.length).toBeGreaterThan(0);
    expect(await tables(batched)).toEqual(model);

    await rebuildReadModel(batched.dataSource);
    expect(await tables(batched)).toEqual(model);
    await rebuildReadModel(single.dataSource);
    expect(await tables(single)).toEqual(model);
  });

  it('costs the same few statements whatever the number of events', async () => {
    const saga = (order: number): EventEnvelope[] => [
      stockEvent([[1, 1, 50, order, 10, 2 * order]], 'RESERVATION'),
      paymentEvent(order, '2026-01-05T10:00:00.000Z'),
      stockEvent([[1, 1, 50 - order, 0, 10, 2 * order + 1]], 'COMMIT'),
      orderEvent(order, '2026-01-05T10:00:00.000Z', [[1, 1, '2.50']]),
    ];
    const inbox = batched.app.get(EventInbox);
    const expected = [
      'START TRANSACTION',
      'INSERT INTO processed_events',
      'INSERT INTO event_log',
      'INSERT INTO stock_levels',
      'WITH fact AS', // the sales: new rows, their lines, the running totals
      'COMMIT',
    ];
    expect(await statementsOf(() => inbox.applyAll(saga(1)))).toEqual(expected);
    const many = Array.from({ length: 20 }, (_, i) => saga(i + 2)).flat();
    expect(await statementsOf(() => inbox.applyAll(many))).toEqual(expected);

    const [level] = await batched.dataSource.query('SELECT on_hand, reserved, version FROM stock_levels');
    expect(level).toEqual({ on_hand: 29, reserved: 0, version: 43 });
    const [totals] = await batched.dataSource.query(`SELECT orders, units_sold FROM channel_totals WHERE channel = 'online'`);
    expect(totals).toEqual({ orders: '21', units_sold: '21' });
  });

  it('answers a delivery that repeats events, applied or not, as one event at a time would', async () => {
    const stock = stockEvent([[1, 1, 10, 0, 5, 1]]);
    const order = orderEvent(1, '2026-01-05T10:00:00.000Z', [[1, 2, '2.50']]);
    const sameOrder = orderEvent(1, '2026-01-05T10:00:00.000Z', [[1, 2, '2.50']]);
    const first = [stock, order];
    const second = [order, stock, sameOrder, sameOrder, paymentEvent(1, '2026-01-05T10:00:00.000Z'), stock];
    const expected = await oneAtATime(single, [...first, ...second]);
    expect(expected).toEqual(['APPLIED', 'APPLIED', 'DUPLICATE', 'DUPLICATE', 'APPLIED', 'DUPLICATE', 'IGNORED', 'DUPLICATE']);
    expect(await inDeliveries(batched, [first, second])).toEqual(expected);
    expect(await tables(batched)).toEqual(await tables(single));
    const [totals] = await batched.dataSource.query('SELECT orders, gross_revenue FROM channel_totals');
    expect(totals).toEqual({ orders: '1', gross_revenue: '5.00' });
  });

  it('keeps the first of equal stock versions and never goes back to an older one', async () => {
    const events = [
      stockEvent([[1, 1, 30, 0, 5, 2]]),
      stockEvent([
        [1, 1, 31, 0, 5, 2],
        [2, 1, 7, 1, 5, 4],
      ]),
      stockEvent([
        [2, 1, 8, 0, 5, 3],
        [1, 1, 29, 0, 5, 1],
      ]),
    ];
    await oneAtATime(single, events);
    expect(await inDeliveries(batched, [events])).toEqual(['APPLIED', 'APPLIED', 'APPLIED']);
    const levels = 'SELECT product_id, on_hand, reserved, version FROM stock_levels ORDER BY product_id';
    expect(await batched.dataSource.query(levels)).toEqual([
      { product_id: 1, on_hand: 30, reserved: 0, version: 2 },
      { product_id: 2, on_hand: 7, reserved: 1, version: 4 },
    ]);
    expect(await tables(batched)).toEqual(await tables(single));
  });

  it('names an unknown store after the first sale or return that names it', async () => {
    const events = [
      returnEvent(1, 1, 7, 3, '2026-01-06T10:00:00.000Z', [[1, 1, '2.50']]),
      saleEvent(1, 7, 2, '2026-01-05T10:00:00.000Z', [[1, 1, '2.50']]),
      saleEvent(2, 8, 2, '2026-01-05T11:00:00.000Z', [[1, 1, '2.50']]),
      returnEvent(2, 2, 8, 1, '2026-01-06T11:00:00.000Z', [[1, 1, '2.50']]),
    ];
    await oneAtATime(single, events);
    await inDeliveries(batched, [events]);
    const stores = 'SELECT store_id, location_id FROM stores ORDER BY store_id';
    expect(await batched.dataSource.query(stores)).toEqual([
      { store_id: 7, location_id: 3 },
      { store_id: 8, location_id: 2 },
    ]);
    expect(await tables(batched)).toEqual(await tables(single));
  });

  it('applies two deliveries at once, overlapping on stock levels and on a sale, as one after the other', async () => {
    const order = (id: number) => orderEvent(id, '2026-01-05T10:00:00.000Z', [[1, 1, '2.50']]);
    for (let round = 0; round < 10; round++) {
      const first = [
        stockEvent([
          [1, 1, 10, 1, 5, 3 * round + 1],
          [2, 1, 20, 2, 5, 3 * round + 2],
        ]),
        order(2 * round + 1),
        order(2 * round + 2),
      ];
      const second = [
        stockEvent([
          [2, 1, 21, 0, 5, 3 * round + 3],
          [1, 1, 11, 0, 5, 3 * round + 2],
        ]),
        order(2 * round + 2),
        order(2 * round + 1),
      ];
      const inbox = batched.app.get(EventInbox);
      const replies = await Promise.all([inbox.applyAll(first), inbox.applyAll(second)]);
      expect(replies).toEqual([{ outcomes: ['APPLIED', 'APPLIED', 'APPLIED'] }, { outcomes: ['APPLIED', 'APPLIED', 'APPLIED'] }]);
      await oneAtATime(single, [...first, ...second]);
    }
    const { log_order: batchedLog, ...batchedModel } = await tables(batched);
    const { log_order: singleLog, ...singleModel } = await tables(single);
    expect(batchedModel).toEqual(singleModel);
    expect([...batchedLog].sort()).toEqual([...singleLog].sort());
    const [totals] = await batched.dataSource.query('SELECT orders FROM channel_totals');
    expect(totals).toEqual({ orders: '20' });
  });

  it('keeps the events before one that fails, and nothing of it or those after it', async () => {
    const before = [stockEvent([[1, 1, 10, 0, 5, 1]]), orderEvent(1, '2026-01-05T10:00:00.000Z', [[1, 1, '2.50']])];
    const broken = orderEvent(2, '2026-01-05T11:00:00.000Z', [[1, 1, '2.50']]);
    (broken.payload.lines[0] as { quantity: unknown }).quantity = null;
    const after = [stockEvent([[1, 1, 9, 0, 5, 2]]), orderEvent(3, '2026-01-05T12:00:00.000Z', [[1, 1, '2.50']])];

    const reply = await batched.app.get(EventInbox).applyAll([...before, broken, ...after]);
    expect(reply).toEqual({ outcomes: ['APPLIED', 'APPLIED'], error: expect.stringContaining(broken.event_id) });
    await oneAtATime(single, before);
    await expect(single.app.get(EventInbox).apply(broken)).rejects.toThrow();
    expect(await tables(batched)).toEqual(await tables(single));
    expect(await batched.dataSource.query('SELECT source_id FROM sales')).toEqual([{ source_id: 1 }]);

    // Redelivered once fixed, with the rest, it applies as new.
    (broken.payload.lines[0] as { quantity: unknown }).quantity = 1;
    expect(await inDeliveries(batched, [[...before, broken, ...after]])).toEqual([
      'DUPLICATE',
      'DUPLICATE',
      'APPLIED',
      'APPLIED',
      'APPLIED',
    ]);
    await oneAtATime(single, [broken, ...after]);
    expect(await tables(batched)).toEqual(await tables(single));
  });
});
