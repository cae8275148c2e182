import { ServiceDefinition } from '@app/bootstrap';
import { EventsModule } from '@app/events';
import { ReportCacheModule } from './cache/report-cache';
import { DashboardModule } from './dashboards/dashboard.module';
import { InventoryReportModule } from './inventory/inventory-report.module';
import { BusinessMetricsModule } from './metrics/business-metrics';
import { PerformanceModule } from './performance/performance.module';
import { ReadModelModule } from './read-model/read-model.module';
import { reportingDatabase } from './reporting.database';
import { ReportingEnvironment } from './reporting.environment';
import { ReportsModule } from './reports/reports.module';
import { SalesReportModule } from './sales/sales-report.module';
import { TrendsModule } from './trends/trends.module';

export const reportingService: ServiceDefinition<ReportingEnvironment> = {
  service: 'reporting',
  title: 'Reporting',
  description: "Sales, inventory and store performance reports, trends and dashboards, from reporting's own read model",
  environment: ReportingEnvironment,
  database: reportingDatabase,
  modules: [
    EventsModule.forService('reporting'),
    ReadModelModule,
    ReportCacheModule,
    ReportsModule,
    SalesReportModule,
    InventoryReportModule,
    PerformanceModule,
    TrendsModule,
    DashboardModule,
    BusinessMetricsModule,
  ],
};
