import { ErrorResponse } from '@app/contracts';
import { Body, Controller, Headers, HttpCode, HttpStatus, Post, Req } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiHeader,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { PlaceOrderDto, SagaAccepted } from './sagas.dto';
import { SagasService } from './sagas.service';

/**
 * POST /api/v1/orders, as the seed document places an order. The gateway sends only this method and path here
 * (kong/kong.yml, route saga-orders); reading orders stays with ecommerce.
 */
@ApiTags('order-processing')
@Controller('orders')
export class OrdersController {
  constructor(private readonly sagas: SagasService) {}

  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Place an order: the same saga as POST /api/v1/customers/{customer_id}/order-processing' })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'A retried request with the same key (for the same customer) returns the same saga',
  })
  @ApiAcceptedResponse({ type: SagaAccepted })
  @ApiBadRequestResponse({ type: ErrorResponse })
  @ApiConflictResponse({ type: ErrorResponse, description: 'Idempotency-Key reused for a different order' })
  place(
    @Body() dto: PlaceOrderDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Req() request: FastifyRequest,
  ): Promise<SagaAccepted> {
    return this.sagas.place(dto, idempotencyKey, String(request.id));
  }
}
