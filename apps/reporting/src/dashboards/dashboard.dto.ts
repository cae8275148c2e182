import { ApiProperty } from '@nestjs/swagger';
import { LowStockAlert } from '../inventory/inventory-report.dto';
import { IdFilter } from '../reports/report-filters';
import { ProductNetResponse, SalesFiguresResponse } from '../reports/sales-figures';

export class DashboardQuery {
  @IdFilter("One store's dashboard: its till sales and its location's stock") store_id?: number;
}

export class Comparison {
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
  @ApiProperty({ example: '1320.10' }) net_revenue!: string;
  @ApiProperty() transactions!: number;
  @ApiProperty({ type: Number, nullable: true, example: 6.2, description: 'Change of net revenue, in percent' })
  net_revenue_change_percent!: number | null;
}

export class DashboardPeriod extends SalesFiguresResponse {
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
  @ApiProperty({ type: Comparison, description: 'The same days a week earlier, up to the same time of day' })
  compared_with!: Comparison;
}

export class DashboardAlerts {
  @ApiProperty({ description: 'Levels at or below their reorder level' }) low_stock_levels!: number;
  @ApiProperty({ type: [LowStockAlert], description: 'The 10 largest shortfalls' }) low_stock!: LowStockAlert[];
  @ApiProperty() open_restock_requests!: number;
  @ApiProperty() open_restock_units!: number;
}

export class DashboardResponse {
  @ApiProperty({ type: Number, nullable: true }) store_id!: number | null;
  @ApiProperty({ type: String, nullable: true }) store_name!: string | null;
  @ApiProperty() generated_at!: string;
  @ApiProperty({ type: DashboardPeriod, description: 'Today so far (UTC)' }) today!: DashboardPeriod;
  @ApiProperty({ type: DashboardPeriod, description: 'Since Monday (UTC), today included' }) this_week!: DashboardPeriod;
  @ApiProperty({ type: DashboardAlerts }) alerts!: DashboardAlerts;
  @ApiProperty({ type: [ProductNetResponse], description: 'This week, highest net revenue first' })
  top_products!: ProductNetResponse[];
}
