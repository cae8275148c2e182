// The seed's stress load: browsing, ramping to 300 users; p95 < 200 ms, errors < 5%.
//   k6 run -e BASE_URL=http://127.0.0.1:8000 -e API_KEY=bench-key-24680 load-tests/k6/stress.js
// The scenario itself is ../scenarios/stress.js, shared with the Node runner (npm run load-test -- stress).
import scenario from '../scenarios/stress.js';
import { k6Script } from './driver.js';

const script = k6Script(scenario);

export const options = script.options;
export const setup = script.setup;
export default script.iteration;
