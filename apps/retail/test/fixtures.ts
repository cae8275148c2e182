import { CatalogueProduct } from '@app/catalogue';
import { OutboxEvent } from '@app/events';
import { DataSource } from 'typeorm';
import { CashRegister } from '../src/cash-registers/cash-register.entity';
import { Sale, SaleLine } from '../src/sales/sale.entity';
import { Store } from '../src/stores/store.entity';

/** Rows of the local catalogue copy, as inventory's product events would leave them. */
export async function givenProducts(dataSource: DataSource, products: Array<{ id: number; price: string; active?: boolean }>) {
  await dataSource.getRepository(CatalogueProduct).insert(
    products.map(({ id, price, active = true }) => ({
      productId: id,
      sku: `TEST-${id}`,
      name: `Test product ${id}`,
      categoryId: null,
      categoryName: null,
      price,
      active,
      sourceUpdatedAt: new Date(),
    })),
  );
}

export function givenStore(dataSource: DataSource, code: string, fields: Partial<Store> = {}): Promise<Store> {
  return dataSource
    .getRepository(Store)
    .save({ code, name: `Store ${code}`, locationId: 2, address: null, active: true, ...fields });
}

export function givenRegister(dataSource: DataSource, store: Store, code: string, active = true): Promise<CashRegister> {
  return dataSource.getRepository(CashRegister).save({ storeId: store.id, code, active });
}

/** A sale written directly, at a chosen time, for tests of reading and filtering. */
export function givenSale(
  dataSource: DataSource,
  register: CashRegister,
  soldAt: string,
  lines: Array<[productId: number, quantity: number]> = [[1, 1]],
): Promise<Sale> {
  return dataSource.getRepository(Sale).save({
    storeId: register.storeId,
    registerId: register.id,
    soldAt: new Date(soldAt),
    total: `${lines.reduce((sum, [, quantity]) => sum + quantity, 0)}.00`,
    lines: lines.map(([productId, quantity]) =>
      dataSource.getRepository(SaleLine).create({ productId, quantity, unitPrice: '1.00', lineTotal: `${quantity}.00` }),
    ),
  });
}

export function eventsOf(dataSource: DataSource, type: 'retail.sale.recorded' | 'retail.sale.returned'): Promise<OutboxEvent[]> {
  return dataSource.getRepository(OutboxEvent).find({ where: { type }, order: { id: 'ASC' } });
}
