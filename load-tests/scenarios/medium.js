// The seed's medium load: catalogue browsing ramping to 100 users; p95 under 105 ms, under 10% errors.
import { BROWSE } from './actions.js';

export default {
  name: 'medium',
  description: 'catalogue browsing, ramping to 100 users (seed: p95 < 105 ms, errors < 10%)',
  stages: [
    { duration: '20s', target: 100 },
    { duration: '1m', target: 100 },
    { duration: '10s', target: 0 },
  ],
  // Seconds between a user's requests: 300 users at about 0.2 s make the seed's 1,200 requests/s.
  thinkTime: { min: 0.1, max: 0.3 },
  thresholds: { http_req_duration: ['p(95)<105'], http_req_failed: ['rate<0.1'] },
  actions: BROWSE,
};
