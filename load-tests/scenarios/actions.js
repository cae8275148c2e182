// What users do, as request templates (see engine.js for the fields): the scenarios weigh and combine these.
// `{name}` placeholders are filled from the action's `vars`, drawn afresh for every iteration, and from `capture`.
import {
  CATEGORY_COUNT,
  CUSTOMERS,
  DECLINED_PAYMENT_METHOD,
  PAYMENT_METHODS,
  PRODUCT_COUNT,
  STOCK_TOP_UP,
  STORE_LOCATIONS,
  STORE_REGISTERS,
  TERMINAL_SAGA_STATUSES,
  UNKNOWN_CUSTOMER,
  WAREHOUSE_LOCATION,
  orderBody,
} from './data.js';

const get = (path, name) => ({ method: 'GET', path, ...(name ? { name } : {}) });

/** Catalogue browsing, the seed's medium and stress load: pages of 20, filters, a product and its stock. */
export const BROWSE = [
  {
    name: 'list products',
    weight: 50,
    vars: (r) => ({ offset: r.pick([0, 0, 0, 10]) }),
    steps: [get('/api/v1/products?limit=20&offset={offset}')],
  },
  {
    name: 'products of a category',
    weight: 15,
    vars: (r) => ({ category_id: r.int(1, CATEGORY_COUNT) }),
    steps: [get('/api/v1/products?category_id={category_id}&limit=20', 'GET /api/v1/products?category_id')],
  },
  {
    name: 'product details',
    weight: 20,
    vars: (r) => ({ product_id: r.int(1, PRODUCT_COUNT) }),
    steps: [get('/api/v1/products/{product_id}', 'GET /api/v1/products/{id}')],
  },
  {
    name: 'product stock',
    weight: 15,
    vars: (r) => ({ product_id: r.int(1, PRODUCT_COUNT) }),
    steps: [get('/api/v1/stock/{product_id}', 'GET /api/v1/stock/{product_id}')],
  },
];

/** Store staff: shelf stock, low-stock lists, a sale at a till (prices come from the catalogue, not the till). */
export const STORE = [
  {
    name: 'stock at a store',
    weight: 10,
    vars: (r) => ({ product_id: r.int(1, PRODUCT_COUNT), location_id: r.pick(STORE_LOCATIONS) }),
    steps: [get('/api/v1/stock?product_id={product_id}&location_id={location_id}', 'GET /api/v1/stock?product_id&location_id')],
  },
  {
    name: 'low stock at a store',
    weight: 3,
    vars: (r) => ({ location_id: r.pick(STORE_LOCATIONS) }),
    steps: [get('/api/v1/stock/low-stock?location_id={location_id}', 'GET /api/v1/stock/low-stock')],
  },
  { name: 'list stores', weight: 3, steps: [get('/api/v1/stores')] },
  {
    name: 'store sale',
    weight: 15,
    vars: (r) => {
      const store = r.pick(STORE_REGISTERS);
      const products = r.distinct(r.int(1, 3), 1, PRODUCT_COUNT);
      return {
        store_id: store.store_id,
        register_id: r.pick(store.register_ids),
        lines: products.map((product_id) => ({ product_id, quantity: r.int(1, 4) })),
      };
    },
    steps: [
      {
        method: 'POST',
        path: '/api/v1/sales',
        body: { store_id: '{store_id}', register_id: '{register_id}', lines: '{lines}' },
        expect: [201],
      },
    ],
  },
];

/** The online order: the saga's POST, then its status until it has ended, which must be the expected one. */
const ORDER_STEPS = [
  {
    name: 'POST /api/v1/customers/{id}/order-processing',
    method: 'POST',
    path: '/api/v1/customers/{customer_id}/order-processing',
    headers: { 'Idempotency-Key': 'load-{idempotency_key}' },
    body: orderBody([{ product_id: '{product_id}', quantity: '{quantity}' }], '{payment_method}'),
    expect: [202],
    capture: { saga_id: 'saga_id' },
  },
  {
    name: 'GET /api/v1/sagas/{id}',
    method: 'GET',
    path: '/api/v1/sagas/{saga_id}',
    poll: { until: { field: 'status', in: TERMINAL_SAGA_STATUSES }, interval: 0.1, timeout: 30 },
    check: { name: 'saga ends as expected', field: 'status', equals: '{expected_status}' },
  },
];

function order(r, fields) {
  return {
    customer_id: r.pick(CUSTOMERS),
    payment_method: r.pick(PAYMENT_METHODS),
    product_id: r.int(1, PRODUCT_COUNT),
    quantity: r.int(1, 3),
    idempotency_key: r.key(),
    expected_status: 'COMPLETED',
    ...fields,
  };
}

/** Orders in the proportions 8 completed : 1 declined card : 1 unknown customer (both compensated). */
export const ORDERS = [
  { name: 'order completes', tags: ['orders'], weight: 8, trend: 'saga_duration', vars: (r) => order(r, {}), steps: ORDER_STEPS },
  {
    name: 'order compensated: card declined',
    tags: ['orders'],
    weight: 1,
    trend: 'saga_duration',
    vars: (r) => order(r, { payment_method: DECLINED_PAYMENT_METHOD, expected_status: 'COMPENSATED' }),
    steps: ORDER_STEPS,
  },
  {
    name: 'order compensated: unknown customer',
    tags: ['orders'],
    weight: 1,
    trend: 'saga_duration',
    vars: (r) => order(r, { customer_id: UNKNOWN_CUSTOMER, expected_status: 'COMPENSATED' }),
    steps: ORDER_STEPS,
  },
];

/** A customer looking at their orders. */
export const ACCOUNT = [
  {
    name: 'customer orders',
    weight: 5,
    vars: (r) => ({ customer_id: r.pick(CUSTOMERS) }),
    steps: [get('/api/v1/orders?customer_id={customer_id}', 'GET /api/v1/orders?customer_id')],
  },
];

/** Managers and analysts (reporting service; EXCLUDE=reports while it is not running). */
export const REPORTS = [
  { name: 'sales report', tags: ['reports'], weight: 3, steps: [get('/api/v1/reports/sales')] },
  { name: 'inventory report', tags: ['reports'], weight: 2, steps: [get('/api/v1/reports/inventory')] },
  { name: 'dashboard', tags: ['reports'], weight: 1, steps: [get('/api/v1/dashboards')] },
];

/** Setup: enough stock of every product at these locations that no order or sale is refused for want of it. */
export function stockTopUp(locations = [WAREHOUSE_LOCATION]) {
  const steps = [];
  for (let product = 1; product <= PRODUCT_COUNT; product++) {
    for (const location_id of locations) {
      steps.push({
        name: 'PUT /api/v1/stock/{product_id}',
        method: 'PUT',
        path: `/api/v1/stock/${product}`,
        body: { location_id, quantity: STOCK_TOP_UP },
      });
    }
  }
  return steps;
}
