// Browsing, store stock and sales, online orders, customer orders and reports at 100 users.
//   k6 run -e BASE_URL=http://127.0.0.1:8000 -e API_KEY=bench-key-24680 load-tests/k6/mixed.js
// The scenario itself is ../scenarios/mixed.js, shared with the Node runner (npm run load-test -- mixed).
import scenario from '../scenarios/mixed.js';
import { k6Script } from './driver.js';

const script = k6Script(scenario);

export const options = script.options;
export const setup = script.setup;
export default script.iteration;
