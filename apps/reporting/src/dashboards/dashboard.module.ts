import { Module } from '@nestjs/common';
import { InventoryReportModule } from '../inventory/inventory-report.module';
import { DashboardController } from './dashboard.controller';
import { DashboardService } from './dashboard.service';

@Module({ imports: [InventoryReportModule], controllers: [DashboardController], providers: [DashboardService] })
export class DashboardModule {}
