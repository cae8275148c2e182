import { MoneyLine, OrderView } from '@app/contracts';
import { Order } from './order.entity';

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
