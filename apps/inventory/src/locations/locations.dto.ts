import { IsNotBlank, IsOptionalField, PageMeta, PageQuery } from '@app/contracts';
import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { IsEnum, IsOptional, IsString, Length, Matches } from 'class-validator';
import { LocationType } from './location.entity';

export class CreateLocationDto {
  @ApiProperty({ example: 'ST-LYON' })
  @IsString()
  @IsNotBlank()
  @Matches(/^[A-Z0-9][A-Z0-9-]{0,29}$/, { message: 'code must be 1-30 upper-case letters, digits or dashes' })
  code!: string;
  @ApiProperty({ example: 'Lyon Part-Dieu' }) @IsString() @IsNotBlank() @Length(1, 200) name!: string;
  @ApiProperty({ enum: LocationType }) @IsEnum(LocationType) type!: LocationType;
  @ApiPropertyOptional() @IsOptionalField() @IsString() @IsNotBlank() @Length(1, 500) address?: string;
}

export class UpdateLocationDto extends PartialType(OmitType(CreateLocationDto, ['code', 'type'] as const), {
  skipNullProperties: false,
}) {}

export class LocationQuery extends PageQuery {
  @ApiPropertyOptional({ enum: LocationType }) @IsOptional() @IsEnum(LocationType) type?: LocationType;
}

export class LocationResponse {
  @ApiProperty() id!: number;
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: LocationType }) type!: LocationType;
  @ApiProperty({ type: String, nullable: true }) address!: string | null;
  @ApiProperty() created_at!: string;
}

export class LocationPage extends PageMeta {
  @ApiProperty({ type: [LocationResponse] }) data!: LocationResponse[];
}
