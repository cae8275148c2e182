import { ErrorResponse } from '@app/contracts';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SalesReportQuery, SalesReportResponse } from './sales-report.dto';
import { SalesReportService } from './sales-report.service';

@ApiTags('reports')
@ApiBadRequestResponse({ type: ErrorResponse, description: 'A bad date, a reversed or too long period, a bad channel' })
@ApiNotFoundResponse({ type: ErrorResponse, description: 'Unknown store or category' })
@Controller('reports/sales')
export class SalesReportController {
  constructor(private readonly sales: SalesReportService) {}

  @Get()
  @ApiOperation({
    summary: 'Revenue, units and transactions by channel, store, category, product and day',
    description: 'Returns are netted out on the day they were made. Days are UTC.',
  })
  @ApiOkResponse({ type: SalesReportResponse })
  report(@Query() query: SalesReportQuery): Promise<SalesReportResponse> {
    return this.sales.report(query);
  }
}
