import { PaymentEventV1, PaymentView, ProcessPaymentReply } from '@app/contracts';
import { Payment } from './payment.entity';
import { ChargeResult } from './payment-provider';

/** The payment as the saga's replies describe it. */
export function paymentViewOf(payment: Payment): PaymentView {
  return {
    payment_id: payment.id,
    payment_key: payment.paymentKey,
    order_id: payment.orderId,
    amount: payment.amount,
    method: payment.method,
    status: payment.status,
  };
}

/** processPayment's reply once `charge` is stored as `payment`. */
export function chargedReplyOf(charge: ChargeResult, payment: Payment): ProcessPaymentReply {
  return charge.status === 'DECLINED'
    ? { outcome: 'DECLINED', reason: charge.reason, payment: paymentViewOf(payment) }
    : { outcome: 'COMPLETED', payment: paymentViewOf(payment) };
}

/** The `ecommerce.payment.completed` event of a completed payment. */
export function paymentCompletedOf(payment: Payment): PaymentEventV1 {
  return { payment_id: payment.id, order_id: payment.orderId, amount: payment.amount, at: payment.createdAt.toISOString() };
}

/** What processPayment stores of a charge of `order` under the command's `key`. */
export function paymentFieldsOf(
  key: string,
  order: { id: number; total: string; paymentMethod: Payment['method'] },
  charge: ChargeResult,
): Pick<Payment, 'paymentKey' | 'orderId' | 'amount' | 'method' | 'status' | 'declineReason' | 'refundedAt'> {
  return {
    paymentKey: key,
    orderId: order.id,
    amount: order.total,
    method: order.paymentMethod,
    status: charge.status,
    declineReason: charge.status === 'DECLINED' ? charge.reason : null,
    refundedAt: null,
  };
}
