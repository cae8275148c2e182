// The seed's medium load: browsing, ramping to 100 users; p95 < 105 ms, errors < 10%.
//   k6 run -e BASE_URL=http://127.0.0.1:8000 -e API_KEY=bench-key-24680 load-tests/k6/medium.js
// The scenario itself is ../scenarios/medium.js, shared with the Node runner (npm run load-test -- medium).
import scenario from '../scenarios/medium.js';
import { k6Script } from './driver.js';

const script = k6Script(scenario);

export const options = script.options;
export const setup = script.setup;
export default script.iteration;
