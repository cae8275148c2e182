import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsIn, IsInt, IsString, Length, Max, Min, ValidateNested } from 'class-validator';
import { IsOptionalField } from './optional-field';
import { MAX_ID } from './id-param';
import { MAX_ORDER_LINES, StockLine } from './inventory';
import { IsOrderAddress, type OrderAddressInput } from './order-address';
import { IsNotBlank } from './not-blank';

/** Message patterns answered by ecommerce: the saga's order and payment steps. */
export const EcommercePatterns = {
  createOrder: 'ecommerce.order.create',
  /** createOrder then processPayment in one call and one transaction (the saga's hot path). */
  placeOrder: 'ecommerce.order.place',
  cancelOrder: 'ecommerce.order.cancel',
  confirmOrder: 'ecommerce.order.confirm',
  processPayment: 'ecommerce.payment.process',
  refundPayment: 'ecommerce.payment.refund',
  getOrder: 'ecommerce.order.get',
  getPayment: 'ecommerce.payment.get',
} as const;

/** Payment methods the simulated provider knows; `declined_card` is always declined. */
export const PAYMENT_METHODS = ['credit_card', 'debit_card', 'paypal', 'declined_card'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

abstract class SagaCommand {
  /** `{saga_id}:{STEP}`: repeating the command returns the first outcome and changes nothing. */
  @IsString() @IsNotBlank() @Length(1, 200) idempotency_key!: string;
  @IsOptionalField() @IsString() @Length(1, 128) correlation_id?: string;
}

export class CreateOrderCommand extends SagaCommand {
  @IsString() @IsNotBlank() @Length(1, 200) saga_id!: string;
  @IsInt() @Min(1) @Max(MAX_ID) customer_id!: number;

  @ValidateNested({ each: true })
  @Type(() => StockLine)
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ORDER_LINES)
  lines!: StockLine[];

  /** As the customer gave it: a string is kept as it is. */
  @IsOrderAddress() shipping_address!: OrderAddressInput;
  @IsOrderAddress() billing_address!: OrderAddressInput;
  @IsIn(PAYMENT_METHODS) payment_method!: PaymentMethod;
}

/** Names an order by the idempotency key of the command that created it, so a lost reply does not matter. */
class OrderRefCommand extends SagaCommand {
  @IsString() @IsNotBlank() @Length(1, 200) order_key!: string;
}

export class CancelOrderCommand extends OrderRefCommand {
  @IsString() @IsNotBlank() @Length(1, 500) reason!: string;
}

export class ConfirmOrderCommand extends OrderRefCommand {}

export class ProcessPaymentCommand extends OrderRefCommand {}

/**
 * CREATE_ORDER and PROCESS_PAYMENT in one message: exactly what `createOrder` (under `idempotency_key`) followed by
 * `processPayment` (under `payment_key`, naming that order) would do, in one transaction, with each reply kept under
 * its own key — so that a later create, payment, get, cancel or refund under those keys behaves as if the two
 * commands had been sent one after the other.
 */
export class PlaceOrderCommand extends CreateOrderCommand {
  /** `{saga_id}:PROCESS_PAYMENT`. */
  @IsString() @IsNotBlank() @Length(1, 200) payment_key!: string;
}

export class RefundPaymentCommand extends SagaCommand {
  /** The idempotency key of the payment command. */
  @IsString() @IsNotBlank() @Length(1, 200) payment_key!: string;
}

export class GetOrderQuery {
  @IsString() @IsNotBlank() @Length(1, 200) order_key!: string;
}

export class GetPaymentQuery {
  @IsString() @IsNotBlank() @Length(1, 200) payment_key!: string;
}

export type OrderStatus = 'PENDING' | 'CONFIRMED' | 'CANCELLED';
export type PaymentStatus = 'COMPLETED' | 'DECLINED' | 'REFUNDED';

export interface OrderView {
  order_id: number;
  order_key: string;
  customer_id: number;
  status: OrderStatus;
  total: string;
  lines: Array<{ product_id: number; quantity: number; unit_price: string; line_total: string }>;
}

export interface PaymentView {
  payment_id: number;
  payment_key: string;
  order_id: number;
  amount: string;
  method: PaymentMethod;
  status: PaymentStatus;
}

export type CreateOrderReply =
  | { outcome: 'CREATED'; order: OrderView }
  | { outcome: 'REJECTED'; reason: 'UNKNOWN_CUSTOMER' | 'UNKNOWN_PRODUCT' | 'INACTIVE_PRODUCT' | 'CANCELLED' };

export type OrderChangeReply =
  | { outcome: 'CANCELLED' | 'ALREADY_CANCELLED' | 'CONFIRMED' | 'ALREADY_CONFIRMED'; order: OrderView }
  | { outcome: 'NOT_FOUND' }
  | { outcome: 'REJECTED'; reason: 'ORDER_CONFIRMED' | 'ORDER_CANCELLED'; order: OrderView };

export type ProcessPaymentReply =
  | { outcome: 'COMPLETED'; payment: PaymentView }
  | { outcome: 'DECLINED'; reason: 'CARD_DECLINED' | 'AMOUNT_OVER_LIMIT'; payment: PaymentView }
  | { outcome: 'REJECTED'; reason: 'ORDER_NOT_FOUND' | 'ORDER_NOT_PENDING' | 'CANCELLED' };

/** The two replies, as the separate commands would have given them; no payment is attempted for a refused order. */
export interface PlaceOrderReply {
  order: CreateOrderReply;
  payment?: ProcessPaymentReply;
}

export type RefundPaymentReply =
  | { outcome: 'REFUNDED' | 'ALREADY_REFUNDED'; payment: PaymentView }
  | { outcome: 'NOT_FOUND' }
  | { outcome: 'REJECTED'; reason: 'PAYMENT_NOT_COMPLETED'; payment: PaymentView };

export type GetOrderReply = { found: true; order: OrderView } | { found: false };
export type GetPaymentReply = { found: true; payment: PaymentView } | { found: false };
