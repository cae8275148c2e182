import { AddressDto, ApiOrderAddress, MAX_ID, OrderAddress, PageMeta, PageQuery, ToInteger } from '@app/contracts';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import type { ShipmentStatus } from './shipment.entity';

export class ShipmentQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @ToInteger() @IsInt() @Min(1) @Max(MAX_ID) order_id?: number;
}

@ApiExtraModels(AddressDto)
export class ShipmentResponse {
  @ApiProperty() id!: number;
  @ApiProperty() order_id!: number;
  @ApiProperty({ enum: ['PREPARING'] }) status!: ShipmentStatus;
  @ApiProperty({ example: 'EC0000000042' }) tracking_number!: string;
  @ApiOrderAddress() shipping_address!: OrderAddress;
  @ApiProperty() created_at!: string;
}

export class ShipmentPage extends PageMeta {
  @ApiProperty({ type: [ShipmentResponse] }) data!: ShipmentResponse[];
}
