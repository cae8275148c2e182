// Order-processing sagas, completed and compensated, each followed until it has ended.
//   k6 run -e BASE_URL=http://127.0.0.1:8000 -e API_KEY=bench-key-24680 load-tests/k6/saga.js
// The scenario itself is ../scenarios/saga.js, shared with the Node runner (npm run load-test -- saga).
import scenario from '../scenarios/saga.js';
import { k6Script } from './driver.js';

const script = k6Script(scenario);

export const options = script.options;
export const setup = script.setup;
export default script.iteration;
