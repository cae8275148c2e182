import { SaleRecordedV1, SaleReturnedV1, StoreUpsertedV1 } from '@app/contracts';
import { SaleReturn } from './returns/sale-return.entity';
import { Sale } from './sales/sale.entity';
import { Store } from './stores/store.entity';

/**
 * The payloads retail publishes, built in one place for live sales and for demo history alike.
 * `imported`: history whose stock effect inventory already counts, so it must not apply it again.
 */
export function saleRecordedV1(sale: Sale, store: Store, imported: boolean): SaleRecordedV1 {
  return {
    sale_id: sale.id,
    store_id: sale.storeId,
    location_id: store.locationId,
    register_id: sale.registerId,
    lines: sale.lines.map((line) => ({
      product_id: line.productId,
      quantity: line.quantity,
      unit_price: line.unitPrice,
      line_total: line.lineTotal,
    })),
    total: sale.total,
    sold_at: sale.soldAt.toISOString(),
    imported,
  };
}

export function saleReturnedV1(saleReturn: SaleReturn, store: Store, imported: boolean): SaleReturnedV1 {
  return {
    return_id: saleReturn.id,
    sale_id: saleReturn.saleId,
    store_id: saleReturn.storeId,
    location_id: store.locationId,
    lines: saleReturn.lines.map((line) => ({ product_id: line.productId, quantity: line.quantity, refund: line.refund })),
    total_refund: saleReturn.totalRefund,
    returned_at: saleReturn.returnedAt.toISOString(),
    imported,
  };
}

export function storeUpsertedV1(store: Store): StoreUpsertedV1 {
  return { store_id: store.id, code: store.code, name: store.name, location_id: store.locationId, active: store.active };
}
