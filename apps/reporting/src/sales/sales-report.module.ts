import { Module } from '@nestjs/common';
import { SalesReportController } from './sales-report.controller';
import { SalesReportService } from './sales-report.service';

@Module({ controllers: [SalesReportController], providers: [SalesReportService], exports: [SalesReportService] })
export class SalesReportModule {}
