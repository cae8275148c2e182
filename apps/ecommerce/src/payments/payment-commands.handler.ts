import {
  EcommercePatterns,
  GetPaymentQuery,
  GetPaymentReply,
  ProcessPaymentCommand,
  ProcessPaymentReply,
  RefundPaymentCommand,
  RefundPaymentReply,
} from '@app/contracts';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { PaymentCommandsService } from './payment-commands.service';

/** The saga's payment commands, over TCP or NATS. */
@Controller()
export class PaymentCommandsHandler {
  constructor(private readonly payments: PaymentCommandsService) {}

  @MessagePattern(EcommercePatterns.processPayment)
  process(@Payload() command: ProcessPaymentCommand): Promise<ProcessPaymentReply> {
    return this.payments.process(command);
  }

  @MessagePattern(EcommercePatterns.refundPayment)
  refund(@Payload() command: RefundPaymentCommand): Promise<RefundPaymentReply> {
    return this.payments.refund(command);
  }

  @MessagePattern(EcommercePatterns.getPayment)
  get(@Payload() query: GetPaymentQuery): Promise<GetPaymentReply> {
    return this.payments.get(query.payment_key);
  }
}
