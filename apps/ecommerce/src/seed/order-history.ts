import { DEMO_PRODUCTS } from '@app/catalogue';
import { AddressDto, PaymentMethod, cents, mergeLinesByProduct, money } from '@app/contracts';
import { recordEvent } from '@app/events';
import { EntityManager } from 'typeorm';
import { Order, OrderLine } from '../orders/order.entity';
import { moneyLinesOf } from '../orders/order-view';
import { Payment } from '../payments/payment.entity';
import { Shipment } from '../shipments/shipment.entity';
import { trackingNumberOf } from '../shipments/shipments.repository';

const HISTORY_DAYS = 30;
const HOUR_MS = 3600 * 1000;
const DAY_MS = 24 * HOUR_MS;
const METHODS: PaymentMethod[] = ['credit_card', 'debit_card', 'paypal'];
const ADDRESS: AddressDto = { street: '1 rue de Rivoli', city: 'Paris', postal_code: '75001', country: 'FR' };

/**
 * About 30 days of confirmed online orders ending `now` (two to six a day), each with its payment and
 * shipment, published as `ecommerce.order.confirmed` at its historical time so that reporting shows
 * online sales next to the stores'. Deterministic: choices are arithmetic on the day and the order.
 * Their stock effect is part of inventory's demo figures (no consumer moves stock on these events).
 */
export async function seedOrderHistory(manager: EntityManager, customerIds: number[], now: Date): Promise<void> {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  let n = 0;
  for (let daysAgo = HISTORY_DAYS - 1; daysAgo >= 0; daysAgo--) {
    for (let k = 0; k < 2 + ((daysAgo * 7 + 3) % 5); k++) {
      n++;
      const confirmedAt = new Date(today - daysAgo * DAY_MS + (9 + ((n * 5) % 12)) * HOUR_MS + ((n * 17) % 60) * 60_000);
      if (confirmedAt > now) continue;
      const lines = mergeLinesByProduct(
        Array.from({ length: 1 + (n % 3) }, (_, i) => ({
          product_id: 1 + ((n * 7 + i * 11) % DEMO_PRODUCTS.length),
          quantity: 1 + ((n + i) % 3),
        })),
      );
      await confirmedOrder(
        manager,
        `demo-history-${n}`,
        customerIds[n % customerIds.length],
        METHODS[n % METHODS.length],
        lines,
        confirmedAt,
      );
    }
  }
}

async function confirmedOrder(
  manager: EntityManager,
  sagaId: string,
  customerId: number,
  method: PaymentMethod,
  items: Array<{ product_id: number; quantity: number }>,
  confirmedAt: Date,
): Promise<void> {
  const lines = items.map(({ product_id, quantity }) => {
    const unitPrice = DEMO_PRODUCTS[product_id - 1][4];
    return { productId: product_id, quantity, unitPrice, lineTotal: money(cents(unitPrice) * BigInt(quantity)) };
  });
  const total = money(lines.reduce((sum, line) => sum + cents(line.lineTotal), 0n));
  const order = await manager.getRepository(Order).save({
    orderKey: `${sagaId}:CREATE_ORDER`,
    sagaId,
    customerId,
    status: 'CONFIRMED' as const,
    total,
    paymentMethod: method,
    shippingAddress: ADDRESS,
    billingAddress: ADDRESS,
    cancelReason: null,
    createdAt: confirmedAt,
    updatedAt: confirmedAt,
  });
  order.lines = await manager.getRepository(OrderLine).save(lines.map((line) => ({ ...line, orderId: order.id })));
  const payment = await manager.getRepository(Payment).save({
    paymentKey: `${sagaId}:PROCESS_PAYMENT`,
    orderId: order.id,
    amount: total,
    method,
    status: 'COMPLETED' as const,
    declineReason: null,
    refundedAt: null,
    createdAt: confirmedAt,
    updatedAt: confirmedAt,
  });
  await manager.getRepository(Shipment).save({
    orderId: order.id,
    status: 'PREPARING' as const,
    trackingNumber: trackingNumberOf(order.id),
    shippingAddress: ADDRESS,
    createdAt: confirmedAt,
  });
  const at = { occurredAt: confirmedAt };
  const paid = { payment_id: payment.id, order_id: order.id, amount: total, at: confirmedAt.toISOString() };
  await recordEvent(manager, 'ecommerce', 'ecommerce.payment.completed', paid, at);
  const confirmed = {
    order_id: order.id,
    customer_id: customerId,
    lines: moneyLinesOf(order),
    total,
    confirmed_at: confirmedAt.toISOString(),
  };
  await recordEvent(manager, 'ecommerce', 'ecommerce.order.confirmed', confirmed, at);
}
