import { IsNotBlank, IsOptionalField, MAX_ID, PageMeta, PageQuery, ToInteger } from '@app/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

export class ReturnLineDto {
  @ApiProperty({ example: 1 }) @IsInt() @Min(1) @Max(MAX_ID) product_id!: number;
  @ApiProperty({ example: 1 }) @IsInt() @Min(1) @Max(1000) quantity!: number;
}

export class CreateReturnDto {
  @ApiProperty({ example: 1 }) @IsInt() @Min(1) @Max(MAX_ID) sale_id!: number;

  @ApiProperty({ type: [ReturnLineDto], description: 'At most what was sold minus what was already returned, per product' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ReturnLineDto)
  lines!: ReturnLineDto[];

  @ApiPropertyOptional({ example: 'Damaged packaging' })
  @IsOptionalField()
  @IsString()
  @IsNotBlank()
  @Length(1, 500)
  reason?: string;
}

export class ReturnQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @ToInteger() @IsInt() @Min(1) @Max(MAX_ID) sale_id?: number;
  @ApiPropertyOptional() @IsOptional() @ToInteger() @IsInt() @Min(1) @Max(MAX_ID) store_id?: number;
}

export class ReturnLineResponse {
  @ApiProperty() product_id!: number;
  @ApiProperty() quantity!: number;
  @ApiProperty({ example: '1.20', description: 'Unit price of the sale line × quantity' }) refund!: string;
}

export class ReturnResponse {
  @ApiProperty() id!: number;
  @ApiProperty() sale_id!: number;
  @ApiProperty() store_id!: number;
  @ApiProperty({ type: [ReturnLineResponse] }) lines!: ReturnLineResponse[];
  @ApiProperty({ example: '1.20' }) total_refund!: string;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
  @ApiProperty() returned_at!: string;
}

export class ReturnPage extends PageMeta {
  @ApiProperty({ type: [ReturnResponse] }) data!: ReturnResponse[];
}
