import { IsMoney, IsNotBlank, IsOptionalField, MAX_ID, PageMeta, PageQuery, ToBoolean, ToInteger } from '@app/contracts';
import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';

export class CreateProductDto {
  @ApiProperty({ example: 'BEV-COLA-33' })
  @IsString()
  @IsNotBlank()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, { message: 'sku must be 1-64 letters, digits, dots, dashes or underscores' })
  sku!: string;

  @ApiProperty({ example: 'Cola 33cl' }) @IsString() @IsNotBlank() @Length(1, 200) name!: string;

  @ApiPropertyOptional() @IsOptionalField() @IsString() @Length(0, 2000) description?: string;

  @ApiPropertyOptional({ example: 1 }) @IsOptionalField() @IsInt() @Min(1) @Max(MAX_ID) category_id?: number;

  @ApiPropertyOptional({ example: 1 }) @IsOptionalField() @IsInt() @Min(1) @Max(MAX_ID) supplier_id?: number;

  @IsMoney('1.20') price!: string;

  @ApiPropertyOptional({ default: true }) @IsOptionalField() @IsBoolean() active?: boolean;
}

export class UpdateProductDto extends PartialType(CreateProductDto, { skipNullProperties: false }) {}

export class ProductQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @ToInteger() @IsInt() @Min(1) @Max(MAX_ID) category_id?: number;
  @ApiPropertyOptional() @IsOptional() @ToInteger() @IsInt() @Min(1) @Max(MAX_ID) supplier_id?: number;
  @ApiPropertyOptional() @IsOptional() @ToBoolean() @IsBoolean() active?: boolean;
  @ApiPropertyOptional({ description: 'Matches name or sku, case-insensitive' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  search?: string;
}

export class ProductResponse {
  @ApiProperty() id!: number;
  @ApiProperty() sku!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true }) description!: string | null;
  @ApiProperty({ type: Number, nullable: true }) category_id!: number | null;
  @ApiProperty({ type: Number, nullable: true }) supplier_id!: number | null;
  @ApiProperty({ example: '1.20' }) price!: string;
  @ApiProperty() active!: boolean;
  @ApiProperty() created_at!: string;
  @ApiProperty() updated_at!: string;
}

export class ProductPage extends PageMeta {
  @ApiProperty({ type: [ProductResponse] }) data!: ProductResponse[];
}
