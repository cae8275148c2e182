import { Module } from '@nestjs/common';
import { OrdersModule } from '../orders/orders.module';
import { PaymentCommandsHandler } from './payment-commands.handler';
import { PaymentCommandsService } from './payment-commands.service';
import { PaymentProvider } from './payment-provider';
import { PaymentsController } from './payments.controller';
import { PaymentsRepository } from './payments.repository';
import { PaymentsService } from './payments.service';

@Module({
  imports: [OrdersModule],
  controllers: [PaymentsController, PaymentCommandsHandler],
  providers: [PaymentsService, PaymentCommandsService, PaymentsRepository, PaymentProvider],
})
export class PaymentsModule {}
