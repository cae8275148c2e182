import { ApiProperty } from '@nestjs/swagger';
import { CHANNELS, Channel } from '../read-model/read-model.entities';
import { CHANNEL_FILTERS, ChannelFilter, SalesFilterQuery } from '../reports/report-filters';
import { SalesFiguresResponse } from '../reports/sales-figures';

export class SalesReportQuery extends SalesFilterQuery {}

export class ChannelSales extends SalesFiguresResponse {
  @ApiProperty({ enum: CHANNELS }) channel!: Channel;
}

export class StoreSales extends SalesFiguresResponse {
  @ApiProperty() store_id!: number;
  @ApiProperty({ type: String, nullable: true }) store_code!: string | null;
  @ApiProperty({ type: String, nullable: true }) store_name!: string | null;
}

export class CategorySales extends SalesFiguresResponse {
  @ApiProperty({ type: Number, nullable: true, description: 'Null: products without a category' }) category_id!: number | null;
  @ApiProperty({ type: String, nullable: true }) category_name!: string | null;
}

export class ProductSales extends SalesFiguresResponse {
  @ApiProperty() product_id!: number;
  @ApiProperty({ type: String, nullable: true }) sku!: string | null;
  @ApiProperty({ type: String, nullable: true }) name!: string | null;
  @ApiProperty({ type: Number, nullable: true }) category_id!: number | null;
}

export class DaySales extends SalesFiguresResponse {
  @ApiProperty({ example: '2026-11-20' }) date!: string;
}

export class SalesReportResponse {
  @ApiProperty({ example: '2026-10-22' }) from!: string;
  @ApiProperty({ example: '2026-11-20' }) to!: string;
  @ApiProperty({ type: Number, nullable: true }) store_id!: number | null;
  @ApiProperty({ enum: CHANNEL_FILTERS }) channel!: ChannelFilter;
  @ApiProperty({ type: Number, nullable: true }) category_id!: number | null;
  @ApiProperty({ description: 'When these figures were computed (responses are cached up to REPORT_CACHE_TTL_SECONDS)' })
  generated_at!: string;
  @ApiProperty({ type: SalesFiguresResponse }) totals!: SalesFiguresResponse;
  @ApiProperty({ type: [ChannelSales] }) by_channel!: ChannelSales[];
  @ApiProperty({ type: [StoreSales], description: 'Every store (till sales only), by id' }) by_store!: StoreSales[];
  @ApiProperty({ type: [CategorySales], description: 'Categories with sales or returns, best net revenue first' })
  by_category!: CategorySales[];
  @ApiProperty({ type: [ProductSales], description: 'Products with sales or returns, best net revenue first' })
  by_product!: ProductSales[];
  @ApiProperty({ type: [DaySales], description: 'Every day of the period, in order' }) by_day!: DaySales[];
}
