import { ErrorResponse, IdParam } from '@app/contracts';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { PaymentPage, PaymentQuery, PaymentResponse } from './payments.dto';
import { PaymentsService } from './payments.service';

/** Read-only: payments are made and refunded by the order-processing saga. */
@ApiTags('payments')
@ApiBadRequestResponse({ type: ErrorResponse })
@Controller('payments')
export class PaymentsController {
  constructor(private readonly payments: PaymentsService) {}

  @Get()
  @ApiOkResponse({ type: PaymentPage })
  list(@Query() query: PaymentQuery) {
    return this.payments.list(query);
  }

  @Get(':id')
  @ApiNotFoundResponse({ type: ErrorResponse })
  get(@Param() { id }: IdParam): Promise<PaymentResponse> {
    return this.payments.get(id);
  }
}
