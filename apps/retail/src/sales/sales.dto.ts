import { MAX_ID, PageMeta, PageQuery, ToInteger } from '@app/contracts';
import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsOptional, Max, Min, ValidateNested } from 'class-validator';
import { ReturnResponse } from '../returns/returns.dto';
import { IsNotAfterTo, IsPeriodBound } from './sale-period';

const MAX_SALE_LINES = 100;
const MAX_LINE_QUANTITY = 1000;

export class SaleLineDto {
  @ApiProperty({ example: 1 }) @IsInt() @Min(1) @Max(MAX_ID) product_id!: number;
  @ApiProperty({ example: 2 }) @IsInt() @Min(1) @Max(MAX_LINE_QUANTITY) quantity!: number;
}

/** No prices: they come from the catalogue, never from the till. */
export class CreateSaleDto {
  @ApiProperty({ example: 1 }) @IsInt() @Min(1) @Max(MAX_ID) store_id!: number;
  @ApiProperty({ example: 1 }) @IsInt() @Min(1) @Max(MAX_ID) register_id!: number;

  @ApiProperty({ type: [SaleLineDto], description: 'Lines of the same product are merged' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_SALE_LINES)
  @ValidateNested({ each: true })
  @Type(() => SaleLineDto)
  lines!: SaleLineDto[];
}

export class SaleQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @ToInteger() @IsInt() @Min(1) @Max(MAX_ID) store_id?: number;

  @ApiPropertyOptional({ description: 'Sold at or after this date or instant', example: '2024-05-01' })
  @IsOptional()
  @IsPeriodBound()
  @IsNotAfterTo()
  from?: string;

  @ApiPropertyOptional({ description: 'Sold at or before this instant, or on or before this date (UTC)', example: '2024-05-31' })
  @IsOptional()
  @IsPeriodBound()
  to?: string;
}

export class SaleLineResponse {
  @ApiProperty() product_id!: number;
  @ApiProperty() quantity!: number;
  @ApiProperty({ example: '1.20' }) unit_price!: string;
  @ApiProperty({ example: '2.40' }) line_total!: string;
}

export class SaleResponse {
  @ApiProperty() id!: number;
  @ApiProperty() store_id!: number;
  @ApiProperty() register_id!: number;
  @ApiProperty({ type: [SaleLineResponse] }) lines!: SaleLineResponse[];
  @ApiProperty({ example: '2.40' }) total!: string;
  @ApiProperty() sold_at!: string;
}

export class SaleDetailLineResponse extends SaleLineResponse {
  @ApiProperty() returned_quantity!: number;
}

export class SaleDetailResponse extends OmitType(SaleResponse, ['lines'] as const) {
  @ApiProperty({ type: [SaleDetailLineResponse] }) lines!: SaleDetailLineResponse[];
  @ApiProperty({ type: [ReturnResponse] }) returns!: ReturnResponse[];
}

export class SalePage extends PageMeta {
  @ApiProperty({ type: [SaleResponse] }) data!: SaleResponse[];
}
