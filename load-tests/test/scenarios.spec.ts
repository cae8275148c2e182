import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parse } from 'yaml';
import { UpdateStockDto } from '../../apps/inventory/src/stock/stock.dto';
import { CreateSaleDto } from '../../apps/retail/src/sales/sales.dto';
import { StartOrderProcessingDto } from '../../apps/saga-orchestrator/src/sagas/sagas.dto';

// The shared modules are plain ES modules (k6 runs them too): required through Jest's transform, typed here.
type Expect = Array<number | { min: number; max: number }>;
interface Step {
  name?: string;
  method: string;
  path: string;
  body?: unknown;
  expect?: Expect;
}
interface Action {
  name: string;
  weight: number;
  tags?: string[];
  trend?: string;
  steps: Step[];
}
interface Scenario {
  name: string;
  description: string;
  stages: Array<{ duration: string; target: number }>;
  thinkTime: { min: number; max: number };
  thresholds: Record<string, string[]>;
  setup?: Step[];
  actions: Action[];
}
interface Request {
  type: 'request';
  method: string;
  url: string;
  body: string | null;
  headers: Record<string, string>;
  name: string;
  expect: Expect;
}
type Instruction =
  | Request
  | { type: 'sleep'; seconds: number }
  | { type: 'check'; name: string; passed: boolean }
  | { type: 'trend'; name: string; value: number };
type Answer = { status: number; body: string } | undefined;
interface Settings {
  baseUrl: string;
  apiKey: string;
  direct: boolean;
  durationScale: number;
  userScale: number;
  thinkTime?: number;
  exclude: string[];
}
interface Plan {
  name: string;
  stages: Array<{ seconds: number; target: number }>;
  trends: string[];
  thinkTime: { min: number; max: number };
  setup: Step[];
}
type Metric = { kind: 'trend'; sorted: number[] } | { kind: 'rate'; passes: number; total: number };
interface Engine {
  BUILT_IN_METRICS: Record<string, string>;
  settingsFrom(env: Record<string, string | undefined>): Settings;
  planOf(scenario: Scenario, settings: Settings): Plan;
  iteration(plan: Plan, helpers?: unknown): Generator<Instruction, void, Answer>;
  setup(plan: Plan): Generator<Instruction, void, Answer>;
  parseDuration(text: string): number;
  parseThreshold(expression: string): unknown;
  usersAt(stages: Plan['stages'], t: number): number;
  evaluateThresholds(
    thresholds: Record<string, string[]>,
    metrics: Record<string, Metric>,
  ): Array<{ metric: string; actual: number | null; passed: boolean }>;
  urlOf(path: string, settings: Settings): string;
}

const LOAD_TESTS = resolve(__dirname, '..');
const engine = require('../scenarios/engine.js') as Engine;
const { SCENARIOS } = require('../scenarios/index.js') as { SCENARIOS: Record<string, Scenario> };

const settings = (env: Record<string, string> = {}) => engine.settingsFrom(env);

/** Runs an engine generator, answering each request with `respond`; returns every instruction it yielded. */
function drive(
  generator: Generator<Instruction, void, Answer>,
  respond: (request: Request) => { status: number; body?: unknown },
) {
  const seen: Instruction[] = [];
  for (let next = generator.next(undefined); !next.done;) {
    seen.push(next.value);
    if (next.value.type === 'request') {
      const answer = respond(next.value);
      next = generator.next({ status: answer.status, body: JSON.stringify(answer.body ?? {}) });
    } else {
      next = generator.next(undefined);
    }
  }
  return seen;
}

/** A system that answers every request as expected; sagas end COMPLETED. */
const happySystem = (request: Request) => {
  const first = request.expect[0];
  return {
    status: typeof first === 'number' ? first : 200,
    body: { saga_id: '6f1c1a4e-0c1b-4d3a-9a55-3c3f3c0d2e11', status: 'COMPLETED' },
  };
};

/** Every request `iterations` iterations of the scenario make (random variables drawn afresh each time). */
function requestsOf(scenario: Scenario, iterations = 200): Request[] {
  const plan = engine.planOf(scenario, settings());
  const requests: Request[] = [];
  for (let i = 0; i < iterations; i++) {
    for (const instruction of drive(engine.iteration(plan), happySystem))
      if (instruction.type === 'request') requests.push(instruction);
  }
  return requests;
}

const pathOf = (url: string) => url.replace(/^https?:\/\/[^/]+/, '');

/** Route paths of kong/kong.yml: what the gateway serves. */
function gatewayRoutes(): Array<(path: string) => boolean> {
  const config = parse(readFileSync(resolve(LOAD_TESTS, '../kong/kong.yml'), 'utf8')) as {
    services: Array<{ routes: Array<{ paths: string[] }> }>;
  };
  return config.services.flatMap((service) =>
    service.routes.flatMap((route) =>
      route.paths.map((routePath) =>
        routePath.startsWith('~')
          ? (path: string) => new RegExp(`^${routePath.slice(1)}`).test(path)
          : (path: string) => path.startsWith(routePath),
      ),
    ),
  );
}

const BODY_DTOS: Array<[RegExp, new () => object]> = [
  [/^POST \/api\/v1\/sales$/, CreateSaleDto],
  [/^POST \/api\/v1\/customers\/\d+\/order-processing$/, StartOrderProcessingDto],
  [/^PUT \/api\/v1\/stock\/\d+$/, UpdateStockDto],
];

/** What the service's ValidationPipe would say about the body (whitelist, unknown fields refused). */
async function validationErrors(request: Request): Promise<string[]> {
  const key = `${request.method} ${pathOf(request.url)}`;
  const dto = BODY_DTOS.find(([pattern]) => pattern.test(key));
  if (!dto) return [`no DTO known for ${key}`];
  const errors = await validate(plainToInstance(dto[1], JSON.parse(request.body as string)), {
    whitelist: true,
    forbidNonWhitelisted: true,
  });
  return errors.map((error) => `${key}: ${error.property} ${JSON.stringify(error.constraints ?? error.children)}`);
}

describe('load-test scenarios', () => {
  it('are the four of issue 8, each under its own name', () => {
    expect(Object.keys(SCENARIOS).sort()).toEqual(['medium', 'mixed', 'saga', 'stress']);
    for (const [key, scenario] of Object.entries(SCENARIOS)) expect(scenario.name).toBe(key);
  });

  it("keep the seed's users and thresholds for medium load and stress", () => {
    const peak = (scenario: Scenario) => Math.max(...scenario.stages.map((stage) => stage.target));
    expect(peak(SCENARIOS.medium)).toBe(100);
    expect(SCENARIOS.medium.thresholds).toEqual({ http_req_duration: ['p(95)<105'], http_req_failed: ['rate<0.1'] });
    expect(peak(SCENARIOS.stress)).toBe(300);
    expect(SCENARIOS.stress.thresholds).toEqual({ http_req_duration: ['p(95)<200'], http_req_failed: ['rate<0.05'] });
  });

  describe.each(Object.keys(SCENARIOS))('%s', (name) => {
    const scenario = SCENARIOS[name];

    it('ramps up from nothing and back down to no user, in k6 durations', () => {
      expect(scenario.description).toEqual(expect.any(String));
      expect(scenario.stages.length).toBeGreaterThanOrEqual(2);
      for (const stage of scenario.stages) {
        expect(engine.parseDuration(stage.duration)).toBeGreaterThan(0);
        expect(Number.isInteger(stage.target) && stage.target >= 0).toBe(true);
      }
      expect(scenario.stages[scenario.stages.length - 1].target).toBe(0);
      expect(scenario.thinkTime.min).toBeLessThanOrEqual(scenario.thinkTime.max);
    });

    it('has thresholds on metrics that exist, in k6 syntax', () => {
      const trends = new Set(scenario.actions.map((action) => action.trend).filter(Boolean));
      for (const [metric, expressions] of Object.entries(scenario.thresholds)) {
        expect(metric in engine.BUILT_IN_METRICS || trends.has(metric)).toBe(true);
        for (const expression of expressions) expect(() => engine.parseThreshold(expression)).not.toThrow();
      }
      expect(scenario.thresholds.http_req_duration).toBeDefined();
      expect(scenario.thresholds.http_req_failed).toBeDefined();
    });

    it('sends only requests the gateway routes and the services accept', async () => {
      expect(scenario.actions.every((action) => action.weight > 0 && action.steps.length > 0)).toBe(true);
      const routes = gatewayRoutes();
      const setupRequests = drive(engine.setup(engine.planOf(scenario, settings())), happySystem).filter(
        (instruction): instruction is Request => instruction.type === 'request',
      );
      const requests = [...setupRequests, ...requestsOf(scenario)];
      const unrouted = requests.map((request) => pathOf(request.url)).filter((path) => !routes.some((matches) => matches(path)));
      expect(unrouted).toEqual([]);
      const invalid = (await Promise.all(requests.filter((request) => request.body !== null).map(validationErrors))).flat();
      expect(invalid).toEqual([]);
      expect(requests.every((request) => request.url.startsWith('http://127.0.0.1:8000/api/v1/'))).toBe(true);
      expect(requests.every((request) => request.headers['x-api-key'] === 'bench-key-24680')).toBe(true);
    });
  });

  it('saga: completed orders and orders compensated by a declined card or the unknown customer 99999', () => {
    const requests = requestsOf(SCENARIOS.saga, 300).filter((request) => request.method === 'POST');
    const bodies = requests.map((request) => JSON.parse(request.body as string) as { payment_method: string });
    expect(requests.some((request) => request.url.includes('/customers/99999/order-processing'))).toBe(true);
    expect(bodies.some((body) => body.payment_method === 'declined_card')).toBe(true);
    expect(bodies.some((body) => body.payment_method !== 'declined_card')).toBe(true);
    expect(requests.every((request) => request.headers['Idempotency-Key'])).toBe(true);
  });

  it('saga: follows each order until it has ended and checks the outcome it expects', () => {
    const plan = engine.planOf(SCENARIOS.saga, settings({ EXCLUDE: 'order completes,order compensated: unknown customer' }));
    const statuses = ['PENDING', 'PAYMENT_PROCESSING', 'COMPENSATED'];
    const seen = drive(engine.iteration(plan), (request) =>
      request.method === 'POST'
        ? { status: 202, body: { saga_id: 'a-saga', status: 'PENDING' } }
        : { status: 200, body: { status: statuses.shift() } },
    );
    const polls = seen.filter((instruction) => instruction.type === 'request' && instruction.method === 'GET') as Request[];
    expect(polls.map((poll) => pathOf(poll.url))).toEqual(Array(3).fill('/api/v1/sagas/a-saga'));
    expect(seen).toContainEqual({ type: 'check', name: 'saga ends as expected', passed: true });
    expect(seen).toContainEqual({ type: 'trend', name: 'saga_duration', value: expect.any(Number) });
  });

  it('saga: an order that ends otherwise than expected fails its check', () => {
    const plan = engine.planOf(SCENARIOS.saga, settings({ EXCLUDE: 'order completes,order compensated: card declined' }));
    const seen = drive(engine.iteration(plan), (request) =>
      request.method === 'POST' ? { status: 202, body: { saga_id: 'a-saga' } } : { status: 200, body: { status: 'COMPLETED' } },
    );
    expect(seen).toContainEqual({ type: 'check', name: 'saga ends as expected', passed: false });
  });

  it('mixed: browses products and stock, records store sales, places online orders, reads reports', () => {
    const names = new Set(requestsOf(SCENARIOS.mixed, 1000).map((request) => request.name));
    for (const name of [
      'GET /api/v1/products',
      'GET /api/v1/stock/{product_id}',
      'GET /api/v1/stock?product_id&location_id',
      'POST /api/v1/sales',
      'POST /api/v1/customers/{id}/order-processing',
      'GET /api/v1/sagas/{id}',
      'GET /api/v1/reports/sales',
    ]) {
      expect(names).toContain(name);
    }
  });
});

describe('scenario engine', () => {
  it('reads k6 durations', () => {
    expect(engine.parseDuration('1m30s')).toBe(90);
    expect(engine.parseDuration('500ms')).toBe(0.5);
    expect(() => engine.parseDuration('90')).toThrow('not a duration');
  });

  it('ramps users linearly between stage targets, from zero', () => {
    const stages = [
      { seconds: 10, target: 100 },
      { seconds: 10, target: 100 },
      { seconds: 5, target: 0 },
    ];
    expect([0, 5, 10, 15, 22.5, 25].map((t) => engine.usersAt(stages, t))).toEqual([0, 50, 100, 100, 50, 0]);
  });

  it('scales stages and refuses bad settings by name', () => {
    const plan = engine.planOf(SCENARIOS.stress, settings({ DURATION_SCALE: '0.5', USER_SCALE: '0.1', THINK_TIME: '0' }));
    expect(plan.stages[0]).toEqual({ seconds: 10, target: 10 });
    expect(plan.thinkTime).toEqual({ min: 0, max: 0 });
    expect(() => settings({ DURATION_SCALE: 'fast' })).toThrow('DURATION_SCALE');
    expect(() => settings({ BASE_URL: 'localhost:8000' })).toThrow('BASE_URL');
  });

  it('goes straight to the services with DIRECT=1, the order saga to the orchestrator', () => {
    const direct = settings({ DIRECT: '1', BASE_URL: 'http://10.0.0.5:8000' });
    expect(engine.urlOf('/api/v1/customers/1/order-processing', direct)).toBe(
      'http://10.0.0.5:3005/api/v1/customers/1/order-processing',
    );
    expect(engine.urlOf('/api/v1/customers/1', direct)).toBe('http://10.0.0.5:3002/api/v1/customers/1');
    expect(engine.urlOf('/api/v1/stock?product_id=1', direct)).toBe('http://10.0.0.5:3001/api/v1/stock?product_id=1');
    expect(engine.urlOf('/api/v1/reports/sales', direct)).toBe('http://10.0.0.5:3004/api/v1/reports/sales');
  });

  it('judges thresholds as k6 does', () => {
    const durations: Metric = { kind: 'trend', sorted: Array.from({ length: 100 }, (_, i) => i + 1) };
    const results = engine.evaluateThresholds(
      { http_req_duration: ['p(95)<105', 'p(95)<90'], http_req_failed: ['rate<0.1'], checks: ['rate>0.99'] },
      {
        http_req_duration: durations,
        http_req_failed: { kind: 'rate', passes: 20, total: 100 },
        checks: { kind: 'rate', passes: 0, total: 0 },
      },
    );
    expect(results.map(({ metric, passed }) => [metric, passed])).toEqual([
      ['http_req_duration', true],
      ['http_req_duration', false],
      ['http_req_failed', false],
      ['checks', true], // no samples: not judged
    ]);
    expect(results[0].actual).toBeCloseTo(95.05);
    expect(results[3].actual).toBeNull();
  });
});

describe('k6 scripts', () => {
  const k6Dir = join(LOAD_TESTS, 'k6');
  const scenariosDir = join(LOAD_TESTS, 'scenarios');
  const sources = (dir: string) =>
    readdirSync(dir)
      .filter((file) => file.endsWith('.js'))
      .map((file) => join(dir, file));
  const importsOf = (file: string) =>
    [...readFileSync(file, 'utf8').matchAll(/^\s*import\s[^'"]*['"]([^'"]+)['"]/gm)].map((m) => m[1]);

  it('exist for every scenario and import it', () => {
    for (const name of Object.keys(SCENARIOS)) {
      expect(importsOf(join(k6Dir, `${name}.js`))).toContain(`../scenarios/${name}.js`);
    }
  });

  it('import only k6 modules and the shared modules, which use no Node API', () => {
    const outside: string[] = [];
    for (const file of [...sources(k6Dir), ...sources(scenariosDir)]) {
      for (const specifier of importsOf(file)) {
        if (/^k6(\/[a-z-]+)?$/.test(specifier) && file.startsWith(k6Dir)) continue;
        const target = resolve(dirname(file), specifier);
        const shared = specifier.startsWith('.') && [k6Dir, scenariosDir].includes(dirname(target));
        if (!shared || (file.startsWith(scenariosDir) && dirname(target) !== scenariosDir))
          outside.push(`${relative(LOAD_TESTS, file)}: ${specifier}`);
      }
      // Comments may name Node APIs; code may not.
      const source = readFileSync(file, 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/\/\/.*$/gm, '');
      if (/\b(process\.|require\(|Buffer\.|__dirname|performance\.)|['"]node:/.test(source))
        outside.push(`${relative(LOAD_TESTS, file)}: Node API`);
    }
    expect(outside).toEqual([]);
  });

  describe('under a stand-in for k6', () => {
    const calls: Array<{
      method: string;
      url: string;
      body: string | null;
      params: { headers: Record<string, string>; tags: { name: string } };
    }> = [];
    const checks: Array<Record<string, () => boolean>> = [];
    const trends: Record<string, number[]> = {};
    let sagaStatus = 'COMPLETED';

    function loadScript(name: string, env: Record<string, string>) {
      (globalThis as { __ENV?: Record<string, string> }).__ENV = env;
      let script: { options: unknown; setup: () => void; default: () => void } | undefined;
      jest.isolateModules(() => {
        jest.doMock(
          'k6',
          () => ({ check: (_: unknown, sets: Record<string, () => boolean>) => checks.push(sets), sleep: () => undefined }),
          {
            virtual: true,
          },
        );
        jest.doMock(
          'k6/http',
          () => ({
            expectedStatuses: (...statuses: unknown[]) => ({ statuses }),
            request: (method: string, url: string, body: string | null, params: (typeof calls)[number]['params']) => {
              calls.push({ method, url, body, params });
              if (method === 'POST') return { status: 202, body: JSON.stringify({ saga_id: 'a-saga', status: 'PENDING' }) };
              return { status: 200, body: JSON.stringify({ status: sagaStatus }) };
            },
          }),
          { virtual: true },
        );
        jest.doMock(
          'k6/metrics',
          () => ({
            Trend: class {
              constructor(private readonly name: string) {
                trends[name] = [];
              }
              add(value: number) {
                trends[this.name].push(value);
              }
            },
          }),
          { virtual: true },
        );
        script = require(`../k6/${name}.js`);
      });
      return script!;
    }

    beforeEach(() => {
      calls.length = 0;
      checks.length = 0;
    });

    it.each(Object.keys(SCENARIOS))("%s: options are the scenario's ramp and thresholds", (name) => {
      const script = loadScript(name, { DURATION_SCALE: '0.5' });
      const plan = engine.planOf(SCENARIOS[name], settings({ DURATION_SCALE: '0.5' }));
      expect(script.options).toEqual({
        scenarios: {
          [name]: {
            executor: 'ramping-vus',
            startVUs: 0,
            stages: plan.stages.map((stage) => ({ duration: `${stage.seconds * 1000}ms`, target: stage.target })),
            gracefulRampDown: '10s',
          },
        },
        thresholds: SCENARIOS[name].thresholds,
        setupTimeout: '2m',
      });
    });

    it('saga: setup tops up stock, an iteration orders and follows the saga through k6/http', () => {
      const script = loadScript('saga', { BASE_URL: 'http://gateway:8000', API_KEY: 'k6-key' });
      script.setup();
      expect(calls).toHaveLength(30);
      expect(calls[0]).toMatchObject({ method: 'PUT', url: 'http://gateway:8000/api/v1/stock/1' });
      calls.length = 0;
      sagaStatus = 'COMPLETED';
      let iterations = 0;
      // Compensated orders expect COMPENSATED: run until one expected to complete has been seen.
      while (
        !calls.some((call) => call.method === 'POST' && !call.body?.includes('declined_card') && !call.url.includes('99999'))
      ) {
        script.default();
        iterations++;
      }
      const post = calls.find((call) => call.method === 'POST')!;
      expect(post.params.headers['x-api-key']).toBe('k6-key');
      expect(post.params.tags.name).toBe('POST /api/v1/customers/{id}/order-processing');
      expect(calls.filter((call) => call.method === 'GET').map((call) => call.url)).toContain(
        'http://gateway:8000/api/v1/sagas/a-saga',
      );
      const results = checks.map((sets) => sets['saga ends as expected']());
      expect(results).toHaveLength(iterations);
      expect(results[results.length - 1]).toBe(true);
      expect(trends.saga_duration.length).toBeGreaterThanOrEqual(1);
    });
  });
});
