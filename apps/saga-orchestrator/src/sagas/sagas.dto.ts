import {
  AddressDto,
  MAX_ID,
  MAX_ORDER_LINES,
  PAYMENT_METHODS,
  PageMeta,
  PageQuery,
  SAGA_STATUSES,
  type PaymentMethod,
  type SagaStatus,
  StockLine,
} from '@app/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsIn, IsInt, IsObject, IsOptional, IsUUID, Max, Min, ValidateNested } from 'class-validator';

export class CustomerIdParam {
  @ApiProperty({ example: 123 }) @Type(() => Number) @IsInt() @Min(1) @Max(MAX_ID) customer_id!: number;
}

export class SagaIdParam {
  @ApiProperty({ format: 'uuid' }) @IsUUID() saga_id!: string;
}

/** The seed document's order-processing payload. */
export class StartOrderProcessingDto {
  @ApiProperty({ type: [StockLine] })
  @ValidateNested({ each: true })
  @Type(() => StockLine)
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ORDER_LINES)
  products!: StockLine[];

  @ApiProperty({ type: AddressDto }) @IsObject() @ValidateNested() @Type(() => AddressDto) shipping_address!: AddressDto;
  @ApiProperty({ type: AddressDto }) @IsObject() @ValidateNested() @Type(() => AddressDto) billing_address!: AddressDto;
  @ApiProperty({ enum: PAYMENT_METHODS }) @IsIn(PAYMENT_METHODS) payment_method!: PaymentMethod;
}

export class SagaWaitQuery {
  @ApiPropertyOptional({
    minimum: 0,
    maximum: 30,
    description: 'Answer as soon as the saga has ended, waiting at most this long',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(30)
  wait_seconds?: number;
}

export class SagaQuery extends PageQuery {
  @ApiPropertyOptional({ enum: SAGA_STATUSES }) @IsOptional() @IsIn(SAGA_STATUSES) status?: SagaStatus;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_ID) customer_id?: number;
}

export class SagaAccepted {
  @ApiProperty({ format: 'uuid' }) saga_id!: string;
  @ApiProperty({ enum: SAGA_STATUSES }) status!: SagaStatus;
  @ApiProperty({ example: 'Order processing started' }) message!: string;
}

export class SagaStepView {
  @ApiProperty({ example: 'RESERVE_STOCK' }) step!: string;
  @ApiProperty({ enum: ['SUCCEEDED', 'FAILED', 'RETRYING', 'RUNNING'] }) status!: string;
  @ApiProperty() attempts!: number;
  @ApiProperty({ description: 'Seconds spent in its attempts' }) duration!: number;
  @ApiPropertyOptional() error?: string;
}

export class SagaCompensationView {
  @ApiProperty({ example: 'RELEASE_STOCK' }) compensation!: string;
  @ApiProperty({ enum: ['SUCCEEDED', 'FAILED', 'RETRYING'] }) status!: string;
  @ApiProperty() attempts!: number;
  @ApiProperty() duration!: number;
  @ApiPropertyOptional() error?: string;
}

export class SagaHistoryEntry {
  @ApiProperty({ enum: ['STEP', 'COMPENSATION', 'RETRY'] }) kind!: string;
  @ApiProperty() name!: string;
  @ApiProperty() status!: string;
  @ApiProperty() attempt!: number;
  @ApiProperty() duration!: number;
  @ApiPropertyOptional() error?: string;
  @ApiProperty() at!: string;
}

export class SagaResponse {
  @ApiProperty({ format: 'uuid' }) saga_id!: string;
  @ApiProperty() customer_id!: number;
  @ApiProperty({ enum: SAGA_STATUSES }) status!: SagaStatus;
  @ApiProperty() created_at!: string;
  @ApiProperty() updated_at!: string;
  @ApiProperty({ description: 'Seconds from the request to the end (or to now, while running)' }) duration!: number;
  @ApiProperty({ type: [SagaStepView] }) steps!: SagaStepView[];
  @ApiProperty({ type: [SagaCompensationView] }) compensations!: SagaCompensationView[];
  @ApiProperty({ type: Number, nullable: true }) order_id!: number | null;
  @ApiProperty({ type: Number, nullable: true }) payment_id!: number | null;
  @ApiProperty({ type: String, nullable: true }) failure_reason!: string | null;
  @ApiProperty({ type: [SagaHistoryEntry] }) history!: SagaHistoryEntry[];
}

export class SagaSummary {
  @ApiProperty({ format: 'uuid' }) saga_id!: string;
  @ApiProperty() customer_id!: number;
  @ApiProperty({ enum: SAGA_STATUSES }) status!: SagaStatus;
  @ApiProperty() created_at!: string;
  @ApiProperty() updated_at!: string;
  @ApiProperty() duration!: number;
  @ApiProperty({ type: Number, nullable: true }) order_id!: number | null;
  @ApiProperty({ type: String, nullable: true }) failure_reason!: string | null;
}

export class SagaPage extends PageMeta {
  @ApiProperty({ type: [SagaSummary] }) data!: SagaSummary[];
}
