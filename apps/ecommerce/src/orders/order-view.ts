import { PricingResult } from '@app/catalogue';
import { CreateOrderCommand, MoneyLine, OrderView, orderAddressOf } from '@app/contracts';
import { Order, OrderLine } from './order.entity';

export function moneyLinesOf(order: Order): MoneyLine[] {
  return order.lines.map((line) => ({
    product_id: line.productId,
    quantity: line.quantity,
    unit_price: line.unitPrice,
    line_total: line.lineTotal,
  }));
}

/** The order as the saga's replies describe it. */
export function orderViewOf(order: Order): OrderView {
  return {
    order_id: order.id,
    order_key: order.orderKey,
    customer_id: order.customerId,
    status: order.status,
    total: order.total,
    lines: moneyLinesOf(order),
  };
}

export type NewOrderFields = Pick<
  Order,
  | 'orderKey'
  | 'sagaId'
  | 'customerId'
  | 'status'
  | 'total'
  | 'paymentMethod'
  | 'shippingAddress'
  | 'billingAddress'
  | 'cancelReason'
>;
export type NewOrderLine = Pick<OrderLine, 'productId' | 'quantity' | 'unitPrice' | 'lineTotal'>;

/** What createOrder stores of `command` once its lines are priced: the order and its lines. */
export function newOrderOf(
  command: CreateOrderCommand,
  pricing: Extract<PricingResult, { ok: true }>,
): { fields: NewOrderFields; lines: NewOrderLine[] } {
  return {
    fields: {
      orderKey: command.idempotency_key,
      sagaId: command.saga_id,
      customerId: command.customer_id,
      status: 'PENDING',
      total: pricing.total,
      paymentMethod: command.payment_method,
      shippingAddress: orderAddressOf(command.shipping_address),
      billingAddress: orderAddressOf(command.billing_address),
      cancelReason: null,
    },
    lines: pricing.lines.map((line) => ({
      productId: line.product_id,
      quantity: line.quantity,
      unitPrice: line.unit_price,
      lineTotal: line.line_total,
    })),
  };
}
