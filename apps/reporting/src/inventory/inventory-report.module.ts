import { Module } from '@nestjs/common';
import { InventoryReportController } from './inventory-report.controller';
import { InventoryReportService } from './inventory-report.service';
import { StockRepository } from './stock.repository';

@Module({
  controllers: [InventoryReportController],
  providers: [InventoryReportService, StockRepository],
  exports: [InventoryReportService, StockRepository],
})
export class InventoryReportModule {}
