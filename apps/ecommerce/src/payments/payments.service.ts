import { Page, pageOfRows } from '@app/contracts';
import { Injectable } from '@nestjs/common';
import { EcommerceErrorCode, EcommerceException } from '../ecommerce.exception';
import { Payment } from './payment.entity';
import { PaymentQuery, PaymentResponse } from './payments.dto';
import { PaymentsRepository } from './payments.repository';

/** Reading payments; they are made and refunded only by the saga's commands (PaymentCommandsService). */
@Injectable()
export class PaymentsService {
  constructor(private readonly payments: PaymentsRepository) {}

  async list(query: PaymentQuery): Promise<Page<PaymentResponse>> {
    return pageOfRows(
      await this.payments.findPage({ orderId: query.order_id, limit: query.limit, offset: query.offset }),
      query,
      (row) => PaymentsService.toResponse(row),
    );
  }

  async get(id: number): Promise<PaymentResponse> {
    const payment = await this.payments.findById(id);
    if (!payment) throw EcommerceException.notFound(EcommerceErrorCode.PaymentNotFound, 'Payment', id);
    return PaymentsService.toResponse(payment);
  }

  static toResponse(payment: Payment): PaymentResponse {
    return {
      id: payment.id,
      order_id: payment.orderId,
      amount: payment.amount,
      method: payment.method,
      status: payment.status,
      decline_reason: payment.declineReason,
      created_at: payment.createdAt.toISOString(),
      refunded_at: payment.refundedAt?.toISOString() ?? null,
    };
  }
}
