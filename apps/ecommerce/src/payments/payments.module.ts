import { Module } from '@nestjs/common';
import { PaymentProvider } from './payment-provider';
import { PaymentsController } from './payments.controller';
import { PaymentsRepository } from './payments.repository';
import { PaymentsService } from './payments.service';

/** Reading payments; the saga's payment commands are in OrdersModule, with the order commands. */
@Module({
  controllers: [PaymentsController],
  providers: [PaymentsService, PaymentsRepository, PaymentProvider],
  exports: [PaymentsRepository, PaymentProvider],
})
export class PaymentsModule {}
