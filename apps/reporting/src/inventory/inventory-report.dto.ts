import { PageMeta, PageQuery, ToBoolean } from '@app/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';
import { IdFilter } from '../reports/report-filters';

export class InventoryReportQuery extends PageQuery {
  @IdFilter('Only this location (a store or the warehouse)') location_id?: number;
  @IdFilter('Only this product') product_id?: number;
  @IdFilter('Only products of this category') category_id?: number;

  @ApiPropertyOptional({ description: 'List only the levels at or below their reorder level (totals stay whole)' })
  @IsOptional()
  @ToBoolean()
  @IsBoolean()
  low_stock_only?: boolean;
}

class StockFigures {
  @ApiProperty() levels!: number;
  @ApiProperty() on_hand!: number;
  @ApiProperty() reserved!: number;
  @ApiProperty({ description: 'on_hand − reserved' }) available!: number;
  @ApiProperty({ example: '10412.50', description: 'on_hand × the current selling price (the catalogue has no cost price)' })
  stock_value!: string;
  @ApiProperty({ description: 'Levels whose available units are at or below their reorder level' }) low_stock_levels!: number;
  @ApiProperty({ description: 'Levels of products whose price is not known yet (valued at 0)' }) unpriced_levels!: number;
}

export class StockTotals extends StockFigures {}

export class LocationStock extends StockFigures {
  @ApiProperty() location_id!: number;
  @ApiProperty({ type: String, nullable: true }) code!: string | null;
  @ApiProperty({ type: String, nullable: true }) name!: string | null;
  @ApiProperty({ type: String, nullable: true, enum: ['STORE', 'WAREHOUSE'] }) type!: 'STORE' | 'WAREHOUSE' | null;
}

export class StockLevelRow {
  @ApiProperty() product_id!: number;
  @ApiProperty({ type: String, nullable: true }) sku!: string | null;
  @ApiProperty({ type: String, nullable: true }) name!: string | null;
  @ApiProperty({ type: Number, nullable: true }) category_id!: number | null;
  @ApiProperty({ type: String, nullable: true }) category_name!: string | null;
  @ApiProperty() location_id!: number;
  @ApiProperty({ type: String, nullable: true }) location_name!: string | null;
  @ApiProperty() on_hand!: number;
  @ApiProperty() reserved!: number;
  @ApiProperty() available!: number;
  @ApiProperty() reorder_level!: number;
  @ApiProperty() low_stock!: boolean;
  @ApiProperty({ type: String, nullable: true, example: '2.49' }) unit_price!: string | null;
  @ApiProperty({ example: '124.50' }) stock_value!: string;
  @ApiProperty() changed_at!: string;
}

export class StockLevelPage extends PageMeta {
  @ApiProperty({ type: [StockLevelRow] }) data!: StockLevelRow[];
}

export class LowStockAlert {
  @ApiProperty() product_id!: number;
  @ApiProperty({ type: String, nullable: true }) name!: string | null;
  @ApiProperty() location_id!: number;
  @ApiProperty({ type: String, nullable: true }) location_name!: string | null;
  @ApiProperty() available!: number;
  @ApiProperty() reorder_level!: number;
  @ApiProperty({ description: 'reorder_level − available' }) shortfall!: number;
  @ApiProperty({ description: 'Units already asked for by pending restock requests' }) restock_pending_units!: number;
}

export class LowStockAlerts {
  @ApiProperty() total!: number;
  @ApiProperty({ type: [LowStockAlert], description: 'The 50 largest shortfalls' }) data!: LowStockAlert[];
}

export class OpenRestockRequest {
  @ApiProperty() restock_request_id!: number;
  @ApiProperty() product_id!: number;
  @ApiProperty({ type: String, nullable: true }) name!: string | null;
  @ApiProperty() location_id!: number;
  @ApiProperty({ type: String, nullable: true }) location_name!: string | null;
  @ApiProperty() quantity!: number;
  @ApiProperty() requested_at!: string;
}

export class OpenRestockRequests {
  @ApiProperty() total!: number;
  @ApiProperty() units!: number;
  @ApiProperty({ type: [OpenRestockRequest], description: 'The 50 oldest' }) data!: OpenRestockRequest[];
}

export class InventoryReportResponse {
  @ApiProperty() generated_at!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Time of the newest stock change reporting has received' })
  stock_as_of!: string | null;
  @ApiProperty({ type: StockTotals }) totals!: StockTotals;
  @ApiProperty({ type: [LocationStock] }) by_location!: LocationStock[];
  @ApiProperty({ type: StockLevelPage }) levels!: StockLevelPage;
  @ApiProperty({ type: LowStockAlerts }) low_stock_alerts!: LowStockAlerts;
  @ApiProperty({ type: OpenRestockRequests }) open_restock_requests!: OpenRestockRequests;
}
