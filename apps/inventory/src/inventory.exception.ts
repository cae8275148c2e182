import { DomainException } from '@app/bootstrap';
import { HttpStatus } from '@nestjs/common';

export enum InventoryErrorCode {
  ProductNotFound = 'PRODUCT_NOT_FOUND',
  CategoryNotFound = 'CATEGORY_NOT_FOUND',
  SupplierNotFound = 'SUPPLIER_NOT_FOUND',
  LocationNotFound = 'LOCATION_NOT_FOUND',
  RestockRequestNotFound = 'RESTOCK_REQUEST_NOT_FOUND',
  SkuTaken = 'SKU_TAKEN',
  CategoryNameTaken = 'CATEGORY_NAME_TAKEN',
  LocationCodeTaken = 'LOCATION_CODE_TAKEN',
  CategoryInUse = 'CATEGORY_IN_USE',
  SupplierInUse = 'SUPPLIER_IN_USE',
  StockBelowReserved = 'STOCK_BELOW_RESERVED',
  InsufficientStock = 'INSUFFICIENT_STOCK',
  RestockNotPending = 'RESTOCK_NOT_PENDING',
  NotAStore = 'NOT_A_STORE',
  NoWarehouse = 'NO_WAREHOUSE',
  InvalidStockChange = 'INVALID_STOCK_CHANGE',
}

export class InventoryException extends DomainException<InventoryErrorCode> {
  constructor(code: InventoryErrorCode, message: string) {
    super(code, message);
  }

  static notFound(code: InventoryErrorCode, what: string, id: number | string): InventoryException {
    return new InventoryException(code, `${what} ${id} not found`);
  }

  /** A delete refused because products still refer to the row, saying how many. */
  static inUse(code: InventoryErrorCode, what: string, id: number, products: number): InventoryException {
    const use = products === 1 ? '1 product uses' : `${products} products use`;
    return new InventoryException(code, `${what[0].toUpperCase()}${what.slice(1)} ${id} cannot be deleted: ${use} this ${what}`);
  }

  get httpStatus(): HttpStatus {
    switch (this.code) {
      case InventoryErrorCode.ProductNotFound:
      case InventoryErrorCode.CategoryNotFound:
      case InventoryErrorCode.SupplierNotFound:
      case InventoryErrorCode.LocationNotFound:
      case InventoryErrorCode.RestockRequestNotFound:
        return HttpStatus.NOT_FOUND;
      case InventoryErrorCode.SkuTaken:
      case InventoryErrorCode.CategoryNameTaken:
      case InventoryErrorCode.LocationCodeTaken:
      case InventoryErrorCode.CategoryInUse:
      case InventoryErrorCode.SupplierInUse:
      case InventoryErrorCode.StockBelowReserved:
      case InventoryErrorCode.InsufficientStock:
      case InventoryErrorCode.RestockNotPending:
        return HttpStatus.CONFLICT;
      case InventoryErrorCode.NotAStore:
      case InventoryErrorCode.InvalidStockChange:
        return HttpStatus.UNPROCESSABLE_ENTITY;
      case InventoryErrorCode.NoWarehouse:
        return HttpStatus.SERVICE_UNAVAILABLE;
      default: {
        const unhandled: never = this.code;
        throw new Error(`Unhandled inventory error code ${String(unhandled)}`);
      }
    }
  }
}
