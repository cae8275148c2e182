import { Module } from '@nestjs/common';
import { CustomersModule } from '../customers/customers.module';
import { CartsController } from './carts.controller';
import { CartsRepository } from './carts.repository';
import { CartsService } from './carts.service';
import { OrderProcessingClient } from './order-processing.client';

@Module({
  imports: [CustomersModule],
  controllers: [CartsController],
  providers: [CartsService, CartsRepository, OrderProcessingClient],
})
export class CartsModule {}
