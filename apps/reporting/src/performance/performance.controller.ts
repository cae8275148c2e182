import { ErrorResponse } from '@app/contracts';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PerformanceQuery, PerformanceResponse } from './performance.dto';
import { PerformanceService } from './performance.service';

@ApiTags('reports')
@ApiBadRequestResponse({ type: ErrorResponse })
@ApiNotFoundResponse({ type: ErrorResponse, description: 'Unknown store' })
@Controller('reports/performance')
export class PerformanceController {
  constructor(private readonly performance: PerformanceService) {}

  @Get()
  @ApiOperation({
    summary: 'Per store: revenue, transactions, average basket, return rate, best and worst products, rank',
    description: 'Till sales only (online orders belong to no store). Days are UTC.',
  })
  @ApiOkResponse({ type: PerformanceResponse })
  report(@Query() query: PerformanceQuery): Promise<PerformanceResponse> {
    return this.performance.report(query);
  }
}
