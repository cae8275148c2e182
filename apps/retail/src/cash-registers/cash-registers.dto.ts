import { IsNotBlank, MAX_ID, PageMeta, PageQuery, ToInteger } from '@app/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

export class CreateCashRegisterDto {
  @ApiProperty({ example: 2 }) @IsInt() @Min(1) @Max(MAX_ID) store_id!: number;
  @ApiProperty({ description: 'Unique within the store', example: 'POS-1' })
  @IsString()
  @IsNotBlank()
  @Matches(/^[A-Z0-9][A-Z0-9-]{0,29}$/, { message: 'code must be 1-30 upper-case letters, digits or dashes' })
  code!: string;
}

/** Only the active flag changes: a register never moves to another store. */
export class UpdateCashRegisterDto {
  @ApiProperty() @IsBoolean() active!: boolean;
}

export class CashRegisterQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @ToInteger() @IsInt() @Min(1) @Max(MAX_ID) store_id?: number;
}

export class CashRegisterResponse {
  @ApiProperty() id!: number;
  @ApiProperty() store_id!: number;
  @ApiProperty() code!: string;
  @ApiProperty() active!: boolean;
  @ApiProperty() created_at!: string;
}

export class CashRegisterPage extends PageMeta {
  @ApiProperty({ type: [CashRegisterResponse] }) data!: CashRegisterResponse[];
}
