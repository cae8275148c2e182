import { Module } from '@nestjs/common';
import { CustomersModule } from '../customers/customers.module';
import { ShipmentsModule } from '../shipments/shipments.module';
import { OrderCommandsHandler } from './order-commands.handler';
import { OrderCommandsService } from './order-commands.service';
import { OrdersController } from './orders.controller';
import { OrdersRepository } from './orders.repository';
import { OrdersService } from './orders.service';

@Module({
  imports: [CustomersModule, ShipmentsModule],
  controllers: [OrdersController, OrderCommandsHandler],
  providers: [OrdersService, OrderCommandsService, OrdersRepository],
  exports: [OrdersRepository],
})
export class OrdersModule {}
