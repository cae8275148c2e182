import { ErrorResponse } from '@app/contracts';
import { Body, Controller, Headers, HttpCode, HttpStatus, Param, Post, Req, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { answerWaited, preferredWaitSeconds } from './prefer-wait';
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
  @ApiHeader({
    name: 'Prefer',
    required: false,
    description: '`wait=N` (RFC 7240, at most 30): answer 201 with the outcome if the saga ends within N seconds',
  })
  @ApiAcceptedResponse({ type: SagaAccepted })
  @ApiCreatedResponse({ type: SagaAccepted, description: 'Ended within `Prefer: wait` (status, order_id, failure_reason)' })
  @ApiBadRequestResponse({ type: ErrorResponse })
  @ApiConflictResponse({ type: ErrorResponse, description: 'Idempotency-Key reused for a different order' })
  async start(
    @Param() { customer_id }: CustomerIdParam,
    @Body() dto: StartOrderProcessingDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Headers('prefer') prefer: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SagaAccepted> {
    const waitSeconds = preferredWaitSeconds(prefer);
    const { accepted, ended } = await this.sagas.start(customer_id, dto, idempotencyKey, String(request.id), waitSeconds);
    answerWaited(reply, waitSeconds, accepted.saga_id, ended);
    return accepted;
  }
}
