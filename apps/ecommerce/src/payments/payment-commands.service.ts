import {
  EcommercePatterns,
  GetPaymentReply,
  ProcessPaymentCommand,
  ProcessPaymentReply,
  RefundPaymentCommand,
  RefundPaymentReply,
} from '@app/contracts';
import { Outbox } from '@app/events';
import { IdempotentCommands } from '@app/persistence';
import { Injectable } from '@nestjs/common';
import { OrdersRepository } from '../orders/orders.repository';
import { PaymentProvider } from './payment-provider';
import { PaymentsRepository } from './payments.repository';
import { chargedReplyOf, paymentCompletedOf, paymentFieldsOf, paymentViewOf } from './payment-view';

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
    return this.commands.once(command.idempotency_key, EcommercePatterns.processPayment, async (tx) => {
      const order = await this.orders.lockByKey(tx, command.order_key);
      if (!order) return { outcome: 'REJECTED', reason: 'ORDER_NOT_FOUND' };
      // One charge per order: a payment command under another key must not charge it twice.
      if (order.status !== 'PENDING' || (await this.payments.existsForOrder(tx, order.id))) {
        return { outcome: 'REJECTED', reason: 'ORDER_NOT_PENDING' };
      }
      const charge = this.provider.charge(order.total, order.paymentMethod);
      const payment = await this.payments.create(tx, paymentFieldsOf(command.idempotency_key, order, charge));
      if (payment.status === 'COMPLETED') {
        await this.outbox.record(tx, 'ecommerce.payment.completed', paymentCompletedOf(payment), {
          correlationId: command.correlation_id,
          occurredAt: payment.createdAt,
        });
      }
      return chargedReplyOf(charge, payment);
    });
  }

  refund(command: RefundPaymentCommand): Promise<RefundPaymentReply> {
    return this.commands.once(command.idempotency_key, EcommercePatterns.refundPayment, async (tx) => {
      // A refund before its payment leaves a tombstone, so that payment, arriving late, charges nothing.
      const refused: ProcessPaymentReply = { outcome: 'REJECTED', reason: 'CANCELLED' };
      const payment = await this.commands.lockOrForbid(
        tx,
        command.payment_key,
        EcommercePatterns.processPayment,
        refused,
        (tx, key) => this.payments.lockByKey(tx, key),
      );
      if (!payment) return { outcome: 'NOT_FOUND' };
      switch (payment.status) {
        case 'COMPLETED': {
          const refundedAt = new Date();
          await this.payments.update(tx, payment, { status: 'REFUNDED', refundedAt });
          const event = {
            payment_id: payment.id,
            order_id: payment.orderId,
            amount: payment.amount,
            at: refundedAt.toISOString(),
          };
          await this.outbox.record(tx, 'ecommerce.payment.refunded', event, {
            correlationId: command.correlation_id,
            occurredAt: refundedAt,
          });
          return { outcome: 'REFUNDED', payment: paymentViewOf(payment) };
        }
        case 'REFUNDED':
          return { outcome: 'ALREADY_REFUNDED', payment: paymentViewOf(payment) };
        case 'DECLINED':
          return { outcome: 'REJECTED', reason: 'PAYMENT_NOT_COMPLETED', payment: paymentViewOf(payment) };
      }
    });
  }

  async get(paymentKey: string): Promise<GetPaymentReply> {
    const payment = await this.payments.findByKey(paymentKey);
    return payment ? { found: true, payment: paymentViewOf(payment) } : { found: false };
  }
}
