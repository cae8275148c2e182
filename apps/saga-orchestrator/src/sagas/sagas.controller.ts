import { ErrorResponse } from '@app/contracts';
import { Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { SagaAccepted, SagaIdParam, SagaPage, SagaQuery, SagaResponse, SagaWaitQuery } from './sagas.dto';
import { SagasService } from './sagas.service';

@ApiTags('sagas')
@ApiBadRequestResponse({ type: ErrorResponse })
@Controller('sagas')
export class SagasController {
  constructor(private readonly sagas: SagasService) {}

  @Get()
  @ApiOkResponse({ type: SagaPage })
  list(@Query() query: SagaQuery) {
    return this.sagas.list(query);
  }

  @Get(':saga_id')
  @ApiOkResponse({ type: SagaResponse })
  @ApiNotFoundResponse({ type: ErrorResponse })
  get(@Param() { saga_id }: SagaIdParam, @Query() { wait_seconds }: SagaWaitQuery): Promise<SagaResponse> {
    return this.sagas.get(saga_id, wait_seconds);
  }

  @Post(':saga_id/retry')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiAcceptedResponse({ type: SagaAccepted })
  @ApiNotFoundResponse({ type: ErrorResponse })
  @ApiConflictResponse({ type: ErrorResponse, description: 'The saga is not FAILED' })
  retry(@Param() { saga_id }: SagaIdParam): Promise<SagaAccepted> {
    return this.sagas.retry(saga_id);
  }
}
