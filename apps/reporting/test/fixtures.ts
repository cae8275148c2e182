import { EventEnvelope, EventOutcome, EventPayloads, EventType, cents, money } from '@app/contracts';
import { EventInbox } from '@app/events';
import { TestApp } from '@app/testing';
import { randomUUID } from 'node:crypto';

function envelope<Type extends EventType>(
  type: Type,
  payload: EventPayloads[Type],
  occurredAt = new Date(),
): EventEnvelope<Type> {
  const source = type.split('.')[0] as EventEnvelope['source'];
  return { event_id: randomUUID(), type, version: 1, source, occurred_at: occurredAt.toISOString(), payload };
}

export const productEvent = (id: number, price: string, category: [number, string] | null, updatedAt = '2026-01-01T00:00:00Z') =>
  envelope('inventory.product.upserted', {
    product_id: id,
    sku: `SKU-${id}`,
    name: `Product ${id}`,
    category_id: category?.[0] ?? null,
    category_name: category?.[1] ?? null,
    price,
    active: true,
    updated_at: updatedAt,
  });

export const locationEvent = (id: number, name: string, type: 'STORE' | 'WAREHOUSE', at = new Date('2026-01-01T00:00:00Z')) =>
  envelope('inventory.location.upserted', { location_id: id, code: `LOC-${id}`, name, type }, at);

export const storeEvent = (id: number, locationId: number, name: string, at = new Date('2026-01-01T00:00:00Z')) =>
  envelope('retail.store.upserted', { store_id: id, code: `ST-${id}`, name, location_id: locationId, active: true }, at);

/** [product, location, on_hand, reserved, reorder_level, version] */
export type Level = [number, number, number, number, number, number];

export const stockEvent = (levels: Level[], reason: EventPayloads['inventory.stock.changed']['reason'] = 'ADJUSTMENT') =>
  envelope('inventory.stock.changed', {
    reason,
    changed_at: new Date().toISOString(),
    levels: levels.map(([product_id, location_id, on_hand, reserved, reorder_level, version]) => ({
      product_id,
      location_id,
      on_hand,
      reserved,
      reorder_level,
      version,
    })),
  });

export const restockEvent = (
  id: number,
  productId: number,
  locationId: number,
  quantity: number,
  status: 'PENDING' | 'APPROVED' | 'REJECTED' = 'PENDING',
  requestedAt = '2026-01-10T08:00:00Z',
) =>
  envelope('inventory.restock.upserted', {
    restock_request_id: id,
    product_id: productId,
    location_id: locationId,
    quantity,
    status,
    requested_at: requestedAt,
    decided_at: status === 'PENDING' ? null : '2026-01-11T08:00:00Z',
  });

/** [product, quantity, unit price] */
export type Line = [number, number, string];

const moneyLines = (lines: Line[]) =>
  lines.map(([product_id, quantity, unit_price]) => ({
    product_id,
    quantity,
    unit_price,
    line_total: money(cents(unit_price) * BigInt(quantity)),
  }));
const totalOf = (lines: Line[]) => money(lines.reduce((sum, [, quantity, price]) => sum + cents(price) * BigInt(quantity), 0n));

export const saleEvent = (saleId: number, storeId: number, locationId: number, soldAt: string, lines: Line[]) =>
  envelope(
    'retail.sale.recorded',
    {
      sale_id: saleId,
      store_id: storeId,
      location_id: locationId,
      register_id: 1,
      lines: moneyLines(lines),
      total: totalOf(lines),
      sold_at: soldAt,
      imported: false,
    },
    new Date(soldAt),
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
    new Date(at),
  );

const orderEvent = (orderId: number, confirmedAt: string, lines: Line[]) =>
  envelope(
    'ecommerce.order.confirmed',
    { order_id: orderId, customer_id: 1, lines: moneyLines(lines), total: totalOf(lines), confirmed_at: confirmedAt },
    new Date(confirmedAt),
  );

/** Delivers events one after the other, as the relay would, and returns the inbox's answers. */
export async function deliver(t: TestApp, ...events: EventEnvelope[]): Promise<EventOutcome[]> {
  const inbox = t.app.get(EventInbox);
  const outcomes: EventOutcome[] = [];
  for (const event of events) outcomes.push((await inbox.apply(event)).outcome);
  return outcomes;
}

const DRINKS: [number, string] = [10, 'Drinks'];
const SNACKS: [number, string] = [20, 'Snacks'];

/** Four till sales, one online order and two returns in January 2026, with every figure worked out by hand. */
export const HISTORY = [
  productEvent(1, '2.50', DRINKS),
  productEvent(2, '1.20', DRINKS),
  productEvent(3, '4.00', SNACKS),
  locationEvent(1, 'Warehouse', 'WAREHOUSE'),
  locationEvent(2, 'Store A shelf', 'STORE'),
  locationEvent(3, 'Store B shelf', 'STORE'),
  storeEvent(1, 2, 'Store A'),
  storeEvent(2, 3, 'Store B'),
  saleEvent(1, 1, 2, '2026-01-05T10:00:00.000Z', [
    [1, 2, '2.50'],
    [3, 1, '4.00'],
  ]),
  saleEvent(2, 1, 2, '2026-01-06T11:00:00.000Z', [[2, 5, '1.20']]),
  saleEvent(3, 2, 3, '2026-01-06T12:00:00.000Z', [
    [1, 1, '2.50'],
    [2, 1, '1.20'],
  ]),
  saleEvent(4, 2, 3, '2026-01-12T09:00:00.000Z', [[3, 3, '4.00']]),
  orderEvent(1, '2026-01-06T15:00:00.000Z', [[1, 4, '2.50']]),
  returnEvent(1, 1, 1, 2, '2026-01-07T10:00:00.000Z', [[1, 1, '2.50']]),
  returnEvent(2, 4, 2, 3, '2026-01-13T10:00:00.000Z', [[3, 1, '4.00']]),
  stockEvent([
    [1, 1, 100, 10, 50, 1],
    [2, 1, 40, 0, 50, 1],
    [1, 2, 5, 0, 10, 1],
    [3, 2, 20, 2, 10, 1],
    [3, 3, 0, 0, 10, 1],
  ]),
  restockEvent(1, 1, 2, 25, 'PENDING', '2026-01-10T08:00:00Z'),
  restockEvent(2, 3, 3, 30, 'PENDING', '2026-01-11T08:00:00Z'),
  restockEvent(3, 2, 2, 12, 'APPROVED', '2026-01-09T08:00:00Z'),
];
