import { ApiExtraModels, ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsIn, ValidateNested } from 'class-validator';
import { AddressDto } from './address';
import { PAYMENT_METHODS, type PaymentMethod } from './ecommerce';
import { MAX_ORDER_LINES, StockLine } from './inventory';
import { IsOrderAddress, type OrderAddress } from './order-address';

/**
 * An order placed through the saga orchestrator (the seed document's order-processing payload): what a client
 * sends, what the orchestrator validates and what a saga keeps. `Address` is the addresses' form: as sent and
 * kept (a string or a structured address), or as validated (`OrderAddressInput`, a string still wrapped). It has
 * no constraint: Jest's per-file transpiling would then emit no type metadata for the addresses, which Swagger needs.
 */
@ApiExtraModels(AddressDto)
export class OrderRequest<Address = OrderAddress> {
  @ApiProperty({ type: [StockLine] })
  @ValidateNested({ each: true })
  @Type(() => StockLine)
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ORDER_LINES)
  products!: StockLine[];

  @IsOrderAddress('"123 Main St", kept as given, or a structured address') shipping_address!: Address;
  @IsOrderAddress('"123 Main St", kept as given, or a structured address') billing_address!: Address;
  @ApiProperty({ enum: PAYMENT_METHODS }) @IsIn(PAYMENT_METHODS) payment_method!: PaymentMethod;
}
