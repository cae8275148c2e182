import {
  AddressDto,
  ApiOrderAddress,
  MAX_ID,
  OrderAddress,
  OrderStatus,
  PAYMENT_METHODS,
  PageMeta,
  PageQuery,
  PaymentMethod,
  ToInteger,
} from '@app/contracts';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { PaymentResponse } from '../payments/payments.dto';
import { ShipmentResponse } from '../shipments/shipments.dto';

const ORDER_STATUSES: readonly OrderStatus[] = ['PENDING', 'CONFIRMED', 'CANCELLED'];

export class OrderQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @ToInteger() @IsInt() @Min(1) @Max(MAX_ID) customer_id?: number;
  @ApiPropertyOptional({ enum: ORDER_STATUSES }) @IsOptional() @IsIn(ORDER_STATUSES) status?: OrderStatus;
}

export class OrderLineResponse {
  @ApiProperty() product_id!: number;
  @ApiProperty() quantity!: number;
  @ApiProperty({ example: '1.20' }) unit_price!: string;
  @ApiProperty({ example: '2.40' }) line_total!: string;
}

@ApiExtraModels(AddressDto)
export class OrderResponse {
  @ApiProperty() id!: number;
  @ApiProperty({ description: 'The order-processing saga that placed it' }) saga_id!: string;
  @ApiProperty() customer_id!: number;
  @ApiProperty({ enum: ORDER_STATUSES }) status!: OrderStatus;
  @ApiProperty({ type: [OrderLineResponse] }) lines!: OrderLineResponse[];
  @ApiProperty({ example: '2.40' }) total!: string;
  @ApiOrderAddress() shipping_address!: OrderAddress;
  @ApiOrderAddress() billing_address!: OrderAddress;
  @ApiProperty({ enum: PAYMENT_METHODS }) payment_method!: PaymentMethod;
  @ApiProperty({ type: String, nullable: true }) cancel_reason!: string | null;
  @ApiProperty() created_at!: string;
  @ApiProperty() updated_at!: string;
}

export class OrderDetailResponse extends OrderResponse {
  @ApiProperty({ type: PaymentResponse, nullable: true }) payment!: PaymentResponse | null;
  @ApiProperty({ type: ShipmentResponse, nullable: true }) shipment!: ShipmentResponse | null;
}

export class OrderPage extends PageMeta {
  @ApiProperty({ type: [OrderResponse] }) data!: OrderResponse[];
}
