import {
  AddressDto,
  MAX_ID,
  MAX_ORDER_LINES,
  PAYMENT_METHODS,
  PageMeta,
  PageQuery,
  PaymentMethod,
  ToInteger,
} from '@app/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsObject, IsOptional, Max, Min, ValidateNested } from 'class-validator';

export const MAX_CART_QUANTITY = 1000;

export class CartIdParam {
  @ApiProperty({ example: 1 }) @ToInteger() @IsInt() @Min(1) @Max(MAX_ID) cart_id!: number;
}

export class CreateCartDto {
  @ApiProperty({ example: 1 }) @IsInt() @Min(1) @Max(MAX_ID) customer_id!: number;
}

export class CartLineDto {
  @ApiProperty({ example: 1 }) @IsInt() @Min(1) @Max(MAX_ID) product_id!: number;
  @ApiProperty({ example: 2, minimum: 1, maximum: MAX_CART_QUANTITY }) @IsInt() @Min(1) @Max(MAX_CART_QUANTITY) quantity!: number;
}

export class ReplaceCartLinesDto {
  @ApiProperty({
    type: [CartLineDto],
    description: 'The whole new content (empty clears the cart); the same product twice is added up',
  })
  @IsArray()
  @ArrayMaxSize(MAX_ORDER_LINES)
  @ValidateNested({ each: true })
  @Type(() => CartLineDto)
  lines!: CartLineDto[];
}

export class CartQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @ToInteger() @IsInt() @Min(1) @Max(MAX_ID) customer_id?: number;
}

export class CheckoutDto {
  @ApiProperty({ type: AddressDto }) @IsObject() @ValidateNested() @Type(() => AddressDto) shipping_address!: AddressDto;
  @ApiProperty({ type: AddressDto }) @IsObject() @ValidateNested() @Type(() => AddressDto) billing_address!: AddressDto;
  @ApiProperty({ enum: PAYMENT_METHODS, example: 'credit_card' }) @IsIn(PAYMENT_METHODS) payment_method!: PaymentMethod;
}

export class CartLineResponse {
  @ApiProperty() product_id!: number;
  @ApiProperty() quantity!: number;
  @ApiProperty({ type: String, nullable: true, example: '1.20', description: 'Null when the product is no longer sold' })
  unit_price!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '2.40' }) line_total!: string | null;
  @ApiProperty({ description: 'False when the product is no longer sold: the cart cannot be checked out until the line goes' })
  available!: boolean;
}

export class CartResponse {
  @ApiProperty() id!: number;
  @ApiProperty() customer_id!: number;
  @ApiProperty({ type: [CartLineResponse] }) lines!: CartLineResponse[];
  @ApiProperty({ example: '2.40', description: 'Sum of the available lines at current catalogue prices' }) total!: string;
  @ApiProperty() created_at!: string;
  @ApiProperty() updated_at!: string;
}

export class CartPage extends PageMeta {
  @ApiProperty({ type: [CartResponse] }) data!: CartResponse[];
}
