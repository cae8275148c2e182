import { ErrorResponse } from '@app/contracts';
import { Body, Controller, Headers, HttpCode, HttpStatus, Post, Req, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { answerWaited, preferredWaitSeconds } from './prefer-wait';
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
  @ApiHeader({
    name: 'Prefer',
    required: false,
    description: '`wait=N` (RFC 7240, at most 30): answer 201 with the outcome if the saga ends within N seconds',
  })
  @ApiAcceptedResponse({ type: SagaAccepted })
  @ApiCreatedResponse({ type: SagaAccepted, description: 'Ended within `Prefer: wait` (status, order_id, failure_reason)' })
  @ApiBadRequestResponse({ type: ErrorResponse })
  @ApiConflictResponse({ type: ErrorResponse, description: 'Idempotency-Key reused for a different order' })
  async place(
    @Body() dto: PlaceOrderDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Headers('prefer') prefer: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SagaAccepted> {
    const waitSeconds = preferredWaitSeconds(prefer);
    const { accepted, ended } = await this.sagas.place(dto, idempotencyKey, String(request.id), waitSeconds);
    answerWaited(reply, waitSeconds, accepted.saga_id, ended);
    return accepted;
  }
}
