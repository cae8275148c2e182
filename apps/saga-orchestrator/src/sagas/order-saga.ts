import { ServiceConfig } from '@app/config';
import {
  EcommercePatterns,
  GetPaymentReply,
  GetReservationReply,
  InventoryPatterns,
  OrderChangeReply,
  PlaceOrderReply,
  RefundPaymentReply,
  ReservationChangeReply,
  ReserveStockReply,
} from '@app/contracts';
import { FactoryProvider } from '@nestjs/common';
import { Participants } from '../engine/participants';
import { Outcome, SagaDefinition, done, keyOf, refused } from '../engine/saga-definition';
import { SagaPlan } from '../engine/saga-plan';
import { SagaOrchestratorEnvironment } from '../saga-orchestrator.environment';
import { Saga } from './saga.entity';

/** What the order saga's calls are given. */
export interface OrderSagaContext {
  participants: Participants;
  env: SagaOrchestratorEnvironment;
}

/**
 * The order saga: its steps in order, each with its participant call, what undoes it, the status shown while it
 * runs and once it has succeeded. Its step and compensation names are those of GET /api/v1/sagas/{id} and of
 * every command's idempotency key. To add a step, add it here (and its call below): the engine needs nothing.
 *
 * Two pairs of steps share one message each (ADR 17): the reservation checks the stock itself (CHECK_STOCK has
 * no call of its own), and ecommerce creates the order and charges it in one command (CREATE_ORDER has none).
 */
export const orderSaga: SagaDefinition<OrderSagaContext> = {
  steps: [
    { name: 'CHECK_STOCK', running: 'STOCK_CHECKING', succeeded: 'STOCK_CHECKING' },
    {
      name: 'RESERVE_STOCK',
      running: 'STOCK_CHECKING',
      succeeded: 'STOCK_RESERVED',
      run: reserveStock,
      compensation: { name: 'RELEASE_STOCK', run: releaseStock },
    },
    {
      name: 'CREATE_ORDER',
      running: 'STOCK_RESERVED',
      succeeded: 'ORDER_CREATED',
      compensation: { name: 'CANCEL_ORDER', run: cancelOrder },
    },
    {
      name: 'PROCESS_PAYMENT',
      running: 'PAYMENT_PROCESSING',
      succeeded: 'PAYMENT_COMPLETED',
      run: placeOrder,
      compensation: { name: 'REFUND_PAYMENT', run: refundPayment },
      pivot: true,
    },
    { name: 'CONFIRM_ORDER', running: 'PAYMENT_COMPLETED', succeeded: 'COMPLETED', run: confirmOrder },
  ],
};

/** The plan the orchestrator's runner drives: the order saga bound to the participants and the settings. */
export const orderSagaPlan: FactoryProvider<SagaPlan> = {
  provide: SagaPlan,
  inject: [Participants, ServiceConfig],
  useFactory: (participants: Participants, config: ServiceConfig<SagaOrchestratorEnvironment>) =>
    SagaPlan.of(orderSaga, { participants, env: config.env }),
};

const correlation = (saga: Saga): { correlation_id?: string } =>
  saga.correlationId ? { correlation_id: saga.correlationId } : {};

/** Refusals of a reservation that the stock check would have given: the check's, not the reservation's. */
const CHECK_REFUSALS: ReadonlySet<string> = new Set([
  'INSUFFICIENT_STOCK',
  'UNKNOWN_PRODUCT',
  'INACTIVE_PRODUCT',
  'UNKNOWN_LOCATION',
]);

/** CHECK_STOCK and RESERVE_STOCK: the reservation takes every line or none, checking what is available under lock. */
async function reserveStock(saga: Saga, { participants, env }: OrderSagaContext): Promise<Outcome> {
  const key = keyOf(saga, 'RESERVE_STOCK');
  if (saga.outcomeUnknown) {
    const known = await participants.call<GetReservationReply>('inventory', InventoryPatterns.getReservation, {
      reservation_key: key,
    });
    if (known.found) return known.reservation.status === 'ACTIVE' ? done() : refused(`RESERVATION_${known.reservation.status}`);
  }
  const reply = await participants.call<ReserveStockReply>('inventory', InventoryPatterns.reserveStock, {
    idempotency_key: key,
    holder: saga.id,
    lines: saga.request.products,
    // Outlives the saga's deadline, so the deadline's compensation always comes first.
    ttl_seconds: env.SAGA_DEADLINE_SECONDS + 300,
    ...correlation(saga),
  });
  if (reply.outcome === 'RESERVED') return done();
  if (!CHECK_REFUSALS.has(reply.reason)) return refused(reply.reason);
  const short = reply.lines.filter((line) => line.available < line.requested);
  const detail = short.map((l) => `product ${l.product_id} (${l.requested} wanted, ${l.available} available)`).join(', ');
  return refused(detail ? `${reply.reason}: ${detail}` : reply.reason, 'CHECK_STOCK');
}

/** CREATE_ORDER and PROCESS_PAYMENT: one command, whose replies are those of the two commands sent one after the other. */
async function placeOrder(saga: Saga, { participants }: OrderSagaContext): Promise<Outcome> {
  if (saga.outcomeUnknown) {
    // Order and payment are written together: a payment under its key tells what the call did.
    const known = await participants.call<GetPaymentReply>('ecommerce', EcommercePatterns.getPayment, {
      payment_key: keyOf(saga, 'PROCESS_PAYMENT'),
    });
    if (known.found) {
      const orderId = known.payment.order_id;
      return known.payment.status === 'COMPLETED'
        ? done({ orderId, paymentId: known.payment.payment_id })
        : refused(`PAYMENT_${known.payment.status}`, 'PROCESS_PAYMENT', { orderId });
    }
  }
  const reply = await participants.call<PlaceOrderReply>('ecommerce', EcommercePatterns.placeOrder, {
    idempotency_key: keyOf(saga, 'CREATE_ORDER'),
    payment_key: keyOf(saga, 'PROCESS_PAYMENT'),
    saga_id: saga.id,
    customer_id: saga.customerId,
    lines: saga.request.products,
    shipping_address: saga.request.shipping_address,
    billing_address: saga.request.billing_address,
    payment_method: saga.request.payment_method,
    ...correlation(saga),
  });
  if (reply.order.outcome !== 'CREATED') return refused(reply.order.reason, 'CREATE_ORDER');
  const orderId = reply.order.order.order_id;
  if (reply.payment?.outcome !== 'COMPLETED') {
    return refused(reply.payment?.reason ?? 'PAYMENT_NOT_ATTEMPTED', 'PROCESS_PAYMENT', { orderId });
  }
  return done({ orderId, paymentId: reply.payment.payment.payment_id });
}

/** Past payment: the reserved units leave the warehouse, then the order is confirmed (and shipped). */
async function confirmOrder(saga: Saga, { participants }: OrderSagaContext): Promise<Outcome> {
  const key = keyOf(saga, 'CONFIRM_ORDER');
  const stock = await participants.call<ReservationChangeReply>('inventory', InventoryPatterns.commitReservation, {
    idempotency_key: key,
    reservation_key: keyOf(saga, 'RESERVE_STOCK'),
    ...correlation(saga),
  });
  if (stock.outcome !== 'COMMITTED' && stock.outcome !== 'ALREADY_COMMITTED') {
    return refused(`STOCK_NOT_COMMITTED: ${stock.outcome === 'REJECTED' ? stock.reason : stock.outcome}`);
  }
  const order = await participants.call<OrderChangeReply>('ecommerce', EcommercePatterns.confirmOrder, {
    idempotency_key: key,
    order_key: keyOf(saga, 'CREATE_ORDER'),
    ...correlation(saga),
  });
  return order.outcome === 'CONFIRMED' || order.outcome === 'ALREADY_CONFIRMED'
    ? done()
    : refused(`ORDER_NOT_CONFIRMED: ${order.outcome === 'REJECTED' ? order.reason : order.outcome}`);
}

async function releaseStock(saga: Saga, { participants }: OrderSagaContext): Promise<Outcome> {
  const reply = await participants.call<ReservationChangeReply>('inventory', InventoryPatterns.releaseStock, {
    idempotency_key: keyOf(saga, 'RELEASE_STOCK'),
    reservation_key: keyOf(saga, 'RESERVE_STOCK'),
    ...correlation(saga),
  });
  return reply.outcome === 'REJECTED' ? refused(reply.reason) : done();
}

async function cancelOrder(saga: Saga, { participants }: OrderSagaContext): Promise<Outcome> {
  const reply = await participants.call<OrderChangeReply>('ecommerce', EcommercePatterns.cancelOrder, {
    idempotency_key: keyOf(saga, 'CANCEL_ORDER'),
    order_key: keyOf(saga, 'CREATE_ORDER'),
    reason: saga.failureReason ?? 'saga compensated',
    ...correlation(saga),
  });
  return reply.outcome === 'REJECTED' ? refused(reply.reason) : done();
}

async function refundPayment(saga: Saga, { participants }: OrderSagaContext): Promise<Outcome> {
  const reply = await participants.call<RefundPaymentReply>('ecommerce', EcommercePatterns.refundPayment, {
    idempotency_key: keyOf(saga, 'REFUND_PAYMENT'),
    payment_key: keyOf(saga, 'PROCESS_PAYMENT'),
    ...correlation(saga),
  });
  // A payment that was declined charged nothing: there is nothing to give back.
  return reply.outcome === 'REJECTED' && reply.reason !== 'PAYMENT_NOT_COMPLETED' ? refused(reply.reason) : done();
}
