// Facts about the demo data that `npm start` loads (libs/catalogue DEMO_*, apps/*/src/seed), so that every
// generated request names things that exist. Plain data: imported by the k6 scripts and by Node alike.

/** Inventory's demo products are 1..30, categories 1..6, in the order of libs/catalogue DEMO_PRODUCTS. */
export const PRODUCT_COUNT = 30;
export const CATEGORY_COUNT = 6;

/** Location 1 is the central warehouse, 2..6 the stores (DEMO_LOCATIONS order). */
export const WAREHOUSE_LOCATION = 1;
export const STORE_LOCATIONS = [2, 3, 4, 5, 6];

/** Retail's demo stores 1..5 and their cash registers (2, 3, 2, 3, 2 registers, numbered in order). */
export const STORE_REGISTERS = [
  { store_id: 1, register_ids: [1, 2] },
  { store_id: 2, register_ids: [3, 4, 5] },
  { store_id: 3, register_ids: [6, 7] },
  { store_id: 4, register_ids: [8, 9, 10] },
  { store_id: 5, register_ids: [11, 12] },
];

/** Ecommerce's demo customers; 99999 is the seed document's customer that does not exist. */
export const CUSTOMERS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 123];
export const UNKNOWN_CUSTOMER = 99999;

/** Accepted by the simulated provider; `declined_card` is always declined. */
export const PAYMENT_METHODS = ['credit_card', 'debit_card', 'paypal'];
export const DECLINED_PAYMENT_METHOD = 'declined_card';

const ADDRESS = { street: '1 rue de Rivoli', city: 'Paris', postal_code: '75001', country: 'FR' };

/** Saga states after which nothing changes any more. */
export const TERMINAL_SAGA_STATUSES = ['COMPLETED', 'COMPENSATED', 'FAILED'];

/** Units set at every location before a run, so that orders are never refused for want of stock. */
export const STOCK_TOP_UP = 1000000;

/** The order-processing request body of the seed document. */
export function orderBody(lines, paymentMethod) {
  return { products: lines, shipping_address: ADDRESS, billing_address: ADDRESS, payment_method: paymentMethod };
}
