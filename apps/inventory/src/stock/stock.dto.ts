import { IsOptionalField, MAX_ID, PageMeta, PageQuery, ToBoolean, ToInteger } from '@app/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsInt, IsOptional, Max, Min } from 'class-validator';

const MAX_UNITS = 10_000_000;

export class StockQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @ToInteger() @IsInt() @Min(1) @Max(MAX_ID) product_id?: number;
  @ApiPropertyOptional({
    type: String,
    description: 'Levels of these products only: ids separated by commas (at most 100), e.g. a page of products',
    example: '1,2,3',
  })
  @IsOptional()
  // "1,2,3" becomes [1, 2, 3]; anything that is not a plain integer is kept as text, so @IsInt refuses it naming the field.
  @Transform(({ value }): unknown =>
    typeof value === 'string'
      ? value.split(',').map((part) => (/^\d{1,16}$/.test(part.trim()) ? Number(part.trim()) : part))
      : value,
  )
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(MAX_ID, { each: true })
  product_ids?: number[];
  @ApiPropertyOptional() @IsOptional() @ToInteger() @IsInt() @Min(1) @Max(MAX_ID) location_id?: number;
  @ApiPropertyOptional({ description: 'Only levels at or below their reorder level' })
  @IsOptional()
  @ToBoolean()
  @IsBoolean()
  low_stock?: boolean;
}

export class LowStockQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @ToInteger() @IsInt() @Min(1) @Max(MAX_ID) location_id?: number;
}

/** Sets the level of a product at a location: either `quantity` (absolute) or `adjustment` (delta). */
export class UpdateStockDto {
  @ApiPropertyOptional({ description: 'The central warehouse when omitted', example: 1 })
  @IsOptionalField()
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  location_id?: number;

  @ApiPropertyOptional({ description: 'New on-hand count', example: 100 })
  @IsOptionalField()
  @IsInt()
  @Min(0)
  @Max(MAX_UNITS)
  quantity?: number;

  @ApiPropertyOptional({ description: 'Units to add (positive) or remove (negative)', example: -3 })
  @IsOptionalField()
  @IsInt()
  @Min(-MAX_UNITS)
  @Max(MAX_UNITS)
  adjustment?: number;

  @ApiPropertyOptional({ example: 10 }) @IsOptionalField() @IsInt() @Min(0) @Max(MAX_UNITS) reorder_level?: number;
}

export class StockLevelResponse {
  @ApiProperty() product_id!: number;
  @ApiProperty() location_id!: number;
  @ApiProperty() on_hand!: number;
  @ApiProperty() reserved!: number;
  @ApiProperty() available!: number;
  @ApiProperty() reorder_level!: number;
  @ApiProperty() low_stock!: boolean;
  @ApiProperty() updated_at!: string;
}

export class StockPage extends PageMeta {
  @ApiProperty({ type: [StockLevelResponse] }) data!: StockLevelResponse[];
}

export class ProductStockResponse {
  @ApiProperty() product_id!: number;
  @ApiProperty() on_hand!: number;
  @ApiProperty() reserved!: number;
  @ApiProperty() available!: number;
  @ApiProperty({ type: [StockLevelResponse] }) locations!: StockLevelResponse[];
}
