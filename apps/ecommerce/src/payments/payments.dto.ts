import { MAX_ID, PAYMENT_METHODS, PageMeta, PageQuery, PaymentMethod, PaymentStatus, ToInteger } from '@app/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import type { DeclineReason } from './payment.entity';

export class PaymentQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @ToInteger() @IsInt() @Min(1) @Max(MAX_ID) order_id?: number;
}

export class PaymentResponse {
  @ApiProperty() id!: number;
  @ApiProperty() order_id!: number;
  @ApiProperty({ example: '24.90' }) amount!: string;
  @ApiProperty({ enum: PAYMENT_METHODS }) method!: PaymentMethod;
  @ApiProperty({ enum: ['COMPLETED', 'DECLINED', 'REFUNDED'] }) status!: PaymentStatus;
  @ApiProperty({ type: String, nullable: true, enum: ['CARD_DECLINED', 'AMOUNT_OVER_LIMIT'] })
  decline_reason!: DeclineReason | null;
  @ApiProperty() created_at!: string;
  @ApiProperty({ type: String, nullable: true }) refunded_at!: string | null;
}

export class PaymentPage extends PageMeta {
  @ApiProperty({ type: [PaymentResponse] }) data!: PaymentResponse[];
}
