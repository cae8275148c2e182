import { IsNotBlank, IsOptionalField, MAX_ID, PageMeta, PageQuery, ToInteger } from '@app/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { RestockStatus } from './restock-request.entity';

export class CreateRestockRequestDto {
  @ApiProperty({ example: 1 }) @IsInt() @Min(1) @Max(MAX_ID) product_id!: number;
  @ApiProperty({ description: 'The requesting store', example: 2 }) @IsInt() @Min(1) @Max(MAX_ID) location_id!: number;
  @ApiProperty({ example: 24 }) @IsInt() @Min(1) @Max(1_000_000) quantity!: number;
  @ApiPropertyOptional() @IsOptionalField() @IsString() @IsNotBlank() @Length(1, 1000) note?: string;
}

export class DecideRestockRequestDto {
  @ApiPropertyOptional() @IsOptionalField() @IsString() @IsNotBlank() @Length(1, 1000) note?: string;
}

export class RestockRequestQuery extends PageQuery {
  @ApiPropertyOptional({ enum: RestockStatus }) @IsOptional() @IsEnum(RestockStatus) status?: RestockStatus;
  @ApiPropertyOptional() @IsOptional() @ToInteger() @IsInt() @Min(1) @Max(MAX_ID) location_id?: number;
  @ApiPropertyOptional() @IsOptional() @ToInteger() @IsInt() @Min(1) @Max(MAX_ID) product_id?: number;
}

export class RestockRequestResponse {
  @ApiProperty() id!: number;
  @ApiProperty() product_id!: number;
  @ApiProperty() location_id!: number;
  @ApiProperty({ type: Number, nullable: true }) source_location_id!: number | null;
  @ApiProperty() quantity!: number;
  @ApiProperty({ enum: RestockStatus }) status!: RestockStatus;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
  @ApiProperty({ type: String, nullable: true }) decision_note!: string | null;
  @ApiProperty() created_at!: string;
  @ApiProperty({ type: String, nullable: true }) decided_at!: string | null;
}

export class RestockRequestPage extends PageMeta {
  @ApiProperty({ type: [RestockRequestResponse] }) data!: RestockRequestResponse[];
}
