import { AddressDto, MAX_ID, PageMeta, PageQuery } from '@app/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import type { ShipmentStatus } from './shipment.entity';

export class ShipmentQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_ID) order_id?: number;
}

export class ShipmentResponse {
  @ApiProperty() id!: number;
  @ApiProperty() order_id!: number;
  @ApiProperty({ enum: ['PREPARING'] }) status!: ShipmentStatus;
  @ApiProperty({ example: 'EC0000000042' }) tracking_number!: string;
  @ApiProperty({ type: AddressDto }) shipping_address!: AddressDto;
  @ApiProperty() created_at!: string;
}

export class ShipmentPage extends PageMeta {
  @ApiProperty({ type: [ShipmentResponse] }) data!: ShipmentResponse[];
}
