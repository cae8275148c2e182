// The seed's stress load: the same browsing ramping to 300 users; p95 under 200 ms, under 5% errors.
import { BROWSE } from './actions.js';

export default {
  name: 'stress',
  description: 'catalogue browsing, ramping to 300 users (seed: p95 < 200 ms, errors < 5%)',
  stages: [
    { duration: '20s', target: 100 },
    { duration: '20s', target: 300 },
    { duration: '1m', target: 300 },
    { duration: '10s', target: 0 },
  ],
  thinkTime: { min: 0.1, max: 0.3 },
  thresholds: { http_req_duration: ['p(95)<200'], http_req_failed: ['rate<0.05'] },
  actions: BROWSE,
};
