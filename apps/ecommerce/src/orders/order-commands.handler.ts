import {
  CancelOrderCommand,
  ConfirmOrderCommand,
  CreateOrderCommand,
  CreateOrderReply,
  EcommercePatterns,
  GetOrderQuery,
  GetOrderReply,
  OrderChangeReply,
  PlaceOrderCommand,
  PlaceOrderReply,
} from '@app/contracts';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { OrderCommandsService } from './order-commands.service';
import { PlaceOrderService } from './place-order.service';

/** The saga's order commands, over TCP or NATS. */
@Controller()
export class OrderCommandsHandler {
  constructor(
    private readonly orders: OrderCommandsService,
    private readonly placing: PlaceOrderService,
  ) {}

  @MessagePattern(EcommercePatterns.createOrder)
  create(@Payload() command: CreateOrderCommand): Promise<CreateOrderReply> {
    return this.orders.create(command);
  }

  @MessagePattern(EcommercePatterns.placeOrder)
  place(@Payload() command: PlaceOrderCommand): Promise<PlaceOrderReply> {
    return this.placing.place(command);
  }

  @MessagePattern(EcommercePatterns.cancelOrder)
  cancel(@Payload() command: CancelOrderCommand): Promise<OrderChangeReply> {
    return this.orders.cancel(command);
  }

  @MessagePattern(EcommercePatterns.confirmOrder)
  confirm(@Payload() command: ConfirmOrderCommand): Promise<OrderChangeReply> {
    return this.orders.confirm(command);
  }

  @MessagePattern(EcommercePatterns.getOrder)
  get(@Payload() query: GetOrderQuery): Promise<GetOrderReply> {
    return this.orders.get(query.order_key);
  }
}
