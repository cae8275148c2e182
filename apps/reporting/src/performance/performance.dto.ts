import { ToInteger } from '@app/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { IdFilter } from '../reports/report-filters';
import { PeriodQuery } from '../reports/report-period';
import { ProductNetResponse, SalesFiguresResponse } from '../reports/sales-figures';

export class PerformanceQuery extends PeriodQuery {
  @IdFilter('Only this store (its rank is still among all stores)') store_id?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 20, default: 3, description: 'How many best and worst products per store' })
  @IsOptional()
  @ToInteger()
  @IsInt()
  @Min(1)
  @Max(20)
  top: number = 3;
}

export class StorePerformance extends SalesFiguresResponse {
  @ApiProperty({ description: '1 = highest net revenue among all stores' }) rank!: number;
  @ApiProperty() store_id!: number;
  @ApiProperty({ type: String, nullable: true }) store_code!: string | null;
  @ApiProperty({ type: String, nullable: true }) store_name!: string | null;
  @ApiProperty({ type: Number, nullable: true, example: 0.0213, description: 'units_returned / units_sold' })
  return_rate!: number | null;
  @ApiProperty({ type: Number, nullable: true, example: 0.0198, description: 'refunds / gross_revenue' })
  refund_rate!: number | null;
  @ApiProperty({ type: [ProductNetResponse], description: 'Highest net revenue first' }) best_products!: ProductNetResponse[];
  @ApiProperty({ type: [ProductNetResponse], description: 'Lowest net revenue first, among the products the store sold' })
  worst_products!: ProductNetResponse[];
}

export class PerformanceResponse {
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
  @ApiProperty() generated_at!: string;
  @ApiProperty({ enum: ['net_revenue'] }) ranked_by!: 'net_revenue';
  @ApiProperty({ type: [StorePerformance], description: 'By rank' }) stores!: StorePerformance[];
}
