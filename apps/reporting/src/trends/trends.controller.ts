import { ErrorResponse } from '@app/contracts';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { TrendsQuery, TrendsResponse } from './trends.dto';
import { TrendsService } from './trends.service';

@ApiTags('analytics')
@ApiBadRequestResponse({ type: ErrorResponse })
@ApiNotFoundResponse({ type: ErrorResponse, description: 'Unknown store or category' })
@Controller('analytics/trends')
export class TrendsController {
  constructor(private readonly trends: TrendsService) {}

  @Get()
  @ApiOperation({
    summary: 'Daily series with moving average, week-over-week change and a baseline forecast',
    description: 'The forecast is the trailing mean of the last `window` complete days, repeated (named in the response).',
  })
  @ApiOkResponse({ type: TrendsResponse })
  trendsOf(@Query() query: TrendsQuery): Promise<TrendsResponse> {
    return this.trends.trends(query);
  }
}
