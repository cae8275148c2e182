import { DomainException } from '@app/bootstrap';
import { HttpStatus } from '@nestjs/common';

export enum ReportingErrorCode {
  StoreNotFound = 'STORE_NOT_FOUND',
  LocationNotFound = 'LOCATION_NOT_FOUND',
  ProductNotFound = 'PRODUCT_NOT_FOUND',
  CategoryNotFound = 'CATEGORY_NOT_FOUND',
}

/** Reporting knows stores, locations, products and categories from their events: an id it never heard of is a 404. */
export class ReportingException extends DomainException<ReportingErrorCode> {
  constructor(code: ReportingErrorCode, message: string) {
    super(code, message);
  }

  static notFound(code: ReportingErrorCode, what: string, id: number): ReportingException {
    return new ReportingException(code, `${what} ${id} not found`);
  }

  get httpStatus(): HttpStatus {
    switch (this.code) {
      case ReportingErrorCode.StoreNotFound:
      case ReportingErrorCode.LocationNotFound:
      case ReportingErrorCode.ProductNotFound:
      case ReportingErrorCode.CategoryNotFound:
        return HttpStatus.NOT_FOUND;
      default: {
        const unhandled: never = this.code;
        throw new Error(`Unhandled reporting error code ${String(unhandled)}`);
      }
    }
  }
}
