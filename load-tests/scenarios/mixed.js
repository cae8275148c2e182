// A realistic mix at 100 users: shoppers browse products and stock, tills record sales, customers order online
// and look at their orders, managers read reports.
import { ACCOUNT, BROWSE, ORDERS, REPORTS, STORE, stockTopUp } from './actions.js';
import { STORE_LOCATIONS, WAREHOUSE_LOCATION } from './data.js';

export default {
  name: 'mixed',
  description: 'browsing, store stock and sales, online orders, customer orders and reports, ramping to 100 users',
  stages: [
    { duration: '20s', target: 100 },
    { duration: '1m', target: 100 },
    { duration: '10s', target: 0 },
  ],
  thinkTime: { min: 0.5, max: 1.5 },
  thresholds: {
    http_req_duration: ['p(95)<105'],
    http_req_failed: ['rate<0.1'],
    checks: ['rate>0.99'],
    saga_duration: ['p(95)<1000'],
  },
  setup: stockTopUp([WAREHOUSE_LOCATION, ...STORE_LOCATIONS]),
  actions: [...BROWSE, ...STORE, ...ORDERS, ...ACCOUNT, ...REPORTS],
};
