// Online orders through the saga: most complete, some are compensated (declined card, unknown customer 99999);
// each is followed until it has ended, and must end as expected.
import { ORDERS, stockTopUp } from './actions.js';

export default {
  name: 'saga',
  description: 'order-processing sagas, completed and compensated, each polled until it has ended',
  stages: [
    { duration: '15s', target: 30 },
    { duration: '1m', target: 30 },
    { duration: '10s', target: 0 },
  ],
  thinkTime: { min: 0.5, max: 1.5 },
  thresholds: {
    http_req_duration: ['p(95)<200'],
    http_req_failed: ['rate<0.01'],
    checks: ['rate>0.99'],
    saga_duration: ['p(95)<1000'],
  },
  setup: stockTopUp(),
  actions: ORDERS,
};
