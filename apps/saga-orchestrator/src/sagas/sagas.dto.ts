import {
  AddressDto,
  ApiOrderAddress,
  MAX_ID,
  OrderRequest,
  PAYMENT_METHODS,
  PageMeta,
  PageQuery,
  SAGA_STATUSES,
  type PaymentMethod,
  type SagaStatus,
  StockLine,
  ToBoolean,
  ToInteger,
  type OrderAddress,
  type OrderAddressInput,
} from '@app/contracts';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';

export class CustomerIdParam {
  @ApiProperty({ example: 123 }) @ToInteger() @IsInt() @Min(1) @Max(MAX_ID) customer_id!: number;
}

export class SagaIdParam {
  @ApiProperty({ format: 'uuid' }) @IsUUID() saga_id!: string;
}

/** The seed document's order-processing payload (its OpenAPI schema keeps this name). */
export class StartOrderProcessingDto extends OrderRequest<OrderAddressInput> {}

/** POST /api/v1/orders: the order-processing payload with the customer in the body. */
export class PlaceOrderDto extends StartOrderProcessingDto {
  @ApiProperty({ example: 123 }) @IsInt() @Min(1) @Max(MAX_ID) customer_id!: number;
}

export class SagaWaitQuery {
  @ApiPropertyOptional({
    minimum: 0,
    maximum: 30,
    description: 'Answer as soon as the saga has ended, waiting at most this long',
  })
  @IsOptional()
  @ToInteger()
  @IsInt()
  @Min(0)
  @Max(30)
  wait_seconds?: number;
}

export class SagaQuery extends PageQuery {
  @ApiPropertyOptional({ enum: SAGA_STATUSES }) @IsOptional() @IsIn(SAGA_STATUSES) status?: SagaStatus;
  @ApiPropertyOptional() @IsOptional() @ToInteger() @IsInt() @Min(1) @Max(MAX_ID) customer_id?: number;
  @ApiPropertyOptional({
    description: 'false: only sagas still running (not COMPLETED, COMPENSATED or FAILED); true: only ended ones',
  })
  @IsOptional()
  @ToBoolean()
  @IsBoolean()
  ended?: boolean;
}

export class SagaAccepted {
  @ApiProperty({ format: 'uuid' }) saga_id!: string;
  @ApiProperty({ enum: SAGA_STATUSES }) status!: SagaStatus;
  @ApiProperty({ example: 'Order processing started' }) message!: string;
  @ApiPropertyOptional({ type: 'integer', nullable: true, description: 'Once ended (`Prefer: wait`): the order created' })
  order_id?: number | null;
  @ApiPropertyOptional({ type: 'string', nullable: true, description: 'Once ended (`Prefer: wait`): why it did not complete' })
  failure_reason?: string | null;
}

/** How a step went, in the seed document's words (SUCCESS), and what it adds (FAILED, RETRYING, RUNNING). */
const SAGA_STEP_STATUSES = ['SUCCESS', 'FAILED', 'RETRYING', 'RUNNING'] as const;

export class SagaStepView {
  @ApiProperty({ example: 'RESERVE_STOCK' }) step!: string;
  @ApiProperty({ enum: SAGA_STEP_STATUSES, example: 'SUCCESS' }) status!: string;
  @ApiProperty() attempts!: number;
  @ApiProperty({ description: 'Seconds spent in its attempts' }) duration!: number;
  @ApiPropertyOptional() error?: string;
}

export class SagaCompensationView {
  @ApiProperty({ example: 'RELEASE_STOCK' }) compensation!: string;
  @ApiProperty({ enum: ['SUCCESS', 'FAILED', 'RETRYING'] }) status!: string;
  @ApiProperty() attempts!: number;
  @ApiProperty() duration!: number;
  @ApiPropertyOptional() error?: string;
}

export class SagaHistoryEntry {
  @ApiProperty({ enum: ['STEP', 'COMPENSATION', 'RETRY'] }) kind!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ['SUCCESS', 'FAILED', 'RETRYING', 'REQUESTED'] }) status!: string;
  @ApiProperty() attempt!: number;
  @ApiProperty() duration!: number;
  @ApiPropertyOptional() error?: string;
  @ApiProperty() at!: string;
}

@ApiExtraModels(AddressDto)
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
  @ApiProperty({ type: [StockLine], description: 'The order as requested' }) products!: StockLine[];
  @ApiOrderAddress() shipping_address!: OrderAddress;
  @ApiOrderAddress() billing_address!: OrderAddress;
  @ApiProperty({ enum: PAYMENT_METHODS }) payment_method!: PaymentMethod;
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
