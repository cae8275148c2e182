import { ServiceConfig } from '@app/config';
import {
  CheckStockReply,
  CreateOrderReply,
  EcommercePatterns,
  GetOrderReply,
  GetPaymentReply,
  GetReservationReply,
  InventoryPatterns,
  OrderChangeReply,
  ProcessPaymentReply,
  RefundPaymentReply,
  ReservationChangeReply,
  ReserveStockReply,
  SagaCompensation,
  SagaStep,
} from '@app/contracts';
import { Injectable } from '@nestjs/common';
import { SagaOrchestratorEnvironment } from '../saga-orchestrator.environment';
import { Saga } from '../sagas/saga.entity';
import { Participants } from './participants';

/** What a step or compensation came to; transport failures are thrown (TransientFailure) instead. */
export type Outcome = { ok: true; orderId?: number; paymentId?: number } | { ok: false; reason: string };

const done = (ids: { orderId?: number; paymentId?: number } = {}): Outcome => ({ ok: true, ...ids });
const refused = (reason: string): Outcome => ({ ok: false, reason });

/** Which compensation undoes a step that may have had an effect. */
export const COMPENSATION_OF: Partial<Record<SagaStep, SagaCompensation>> = {
  RESERVE_STOCK: 'RELEASE_STOCK',
  CREATE_ORDER: 'CANCEL_ORDER',
  PROCESS_PAYMENT: 'REFUND_PAYMENT',
};

/** Every command's idempotency key: the same for every attempt, so a participant acts at most once. */
export const keyOf = (saga: Pick<Saga, 'id'>, name: SagaStep | SagaCompensation) => `${saga.id}:${name}`;

/** The saga's commands to inventory and ecommerce, and how their replies are read. */
@Injectable()
export class SagaSteps {
  constructor(
    private readonly participants: Participants,
    private readonly config: ServiceConfig<SagaOrchestratorEnvironment>,
  ) {}

  run(step: SagaStep, saga: Saga): Promise<Outcome> {
    switch (step) {
      case 'CHECK_STOCK':
        return this.checkStock(saga);
      case 'RESERVE_STOCK':
        return this.reserveStock(saga);
      case 'CREATE_ORDER':
        return this.createOrder(saga);
      case 'PROCESS_PAYMENT':
        return this.processPayment(saga);
      case 'CONFIRM_ORDER':
        return this.confirmOrder(saga);
    }
  }

  compensate(compensation: SagaCompensation, saga: Saga): Promise<Outcome> {
    switch (compensation) {
      case 'RELEASE_STOCK':
        return this.releaseStock(saga);
      case 'CANCEL_ORDER':
        return this.cancelOrder(saga);
      case 'REFUND_PAYMENT':
        return this.refundPayment(saga);
    }
  }

  private async checkStock(saga: Saga): Promise<Outcome> {
    const reply = await this.participants.call<CheckStockReply>('inventory', InventoryPatterns.checkStock, {
      lines: saga.request.products,
      ...this.correlation(saga),
    });
    const short = reply.lines.filter((line) => line.available < line.requested);
    return short.length === 0
      ? done()
      : refused(
          `INSUFFICIENT_STOCK: ${short.map((l) => `product ${l.product_id} (${l.requested} wanted, ${l.available} available)`).join(', ')}`,
        );
  }

  private async reserveStock(saga: Saga): Promise<Outcome> {
    const key = keyOf(saga, 'RESERVE_STOCK');
    if (saga.outcomeUnknown) {
      const known = await this.participants.call<GetReservationReply>('inventory', InventoryPatterns.getReservation, {
        reservation_key: key,
      });
      if (known.found) return known.reservation.status === 'ACTIVE' ? done() : refused(`RESERVATION_${known.reservation.status}`);
    }
    const reply = await this.participants.call<ReserveStockReply>('inventory', InventoryPatterns.reserveStock, {
      idempotency_key: key,
      holder: saga.id,
      lines: saga.request.products,
      // Outlives the saga's deadline, so the deadline's compensation always comes first.
      ttl_seconds: this.config.env.SAGA_DEADLINE_SECONDS + 300,
      ...this.correlation(saga),
    });
    return reply.outcome === 'RESERVED' ? done() : refused(reply.reason);
  }

  private async createOrder(saga: Saga): Promise<Outcome> {
    const key = keyOf(saga, 'CREATE_ORDER');
    if (saga.outcomeUnknown) {
      const known = await this.participants.call<GetOrderReply>('ecommerce', EcommercePatterns.getOrder, { order_key: key });
      if (known.found) return done({ orderId: known.order.order_id });
    }
    const reply = await this.participants.call<CreateOrderReply>('ecommerce', EcommercePatterns.createOrder, {
      idempotency_key: key,
      saga_id: saga.id,
      customer_id: saga.customerId,
      lines: saga.request.products,
      shipping_address: saga.request.shipping_address,
      billing_address: saga.request.billing_address,
      payment_method: saga.request.payment_method,
      ...this.correlation(saga),
    });
    return reply.outcome === 'CREATED' ? done({ orderId: reply.order.order_id }) : refused(reply.reason);
  }

  private async processPayment(saga: Saga): Promise<Outcome> {
    const key = keyOf(saga, 'PROCESS_PAYMENT');
    if (saga.outcomeUnknown) {
      const known = await this.participants.call<GetPaymentReply>('ecommerce', EcommercePatterns.getPayment, {
        payment_key: key,
      });
      if (known.found) {
        return known.payment.status === 'COMPLETED'
          ? done({ paymentId: known.payment.payment_id })
          : refused(`PAYMENT_${known.payment.status}`);
      }
    }
    const reply = await this.participants.call<ProcessPaymentReply>('ecommerce', EcommercePatterns.processPayment, {
      idempotency_key: key,
      order_key: keyOf(saga, 'CREATE_ORDER'),
      ...this.correlation(saga),
    });
    return reply.outcome === 'COMPLETED' ? done({ paymentId: reply.payment.payment_id }) : refused(reply.reason);
  }

  /** Past payment: the reserved units leave the warehouse, then the order is confirmed (and shipped). */
  private async confirmOrder(saga: Saga): Promise<Outcome> {
    const key = keyOf(saga, 'CONFIRM_ORDER');
    const stock = await this.participants.call<ReservationChangeReply>('inventory', InventoryPatterns.commitReservation, {
      idempotency_key: key,
      reservation_key: keyOf(saga, 'RESERVE_STOCK'),
      ...this.correlation(saga),
    });
    if (stock.outcome !== 'COMMITTED' && stock.outcome !== 'ALREADY_COMMITTED') {
      return refused(`STOCK_NOT_COMMITTED: ${stock.outcome === 'REJECTED' ? stock.reason : stock.outcome}`);
    }
    const order = await this.participants.call<OrderChangeReply>('ecommerce', EcommercePatterns.confirmOrder, {
      idempotency_key: key,
      order_key: keyOf(saga, 'CREATE_ORDER'),
      ...this.correlation(saga),
    });
    return order.outcome === 'CONFIRMED' || order.outcome === 'ALREADY_CONFIRMED'
      ? done()
      : refused(`ORDER_NOT_CONFIRMED: ${order.outcome === 'REJECTED' ? order.reason : order.outcome}`);
  }

  private async releaseStock(saga: Saga): Promise<Outcome> {
    const reply = await this.participants.call<ReservationChangeReply>('inventory', InventoryPatterns.releaseStock, {
      idempotency_key: keyOf(saga, 'RELEASE_STOCK'),
      reservation_key: keyOf(saga, 'RESERVE_STOCK'),
      ...this.correlation(saga),
    });
    return reply.outcome === 'REJECTED' ? refused(reply.reason) : done();
  }

  private async cancelOrder(saga: Saga): Promise<Outcome> {
    const reply = await this.participants.call<OrderChangeReply>('ecommerce', EcommercePatterns.cancelOrder, {
      idempotency_key: keyOf(saga, 'CANCEL_ORDER'),
      order_key: keyOf(saga, 'CREATE_ORDER'),
      reason: saga.failureReason ?? 'saga compensated',
      ...this.correlation(saga),
    });
    return reply.outcome === 'REJECTED' ? refused(reply.reason) : done();
  }

  private async refundPayment(saga: Saga): Promise<Outcome> {
    const reply = await this.participants.call<RefundPaymentReply>('ecommerce', EcommercePatterns.refundPayment, {
      idempotency_key: keyOf(saga, 'REFUND_PAYMENT'),
      payment_key: keyOf(saga, 'PROCESS_PAYMENT'),
      ...this.correlation(saga),
    });
    // A payment that was declined charged nothing: there is nothing to give back.
    return reply.outcome === 'REJECTED' && reply.reason !== 'PAYMENT_NOT_COMPLETED' ? refused(reply.reason) : done();
  }

  private correlation(saga: Saga): { correlation_id?: string } {
    return saga.correlationId ? { correlation_id: saga.correlationId } : {};
  }
}
