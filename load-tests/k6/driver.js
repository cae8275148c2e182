// Runs a shared scenario (../scenarios) in k6: options from its stages and thresholds, and its iterations
// performed with k6/http. Settings come from k6's environment (-e BASE_URL=… or the shell), see engine.js.
import { check, sleep } from 'k6';
import http from 'k6/http';
import { Trend } from 'k6/metrics';
import { iteration, k6Stages, planOf, settingsFrom, setup } from '../scenarios/engine.js';

/** Performs one instruction of the engine; returns what the generator is to receive. */
function perform(instruction, trends) {
  switch (instruction.type) {
    case 'request': {
      const response = http.request(instruction.method, instruction.url, instruction.body, {
        headers: instruction.headers,
        tags: { name: instruction.name },
        responseCallback: http.expectedStatuses(...instruction.expect),
      });
      return { status: response.status, body: typeof response.body === 'string' ? response.body : '' };
    }
    case 'sleep':
      sleep(instruction.seconds);
      return undefined;
    case 'check':
      check(null, { [instruction.name]: () => instruction.passed });
      return undefined;
    case 'trend':
      trends[instruction.name].add(instruction.value);
      return undefined;
    default:
      throw new Error(`unknown instruction ${instruction.type}`);
  }
}

function drive(generator, trends) {
  for (let step = generator.next(); !step.done; step = generator.next(perform(step.value, trends)));
}

/** `options`, `setup` and the default function of a k6 script for `scenario`. */
export function k6Script(scenario) {
  const plan = planOf(scenario, settingsFrom(__ENV));
  // Custom metrics must be created in k6's init context, which is where this runs.
  const trends = Object.fromEntries(plan.trends.map((name) => [name, new Trend(name, true)]));
  return {
    options: {
      scenarios: {
        [plan.name]: { executor: 'ramping-vus', startVUs: 0, stages: k6Stages(plan.stages), gracefulRampDown: '10s' },
      },
      thresholds: plan.thresholds,
      setupTimeout: '2m',
    },
    setup: () => drive(setup(plan), trends),
    iteration: () => drive(iteration(plan), trends),
  };
}
