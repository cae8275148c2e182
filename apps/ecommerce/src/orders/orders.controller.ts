import { ErrorResponse, IdParam } from '@app/contracts';
import { Controller, Get, Header, Param, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiMethodNotAllowedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { EcommerceErrorCode, EcommerceException } from '../ecommerce.exception';
import { OrderDetailResponse, OrderPage, OrderQuery } from './orders.dto';
import { OrdersService } from './orders.service';

@ApiTags('orders')
@ApiBadRequestResponse({ type: ErrorResponse })
@Controller('orders')
export class OrdersController {
  constructor(private readonly orders: OrdersService) {}

  @Get()
  @ApiOkResponse({ type: OrderPage, description: 'Newest first' })
  list(@Query() query: OrderQuery) {
    return this.orders.list(query);
  }

  @Get(':id')
  @ApiNotFoundResponse({ type: ErrorResponse })
  get(@Param() { id }: IdParam): Promise<OrderDetailResponse> {
    return this.orders.get(id);
  }

  /** Stock must be reserved and payment taken around an order, which only the saga does. */
  @Post()
  @Header('Allow', 'GET')
  @ApiMethodNotAllowedResponse({
    type: ErrorResponse,
    description: 'Always: orders are placed through the saga orchestrator, POST /api/v1/customers/{customer_id}/order-processing',
  })
  create(): never {
    throw new EcommerceException(
      EcommerceErrorCode.OrdersPlacedBySaga,
      'Orders cannot be created directly: place them with POST /api/v1/customers/{customer_id}/order-processing (or check out a cart)',
    );
  }
}
