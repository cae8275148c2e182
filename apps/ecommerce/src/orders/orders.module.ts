import { Module } from '@nestjs/common';
import { CustomersModule } from '../customers/customers.module';
import { PaymentCommandsHandler } from '../payments/payment-commands.handler';
import { PaymentCommandsService } from '../payments/payment-commands.service';
import { PaymentsModule } from '../payments/payments.module';
import { ShipmentsModule } from '../shipments/shipments.module';
import { OrderCommandsHandler } from './order-commands.handler';
import { OrderCommandsService } from './order-commands.service';
import { OrdersController } from './orders.controller';
import { OrdersRepository } from './orders.repository';
import { OrdersService } from './orders.service';
import { PlaceOrderService } from './place-order.service';

/**
 * Orders, and the saga's commands on them, the payment's included: placeOrder creates and charges an order in one
 * command, so the order and payment commands live in one module (PaymentsModule gives its repository and provider).
 */
@Module({
  imports: [CustomersModule, ShipmentsModule, PaymentsModule],
  controllers: [OrdersController, OrderCommandsHandler, PaymentCommandsHandler],
  providers: [OrdersService, OrdersRepository, OrderCommandsService, PaymentCommandsService, PlaceOrderService],
})
export class OrdersModule {}
