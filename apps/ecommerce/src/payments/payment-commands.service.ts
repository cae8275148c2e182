import {
  EcommercePatterns,
  GetPaymentReply,
  PaymentView,
  ProcessPaymentCommand,
  ProcessPaymentReply,
  RefundPaymentCommand,
  RefundPaymentReply,
} from '@app/contracts';
import { Outbox } from '@app/events';
import { IdempotentCommands } from '@app/persistence';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { OrdersRepository } from '../orders/orders.repository';
import { Payment } from './payment.entity';
import { PaymentProvider } from './payment-provider';
import { PaymentsRepository } from './payments.repository';

/** The saga's payment steps. A declined charge is stored too, so that a replay finds the same outcome. */
@Injectable()
export class PaymentCommandsService {
  constructor(
    private readonly payments: PaymentsRepository,
    private readonly orders: OrdersRepository,
    private readonly provider: PaymentProvider,
    private readonly commands: IdempotentCommands,
    private readonly outbox: Outbox,
  ) {}

  process(command: ProcessPaymentCommand): Promise<ProcessPaymentReply> {
    return this.commands.once(command.idempotency_key, EcommercePatterns.processPayment, async (manager) => {
      const order = await this.orders.lockByKey(manager, command.order_key);
      if (!order) return { outcome: 'REJECTED', reason: 'ORDER_NOT_FOUND' };
      // One charge per order: a payment command under another key must not charge it twice.
      if (order.status !== 'PENDING' || (await this.payments.existsForOrder(manager, order.id))) {
        return { outcome: 'REJECTED', reason: 'ORDER_NOT_PENDING' };
      }
      const charge = this.provider.charge(order.total, order.paymentMethod);
      const payment = await this.payments.create(manager, {
        paymentKey: command.idempotency_key,
        orderId: order.id,
        amount: order.total,
        method: order.paymentMethod,
        status: charge.status,
        declineReason: charge.status === 'DECLINED' ? charge.reason : null,
        refundedAt: null,
      });
      if (charge.status === 'DECLINED') return { outcome: 'DECLINED', reason: charge.reason, payment: this.toView(payment) };
      const event = { payment_id: payment.id, order_id: order.id, amount: payment.amount, at: payment.createdAt.toISOString() };
      await this.outbox.record(manager, 'ecommerce.payment.completed', event, {
        correlationId: command.correlation_id,
        occurredAt: payment.createdAt,
      });
      return { outcome: 'COMPLETED', payment: this.toView(payment) };
    });
  }

  refund(command: RefundPaymentCommand): Promise<RefundPaymentReply> {
    return this.commands.once(command.idempotency_key, EcommercePatterns.refundPayment, async (manager) => {
      const payment = await this.lockOrForbid(manager, command.payment_key);
      if (!payment) return { outcome: 'NOT_FOUND' };
      switch (payment.status) {
        case 'COMPLETED': {
          const refundedAt = new Date();
          await this.payments.update(manager, payment, { status: 'REFUNDED', refundedAt });
          const event = {
            payment_id: payment.id,
            order_id: payment.orderId,
            amount: payment.amount,
            at: refundedAt.toISOString(),
          };
          await this.outbox.record(manager, 'ecommerce.payment.refunded', event, {
            correlationId: command.correlation_id,
            occurredAt: refundedAt,
          });
          return { outcome: 'REFUNDED', payment: this.toView(payment) };
        }
        case 'REFUNDED':
          return { outcome: 'ALREADY_REFUNDED', payment: this.toView(payment) };
        case 'DECLINED':
          return { outcome: 'REJECTED', reason: 'PAYMENT_NOT_COMPLETED', payment: this.toView(payment) };
      }
    });
  }

  async get(paymentKey: string): Promise<GetPaymentReply> {
    const payment = await this.payments.findByKey(paymentKey);
    return payment ? { found: true, payment: this.toView(payment) } : { found: false };
  }

  /**
   * The payment for `paymentKey`, locked. When there is none, a refusal is recorded under that key
   * first, so a payment command that arrives after its compensation charges nothing.
   */
  private async lockOrForbid(manager: EntityManager, paymentKey: string): Promise<Payment | null> {
    const existing = await this.payments.lockByKey(manager, paymentKey);
    if (existing) return existing;
    const refused: ProcessPaymentReply = { outcome: 'REJECTED', reason: 'CANCELLED' };
    const forbidden = await this.commands.recordIfAbsent(manager, paymentKey, EcommercePatterns.processPayment, refused);
    // Not recorded: a payment with that key finished meanwhile, so it may exist now.
    return forbidden ? null : this.payments.lockByKey(manager, paymentKey);
  }

  private toView(payment: Payment): PaymentView {
    return {
      payment_id: payment.id,
      payment_key: payment.paymentKey,
      order_id: payment.orderId,
      amount: payment.amount,
      method: payment.method,
      status: payment.status,
    };
  }
}
