import { ErrorResponse } from '@app/contracts';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InventoryReportQuery, InventoryReportResponse } from './inventory-report.dto';
import { InventoryReportService } from './inventory-report.service';

@ApiTags('reports')
@ApiBadRequestResponse({ type: ErrorResponse })
@ApiNotFoundResponse({ type: ErrorResponse, description: 'Unknown location, product or category' })
@Controller('reports/inventory')
export class InventoryReportController {
  constructor(private readonly inventory: InventoryReportService) {}

  @Get()
  @ApiOperation({ summary: 'Stock by location and product, stock value, low-stock alerts and open restock requests' })
  @ApiOkResponse({ type: InventoryReportResponse })
  report(@Query() query: InventoryReportQuery): Promise<InventoryReportResponse> {
    return this.inventory.report(query);
  }
}
