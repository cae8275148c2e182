import { DomainException } from '@app/bootstrap';
import { HttpStatus } from '@nestjs/common';

export enum EcommerceErrorCode {
  CustomerNotFound = 'CUSTOMER_NOT_FOUND',
  CartNotFound = 'CART_NOT_FOUND',
  OrderNotFound = 'ORDER_NOT_FOUND',
  PaymentNotFound = 'PAYMENT_NOT_FOUND',
  ShipmentNotFound = 'SHIPMENT_NOT_FOUND',
  EmailTaken = 'EMAIL_TAKEN',
  UnknownProduct = 'UNKNOWN_PRODUCT',
  InactiveProduct = 'INACTIVE_PRODUCT',
  CartEmpty = 'CART_EMPTY',
  CheckoutRejected = 'CHECKOUT_REJECTED',
  OrdersPlacedBySaga = 'ORDERS_PLACED_BY_SAGA',
  SagaUnavailable = 'SAGA_UNAVAILABLE',
}

export class EcommerceException extends DomainException<EcommerceErrorCode> {
  constructor(code: EcommerceErrorCode, message: string) {
    super(code, message);
  }

  static notFound(code: EcommerceErrorCode, what: string, id: number | string): EcommerceException {
    return new EcommerceException(code, `${what} ${id} not found`);
  }

  get httpStatus(): HttpStatus {
    switch (this.code) {
      case EcommerceErrorCode.CustomerNotFound:
      case EcommerceErrorCode.CartNotFound:
      case EcommerceErrorCode.OrderNotFound:
      case EcommerceErrorCode.PaymentNotFound:
      case EcommerceErrorCode.ShipmentNotFound:
        return HttpStatus.NOT_FOUND;
      case EcommerceErrorCode.EmailTaken:
        return HttpStatus.CONFLICT;
      case EcommerceErrorCode.UnknownProduct:
      case EcommerceErrorCode.InactiveProduct:
      case EcommerceErrorCode.CartEmpty:
      case EcommerceErrorCode.CheckoutRejected:
        return HttpStatus.UNPROCESSABLE_ENTITY;
      case EcommerceErrorCode.OrdersPlacedBySaga:
        return HttpStatus.METHOD_NOT_ALLOWED;
      case EcommerceErrorCode.SagaUnavailable:
        return HttpStatus.SERVICE_UNAVAILABLE;
      default: {
        const unhandled: never = this.code;
        throw new Error(`Unhandled ecommerce error code ${String(unhandled)}`);
      }
    }
  }
}
