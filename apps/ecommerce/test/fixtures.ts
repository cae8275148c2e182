import { CatalogueProduct } from '@app/catalogue';
import { AddressDto, CreateOrderCommand, PaymentMethod } from '@app/contracts';
import { DataSource } from 'typeorm';
import { Customer } from '../src/customers/customer.entity';

export const SHIPPING: AddressDto = { street: '12 rue de la Paix', city: 'Paris', postal_code: '75002', country: 'FR' };
export const BILLING: AddressDto = { street: '3 place Bellecour', city: 'Lyon', postal_code: '69002', country: 'FR' };

/** Rows of the local catalogue copy, as inventory's events would leave them; ids from 1. */
export async function givenCatalogue(
  dataSource: DataSource,
  products: Array<{ price: string; active?: boolean }>,
): Promise<CatalogueProduct[]> {
  return dataSource.getRepository(CatalogueProduct).save(
    products.map(({ price, active = true }, i) => ({
      productId: i + 1,
      sku: `TEST-${i + 1}`,
      name: `Test product ${i + 1}`,
      categoryId: null,
      categoryName: null,
      price,
      active,
      sourceUpdatedAt: new Date('2030-01-01T00:00:00Z'),
    })),
  );
}

let customers = 0;

export async function givenCustomer(dataSource: DataSource, name = 'Test customer'): Promise<Customer> {
  return dataSource.getRepository(Customer).save({ name, email: `customer-${++customers}@example.com`, phone: null });
}

let sagas = 0;

/** A create-order command of a new saga, as the orchestrator sends it. */
export function createOrderCommand(
  customerId: number,
  lines: Array<[productId: number, quantity: number]>,
  paymentMethod: PaymentMethod = 'credit_card',
): CreateOrderCommand {
  const sagaId = `saga-${++sagas}`;
  return {
    idempotency_key: `${sagaId}:CREATE_ORDER`,
    saga_id: sagaId,
    customer_id: customerId,
    lines: lines.map(([product_id, quantity]) => ({ product_id, quantity })),
    shipping_address: SHIPPING,
    billing_address: BILLING,
    payment_method: paymentMethod,
  };
}

/** The key the saga uses for one of its later steps. */
export function stepKey(command: CreateOrderCommand, step: string): string {
  return `${command.saga_id}:${step}`;
}

/** The saga commands' catalogue: 1 and 2 everyday products, 3 withdrawn, 4 and 5 either side of the 10000.00 payment limit when bought twice. */
export function givenSagaCatalogue(dataSource: DataSource) {
  return givenCatalogue(dataSource, [
    { price: '1.20' },
    { price: '0.65' },
    { price: '2.49', active: false },
    { price: '5000.00' },
    { price: '5000.01' },
  ]);
}
