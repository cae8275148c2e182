import { EventEnvelope, EventPayloads, EventType, MoneyLine } from '@app/contracts';
import { Transaction } from '@app/persistence';
import { Channel, READ_MODEL_TABLES } from './read-model.entities';

type Projection<Type extends EventType> = (
  tx: Transaction,
  payload: EventPayloads[Type],
  event: EventEnvelope<Type>,
) => Promise<void>;

/** The UTC day of an instant: reports count by UTC day. */
function dayOf(instant: string): string {
  return new Date(instant).toISOString().slice(0, 10);
}

/** Placeholder rows (a store named by a sale before its own event) hold the oldest possible version. */
const NEVER = new Date(0);

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

/** A sale as the batched statement reads it: one row of its JSON input. */
interface SaleRow {
  ord: number;
  channel: Channel;
  source_id: number;
  /** Null online. */
  store_id: number | null;
  occurred_at: string;
  day: string;
  total: string;
  units: number;
  lines: MoneyLine[];
}

/** A till sale or a confirmed online order, as a row of the sales statement's input. */
function saleRow(ord: number, event: EventEnvelope): SaleRow | null {
  let sale: Omit<SaleRow, 'ord' | 'day' | 'units'>;
  if (isType(event, 'retail.sale.recorded')) {
    const p = event.payload;
    sale = {
      channel: 'in_store',
      source_id: p.sale_id,
      store_id: p.store_id,
      occurred_at: p.sold_at,
      total: p.total,
      lines: p.lines,
    };
  } else if (isType(event, 'ecommerce.order.confirmed')) {
    const p = event.payload;
    sale = {
      channel: 'online',
      source_id: p.order_id,
      store_id: null,
      occurred_at: p.confirmed_at,
      total: p.total,
      lines: p.lines,
    };
  } else {
    return null;
  }
  return { ...sale, ord, day: dayOf(sale.occurred_at), units: sum(sale.lines.map((line) => line.quantity)) };
}

/** A store named by a sale or a return, `ord` its event's place in the delivery. */
interface StoreRow {
  ord: number;
  store_id: number;
  location_id: number;
}

/**
 * Counts each sale once, even if its fact is published twice under two event ids (the first one counts, as
 * one event at a time): its lines and the running totals are written only when the sale row is new.
 * One statement for all the sales of a delivery; rows are locked in key order, so that two deliveries at once
 * cannot deadlock. `stores` are the stores its sales and returns name, in arrival order: the first to name a
 * store not known yet gives its placeholder's location, as one event at a time would (a return's own
 * placeholder insert then finds the row).
 */
async function recordSales(tx: Transaction, sales: SaleRow[], stores: StoreRow[]): Promise<void> {
  await tx.query(
    `WITH fact AS (
       SELECT DISTINCT ON (channel, source_id) *
         FROM jsonb_to_recordset($1::jsonb) AS f(ord int, channel varchar, source_id int, store_id int, occurred_at timestamptz,
              day date, total numeric, units int, lines jsonb)
        ORDER BY channel, source_id, ord
     ), store AS (
       INSERT INTO stores (store_id, location_id, active, source_at)
       SELECT DISTINCT ON (store_id) store_id, location_id, true, $3::timestamptz
         FROM jsonb_to_recordset($2::jsonb) AS s(ord int, store_id int, location_id int)
        ORDER BY store_id, ord
       ON CONFLICT DO NOTHING
     ), sale AS (
       INSERT INTO sales (channel, source_id, store_id, occurred_at, day, total, units)
       SELECT channel, source_id, store_id, occurred_at, day, total, units FROM fact ORDER BY channel, source_id
       ON CONFLICT DO NOTHING RETURNING channel, source_id, store_id, day, occurred_at, total, units
     ), lines AS (
       INSERT INTO sale_lines (channel, source_id, store_id, day, occurred_at, product_id, quantity, unit_price, line_total)
       SELECT sale.channel, sale.source_id, sale.store_id, sale.day, sale.occurred_at, l.product_id, l.quantity, l.unit_price,
              l.line_total
         FROM sale JOIN fact USING (channel, source_id),
              ROWS FROM (jsonb_to_recordset(fact.lines) AS (product_id int, quantity int, unit_price numeric, line_total numeric))
                WITH ORDINALITY AS l(product_id, quantity, unit_price, line_total, n)
        ORDER BY fact.ord, l.n
     )
     INSERT INTO channel_totals (channel, orders, units_sold, gross_revenue)
     SELECT channel, count(*), sum(units), sum(total) FROM sale GROUP BY channel ORDER BY channel
     ON CONFLICT (channel) DO UPDATE SET orders = channel_totals.orders + EXCLUDED.orders,
       units_sold = channel_totals.units_sold + EXCLUDED.units_sold,
       gross_revenue = channel_totals.gross_revenue + EXCLUDED.gross_revenue`,
    [JSON.stringify(sales), JSON.stringify(stores), NEVER],
  );
}

/**
 * Keeps each level's highest version (the first to arrive among equals), as one event at a time would:
 * the delivery's levels are reduced to one per key first, since one upsert cannot change a row twice.
 * One statement for all the stock changes of a delivery; rows are locked in key order (see `recordSales`).
 */
async function changeStock(tx: Transaction, events: Array<EventEnvelope<'inventory.stock.changed'>>): Promise<void> {
  const levels = events
    .flatMap((event) => event.payload.levels.map((level) => ({ ...level, changed_at: event.payload.changed_at })))
    .map((level, ord) => ({ ...level, ord }));
  await tx.query(
    `INSERT INTO stock_levels (product_id, location_id, on_hand, reserved, reorder_level, version, changed_at)
     SELECT DISTINCT ON (product_id, location_id) product_id, location_id, on_hand, reserved, reorder_level, version, changed_at
       FROM jsonb_to_recordset($1::jsonb) AS l(ord int, product_id int, location_id int, on_hand int, reserved int,
            reorder_level int, version int, changed_at timestamptz)
      ORDER BY product_id, location_id, version DESC, ord
     ON CONFLICT (product_id, location_id) DO UPDATE SET on_hand = EXCLUDED.on_hand, reserved = EXCLUDED.reserved,
       reorder_level = EXCLUDED.reorder_level, version = EXCLUDED.version, changed_at = EXCLUDED.changed_at
     WHERE stock_levels.version < EXCLUDED.version`,
    [JSON.stringify(levels)],
  );
}

async function knownStore(tx: Transaction, storeId: number, locationId: number): Promise<void> {
  await tx.query(
    'INSERT INTO stores (store_id, location_id, active, source_at) VALUES ($1, $2, true, $3) ON CONFLICT DO NOTHING',
    [storeId, locationId, NEVER],
  );
}

const productUpserted: Projection<'inventory.product.upserted'> = async (tx, p) => {
  await tx.query(
    `INSERT INTO products (product_id, sku, name, category_id, category_name, price, active, source_updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (product_id) DO UPDATE SET sku = $2, name = $3, category_id = $4, category_name = $5, price = $6,
       active = $7, source_updated_at = $8
     WHERE products.source_updated_at <= $8`,
    [p.product_id, p.sku, p.name, p.category_id, p.category_name, p.price, p.active, p.updated_at],
  );
};

const locationUpserted: Projection<'inventory.location.upserted'> = async (tx, p, event) => {
  await tx.query(
    `INSERT INTO locations (location_id, code, name, type, source_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (location_id) DO UPDATE SET code = $2, name = $3, type = $4, source_at = $5
     WHERE locations.source_at <= $5`,
    [p.location_id, p.code, p.name, p.type, event.occurred_at],
  );
};

const restockUpserted: Projection<'inventory.restock.upserted'> = async (tx, p) => {
  await tx.query(
    `INSERT INTO restock_requests (restock_request_id, product_id, location_id, quantity, status, requested_at, decided_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (restock_request_id) DO UPDATE SET status = $5, decided_at = $7
     WHERE restock_requests.status = 'PENDING'`,
    [p.restock_request_id, p.product_id, p.location_id, p.quantity, p.status, p.requested_at, p.decided_at],
  );
};

const storeUpserted: Projection<'retail.store.upserted'> = async (tx, p, event) => {
  await tx.query(
    `INSERT INTO stores (store_id, code, name, location_id, active, source_at) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (store_id) DO UPDATE SET code = $2, name = $3, location_id = $4, active = $5, source_at = $6
     WHERE stores.source_at <= $6`,
    [p.store_id, p.code, p.name, p.location_id, p.active, event.occurred_at],
  );
};

const saleReturned: Projection<'retail.sale.returned'> = async (tx, p) => {
  await knownStore(tx, p.store_id, p.location_id);
  await tx.query(
    `WITH saleReturn AS (
       INSERT INTO returns (channel, source_id, sale_id, store_id, occurred_at, day, total_refund, units)
       VALUES ('in_store', $1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING
       RETURNING channel, source_id, store_id, day, occurred_at
     )
     INSERT INTO return_lines (channel, source_id, store_id, day, occurred_at, product_id, quantity, refund)
     SELECT r.channel, r.source_id, r.store_id, r.day, r.occurred_at, l.product_id, l.quantity, l.refund
       FROM saleReturn r, jsonb_to_recordset($8::jsonb) AS l(product_id int, quantity int, refund numeric)`,
    [
      p.return_id,
      p.sale_id,
      p.store_id,
      p.returned_at,
      dayOf(p.returned_at),
      p.total_refund,
      sum(p.lines.map((line) => line.quantity)),
      JSON.stringify(p.lines),
    ],
  );
};

/**
 * How the rarer event types change the read model, one event at a time. Every projection (these and the
 * batched ones above) gives the same result whatever the order of delivery (facts are keyed by their source
 * id; catalogue rows keep the newest version), so a replay of the log in any order rebuilds the same read model.
 */
const PROJECTIONS = {
  'inventory.product.upserted': productUpserted,
  'inventory.location.upserted': locationUpserted,
  'inventory.restock.upserted': restockUpserted,
  'retail.store.upserted': storeUpserted,
  'retail.sale.returned': saleReturned,
} satisfies { [Type in EventType]?: Projection<Type> };

/** The frequent types (an order saga's stock changes and its order, a till sale): one statement per kind and delivery. */
const BATCHED_TYPES = ['inventory.stock.changed', 'retail.sale.recorded', 'ecommerce.order.confirmed'] as const;

export type ProjectedType = keyof typeof PROJECTIONS | (typeof BATCHED_TYPES)[number];

export const PROJECTED_TYPES: ProjectedType[] = [...(Object.keys(PROJECTIONS) as ProjectedType[]), ...BATCHED_TYPES];

/**
 * Applies events to the read model as applying them one at a time, in this order, would: the stock changes
 * in one statement, the sales in another, the rest one by one. Types reporting does not project (yet) are
 * only kept in the log.
 */
export async function project(tx: Transaction, events: EventEnvelope[]): Promise<void> {
  const stock = events.filter((event) => isType(event, 'inventory.stock.changed'));
  if (stock.length > 0) await changeStock(tx, stock);
  const sales = events.flatMap((event, ord) => saleRow(ord, event) ?? []);
  if (sales.length > 0) await recordSales(tx, sales, storesNamed(events));
  for (const event of events) {
    const projection = (PROJECTIONS as Partial<Record<EventType, Projection<EventType>>>)[event.type];
    if (projection) await projection(tx, event.payload, event);
  }
}

function isType<Type extends EventType>(event: EventEnvelope, type: Type): event is EventEnvelope<Type> {
  return event.type === type;
}

/** The stores named by sales and returns, in arrival order. */
function storesNamed(events: EventEnvelope[]): StoreRow[] {
  return events.flatMap((event, ord) =>
    isType(event, 'retail.sale.recorded') || isType(event, 'retail.sale.returned')
      ? [{ ord, store_id: event.payload.store_id, location_id: event.payload.location_id }]
      : [],
  );
}

/** Empties every read-model table (the event log stays), locking them until the transaction ends. */
export async function clearReadModel(tx: Transaction): Promise<void> {
  await tx.query(`TRUNCATE ${READ_MODEL_TABLES.join(', ')}`);
}
