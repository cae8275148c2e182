import { DomainException } from '@app/bootstrap';
import { HttpStatus } from '@nestjs/common';

export enum RetailErrorCode {
  StoreNotFound = 'STORE_NOT_FOUND',
  RegisterNotFound = 'REGISTER_NOT_FOUND',
  SaleNotFound = 'SALE_NOT_FOUND',
  ReturnNotFound = 'RETURN_NOT_FOUND',
  StoreCodeTaken = 'STORE_CODE_TAKEN',
  RegisterCodeTaken = 'REGISTER_CODE_TAKEN',
  StoreInactive = 'STORE_INACTIVE',
  RegisterInactive = 'REGISTER_INACTIVE',
  RegisterNotInStore = 'REGISTER_NOT_IN_STORE',
  UnknownProduct = 'UNKNOWN_PRODUCT',
  InactiveProduct = 'INACTIVE_PRODUCT',
}

export class RetailException extends DomainException<RetailErrorCode> {
  constructor(code: RetailErrorCode, message: string) {
    super(code, message);
  }

  static notFound(code: RetailErrorCode, what: string, id: number): RetailException {
    return new RetailException(code, `${what} ${id} not found`);
  }

  get httpStatus(): HttpStatus {
    switch (this.code) {
      case RetailErrorCode.StoreNotFound:
      case RetailErrorCode.RegisterNotFound:
      case RetailErrorCode.SaleNotFound:
      case RetailErrorCode.ReturnNotFound:
        return HttpStatus.NOT_FOUND;
      case RetailErrorCode.StoreCodeTaken:
      case RetailErrorCode.RegisterCodeTaken:
        return HttpStatus.CONFLICT;
      case RetailErrorCode.StoreInactive:
      case RetailErrorCode.RegisterInactive:
      case RetailErrorCode.RegisterNotInStore:
      case RetailErrorCode.UnknownProduct:
      case RetailErrorCode.InactiveProduct:
        return HttpStatus.UNPROCESSABLE_ENTITY;
      default: {
        const unhandled: never = this.code;
        throw new Error(`Unhandled retail error code ${String(unhandled)}`);
      }
    }
  }
}
