import { ErrorResponse } from '@app/contracts';
import { Body, Controller, Headers, HttpCode, HttpStatus, Param, Post, Req } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBadRequestResponse, ApiConflictResponse, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CustomerIdParam, SagaAccepted, StartOrderProcessingDto } from './sagas.dto';
import { SagasService } from './sagas.service';

@ApiTags('order-processing')
@Controller('customers')
export class OrderProcessingController {
  constructor(private readonly sagas: SagasService) {}

  @Post(':customer_id/order-processing')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'A retried request with the same key returns the same saga',
  })
  @ApiAcceptedResponse({ type: SagaAccepted })
  @ApiBadRequestResponse({ type: ErrorResponse })
  @ApiConflictResponse({ type: ErrorResponse, description: 'Idempotency-Key reused for a different order' })
  start(
    @Param() { customer_id }: CustomerIdParam,
    @Body() dto: StartOrderProcessingDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Req() request: FastifyRequest,
  ): Promise<SagaAccepted> {
    return this.sagas.start(customer_id, dto, idempotencyKey, String(request.id));
  }
}
