import { ErrorResponse } from '@app/contracts';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DashboardQuery, DashboardResponse } from './dashboard.dto';
import { DashboardService } from './dashboard.service';

@ApiTags('dashboards')
@ApiBadRequestResponse({ type: ErrorResponse })
@ApiNotFoundResponse({ type: ErrorResponse, description: 'Unknown store' })
@Controller('dashboards')
export class DashboardController {
  constructor(private readonly dashboards: DashboardService) {}

  @Get()
  @ApiOperation({ summary: "A manager's dashboard in one call: today, this week, alerts, top products" })
  @ApiOkResponse({ type: DashboardResponse })
  dashboard(@Query() query: DashboardQuery): Promise<DashboardResponse> {
    return this.dashboards.dashboard(query);
  }
}
