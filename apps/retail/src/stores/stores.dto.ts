import { IsNotBlank, IsOptionalField, MAX_ID, PageMeta, PageQuery, ToBoolean } from '@app/contracts';
import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';

export class CreateStoreDto {
  @ApiProperty({ example: 'ST-LYON' })
  @IsString()
  @IsNotBlank()
  @Matches(/^[A-Z0-9][A-Z0-9-]{0,29}$/, { message: 'code must be 1-30 upper-case letters, digits or dashes' })
  code!: string;
  @ApiProperty({ example: 'Lyon Part-Dieu' }) @IsString() @IsNotBlank() @Length(1, 200) name!: string;
  @ApiProperty({ description: "The store's location in inventory", example: 3 })
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  location_id!: number;
  @ApiPropertyOptional() @IsOptionalField() @IsString() @IsNotBlank() @Length(1, 500) address?: string;
  @ApiPropertyOptional({ default: true }) @IsOptionalField() @IsBoolean() active?: boolean;
}

export class UpdateStoreDto extends PartialType(OmitType(CreateStoreDto, ['code'] as const), { skipNullProperties: false }) {}

export class StoreQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @ToBoolean() @IsBoolean() active?: boolean;
}

export class StoreResponse {
  @ApiProperty() id!: number;
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty() location_id!: number;
  @ApiProperty({ type: String, nullable: true }) address!: string | null;
  @ApiProperty() active!: boolean;
  @ApiProperty() created_at!: string;
}

export class StorePage extends PageMeta {
  @ApiProperty({ type: [StoreResponse] }) data!: StoreResponse[];
}
