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

interface SaleInput {
  channel: Channel;
  sourceId: number;
  /** Till sales only: the store, made known here if its own event has not arrived yet. */
  store: { id: number; locationId: number } | null;
  occurredAt: string;
  total: string;
  lines: MoneyLine[];
}

/**
 * Counts a sale once, even if its fact is published twice under two event ids: its lines and the
 * running totals are written only when the sale row is new. One statement, one round trip.
 */
async function recordSale(tx: Transaction, sale: SaleInput): Promise<void> {
  const units = sum(sale.lines.map((line) => line.quantity));
  await tx.query(
    `WITH store AS (
       INSERT INTO stores (store_id, location_id, active, source_at) SELECT $3, $9, true, $10 WHERE $3::int IS NOT NULL
       ON CONFLICT DO NOTHING
     ), sale AS (
       INSERT INTO sales (channel, source_id, store_id, occurred_at, day, total, units) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT DO NOTHING RETURNING channel, source_id, store_id, day, occurred_at
     ), lines AS (
       INSERT INTO sale_lines (channel, source_id, store_id, day, occurred_at, product_id, quantity, unit_price, line_total)
       SELECT sale.channel, sale.source_id, sale.store_id, sale.day, sale.occurred_at, l.product_id, l.quantity, l.unit_price,
              l.line_total
         FROM sale, jsonb_to_recordset($8::jsonb) AS l(product_id int, quantity int, unit_price numeric, line_total numeric)
     )
     INSERT INTO channel_totals (channel, orders, units_sold, gross_revenue) SELECT channel, 1, $7, $6 FROM sale
     ON CONFLICT (channel) DO UPDATE SET orders = channel_totals.orders + 1, units_sold = channel_totals.units_sold + $7,
       gross_revenue = channel_totals.gross_revenue + $6`,
    [
      sale.channel,
      sale.sourceId,
      sale.store?.id ?? null,
      sale.occurredAt,
      dayOf(sale.occurredAt),
      sale.total,
      units,
      JSON.stringify(sale.lines),
      sale.store?.locationId ?? null,
      NEVER,
    ],
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

const stockChanged: Projection<'inventory.stock.changed'> = async (tx, p) => {
  for (const level of p.levels) {
    await tx.query(
      `INSERT INTO stock_levels (product_id, location_id, on_hand, reserved, reorder_level, version, changed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (product_id, location_id) DO UPDATE SET on_hand = $3, reserved = $4, reorder_level = $5, version = $6,
         changed_at = $7
       WHERE stock_levels.version < $6`,
      [level.product_id, level.location_id, level.on_hand, level.reserved, level.reorder_level, level.version, p.changed_at],
    );
  }
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

const saleRecorded: Projection<'retail.sale.recorded'> = async (tx, p) => {
  await recordSale(tx, {
    channel: 'in_store',
    sourceId: p.sale_id,
    store: { id: p.store_id, locationId: p.location_id },
    occurredAt: p.sold_at,
    total: p.total,
    lines: p.lines,
  });
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

const orderConfirmed: Projection<'ecommerce.order.confirmed'> = async (tx, p) => {
  await recordSale(tx, {
    channel: 'online',
    sourceId: p.order_id,
    store: null,
    occurredAt: p.confirmed_at,
    total: p.total,
    lines: p.lines,
  });
};

/**
 * How each event type changes the read model. Every projection gives the same result whatever the
 * order of delivery (facts are keyed by their source id; catalogue rows keep the newest version), so a
 * replay of the log in any order rebuilds the same read model.
 */
const PROJECTIONS = {
  'inventory.product.upserted': productUpserted,
  'inventory.location.upserted': locationUpserted,
  'inventory.stock.changed': stockChanged,
  'inventory.restock.upserted': restockUpserted,
  'retail.store.upserted': storeUpserted,
  'retail.sale.recorded': saleRecorded,
  'retail.sale.returned': saleReturned,
  'ecommerce.order.confirmed': orderConfirmed,
} satisfies { [Type in EventType]?: Projection<Type> };

export type ProjectedType = keyof typeof PROJECTIONS;

export const PROJECTED_TYPES = Object.keys(PROJECTIONS) as ProjectedType[];

/** Applies one event to the read model; types reporting does not project (yet) are only kept in the log. */
export async function project(tx: Transaction, event: EventEnvelope): Promise<void> {
  const projection = (PROJECTIONS as Partial<Record<EventType, Projection<EventType>>>)[event.type];
  if (projection) await projection(tx, event.payload, event);
}

/** Empties every read-model table (the event log stays), locking them until the transaction ends. */
export async function clearReadModel(tx: Transaction): Promise<void> {
  await tx.query(`TRUNCATE ${READ_MODEL_TABLES.join(', ')}`);
}
