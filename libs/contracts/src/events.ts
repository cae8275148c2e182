import { ServiceName } from './services';

/**
 * Domain events: facts other services react to. Each type is versioned; a change that breaks a
 * payload's shape gets a new version, and consumers say which versions they understand.
 */
export interface EventEnvelope<Type extends EventType = EventType> {
  event_id: string;
  type: Type;
  version: number;
  source: ServiceName;
  occurred_at: string;
  correlation_id?: string;
  payload: EventPayloads[Type];
}

export interface MoneyLine {
  product_id: number;
  quantity: number;
  /** Exact decimal strings, e.g. "12.50". */
  unit_price: string;
  line_total: string;
}

export interface ProductUpsertedV1 {
  product_id: number;
  sku: string;
  name: string;
  category_id: number | null;
  category_name: string | null;
  price: string;
  active: boolean;
  /** Orders updates of one product: a consumer keeps the newest. */
  updated_at: string;
}

export type StockChangeReason = 'ADJUSTMENT' | 'RESERVATION' | 'RELEASE' | 'COMMIT' | 'SALE' | 'RETURN' | 'RESTOCK';

/** A stock level as it stands after a change. */
export interface StockLevelV1 {
  product_id: number;
  location_id: number;
  on_hand: number;
  reserved: number;
  reorder_level: number;
  /** Goes up by one with every change of this level: a consumer keeps the highest (events may arrive out of order). */
  version: number;
}

/** The levels one transaction changed (a reservation of several lines, a restock moving units between locations). */
export interface StockChangedV1 {
  reason: StockChangeReason;
  levels: StockLevelV1[];
  changed_at: string;
}

export interface LocationUpsertedV1 {
  location_id: number;
  code: string;
  name: string;
  type: 'STORE' | 'WAREHOUSE';
}

export type RestockStatusV1 = 'PENDING' | 'APPROVED' | 'REJECTED';

/** A restock request as it stands: opened (PENDING), then decided once. */
export interface RestockUpsertedV1 {
  restock_request_id: number;
  product_id: number;
  /** The requesting store's location. */
  location_id: number;
  quantity: number;
  status: RestockStatusV1;
  requested_at: string;
  decided_at: string | null;
}

export interface StoreUpsertedV1 {
  store_id: number;
  code: string;
  name: string;
  /** The inventory location of the store. */
  location_id: number;
  active: boolean;
}

export interface SaleRecordedV1 {
  sale_id: number;
  store_id: number;
  /** The inventory location of the store. */
  location_id: number;
  register_id: number;
  lines: MoneyLine[];
  total: string;
  sold_at: string;
  /** Sales loaded from history (demo data, imports): their stock effect is already in the stock figures. */
  imported: boolean;
}

export interface SaleReturnedV1 {
  return_id: number;
  sale_id: number;
  store_id: number;
  location_id: number;
  lines: Array<{ product_id: number; quantity: number; refund: string }>;
  total_refund: string;
  returned_at: string;
  imported: boolean;
}

export interface OrderLineV1 extends MoneyLine {}

export interface OrderConfirmedV1 {
  order_id: number;
  customer_id: number;
  lines: OrderLineV1[];
  total: string;
  confirmed_at: string;
}

export interface OrderCancelledV1 {
  order_id: number;
  customer_id: number;
  lines: OrderLineV1[];
  total: string;
  reason: string;
  cancelled_at: string;
}

export interface PaymentEventV1 {
  payment_id: number;
  order_id: number;
  amount: string;
  at: string;
}

export interface EventPayloads {
  'inventory.product.upserted': ProductUpsertedV1;
  'inventory.stock.changed': StockChangedV1;
  'inventory.location.upserted': LocationUpsertedV1;
  'inventory.restock.upserted': RestockUpsertedV1;
  'retail.store.upserted': StoreUpsertedV1;
  'retail.sale.recorded': SaleRecordedV1;
  'retail.sale.returned': SaleReturnedV1;
  'ecommerce.order.confirmed': OrderConfirmedV1;
  'ecommerce.order.cancelled': OrderCancelledV1;
  'ecommerce.payment.completed': PaymentEventV1;
  'ecommerce.payment.refunded': PaymentEventV1;
}

export type EventType = keyof EventPayloads;

/** The version each producer writes today. */
export const EVENT_VERSIONS: Record<EventType, number> = {
  'inventory.product.upserted': 1,
  'inventory.stock.changed': 1,
  'inventory.location.upserted': 1,
  'inventory.restock.upserted': 1,
  'retail.store.upserted': 1,
  'retail.sale.recorded': 1,
  'retail.sale.returned': 1,
  'ecommerce.order.confirmed': 1,
  'ecommerce.order.cancelled': 1,
  'ecommerce.payment.completed': 1,
  'ecommerce.payment.refunded': 1,
};

/**
 * Who receives each event type. The producer's relay delivers to each of these at least once;
 * add a service here when it starts consuming a type.
 */
export const EVENT_SUBSCRIBERS: Record<EventType, ServiceName[]> = {
  'inventory.product.upserted': ['ecommerce', 'retail', 'reporting'],
  'inventory.stock.changed': ['reporting'],
  'inventory.location.upserted': ['reporting'],
  'inventory.restock.upserted': ['reporting'],
  'retail.store.upserted': ['reporting'],
  'retail.sale.recorded': ['inventory', 'reporting'],
  'retail.sale.returned': ['inventory', 'reporting'],
  'ecommerce.order.confirmed': ['reporting'],
  'ecommerce.order.cancelled': [],
  'ecommerce.payment.completed': [],
  'ecommerce.payment.refunded': [],
};

/**
 * The message pattern a consumer answers; the reply acknowledges the events. One per consumer: on
 * NATS every service listens on the same server, so the subject must say whom events are for.
 */
export function eventDeliveryPattern(consumer: ServiceName): string {
  return `events.deliver.${consumer}`;
}

export type EventOutcome = 'APPLIED' | 'DUPLICATE' | 'IGNORED';

/** Events for one consumer, oldest first: applied in that order, together when they can be. */
export interface EventDelivery {
  events: EventEnvelope[];
}

/**
 * One outcome per acknowledged event, in the delivery's order. Shorter than the delivery when an event
 * could not be applied: that event and the ones after it stay pending (`error` says why).
 */
export interface EventDeliveryReply {
  outcomes: EventOutcome[];
  error?: string;
}

/** Most events one delivery carries. */
export const MAX_EVENTS_PER_DELIVERY = 100;
