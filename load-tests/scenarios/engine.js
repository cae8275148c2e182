// What the k6 scripts (load-tests/k6) and the Node runner (load-tests/run.mjs) share besides the scenario data:
// settings from the environment, the ramp schedule, thresholds, and a virtual user's iteration.
// Plain JavaScript without Node or k6 APIs, because k6 runs it in its own runtime and Node as an ES module.
//
// An iteration is a generator: it yields what to do and the driver does it with its own HTTP client and clock
// (k6 synchronously, Node with await), so the flow of a scenario — pick an action, fill its templates, capture,
// poll, check — exists once:
//   { type: 'request', method, url, body, headers, name, expect } → the driver answers { status, body }
//   { type: 'sleep', seconds } · { type: 'check', name, passed } · { type: 'trend', name, value (ms) }

const DEFAULT_BASE_URL = 'http://127.0.0.1:8000';
/** The gateway's load-test consumer: the seed's keys are limited to 500-1,000 requests a minute. */
const DEFAULT_API_KEY = 'bench-key-24680';

/**
 * Metrics a threshold can name: k6's built-in ones plus the trends the scenario's actions record.
 * @public for load-tests/test/scenarios.spec.ts, which requires this file
 */
export const BUILT_IN_METRICS = { http_req_duration: 'trend', http_req_failed: 'rate', checks: 'rate', iterations: 'counter' };

/** The services' HTTP ports (libs/contracts SERVICES). */
export const SERVICE_PORTS = { inventory: 3001, ecommerce: 3002, retail: 3003, reporting: 3004, 'saga-orchestrator': 3005 };

/** Which service serves a path when the gateway is bypassed (DIRECT=1), as kong/kong.yml routes it. */
const DIRECT_ROUTES = [
  [/^\/api\/v1\/customers\/[^/]+\/order-processing(\?|$)/, 'saga-orchestrator'],
  [/^\/api\/v1\/sagas(\/|\?|$)/, 'saga-orchestrator'],
  [/^\/api\/v1\/(products|categories|stock|suppliers|locations|restock-requests)(\/|\?|$)/, 'inventory'],
  [/^\/api\/v1\/(customers|carts|orders|payments|shipments)(\/|\?|$)/, 'ecommerce'],
  [/^\/api\/v1\/(stores|cash-registers|sales|returns)(\/|\?|$)/, 'retail'],
  [/^\/api\/v1\/(reports|analytics|dashboards)(\/|\?|$)/, 'reporting'],
];

const DEFAULT_EXPECT = [{ min: 200, max: 299 }];

// ---------------------------------------------------------------- settings

function number(env, name, fallback, min) {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min) throw new Error(`${name} must be a number >= ${min}, got "${raw}"`);
  return value;
}

/**
 * Run settings from environment variables (k6 `__ENV`, Node `process.env`):
 * BASE_URL, API_KEY, DIRECT (1: each service on its own port instead of the gateway), DURATION_SCALE and
 * USER_SCALE (multiply the stages' durations and targets: 0.1 for a quick try), THINK_TIME (fixed seconds
 * between iterations instead of the scenario's), EXCLUDE (comma-separated action names or tags to leave out).
 */
export function settingsFrom(env) {
  const baseUrl = (env.BASE_URL || DEFAULT_BASE_URL).replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]+$/.test(baseUrl)) throw new Error(`BASE_URL must look like http://host:port, got "${env.BASE_URL}"`);
  return {
    baseUrl,
    apiKey: env.API_KEY ?? DEFAULT_API_KEY,
    direct: ['1', 'true', 'yes'].includes(String(env.DIRECT ?? '').toLowerCase()),
    durationScale: number(env, 'DURATION_SCALE', 1, 0.001),
    userScale: number(env, 'USER_SCALE', 1, 0.001),
    thinkTime: number(env, 'THINK_TIME', undefined, 0),
    exclude: String(env.EXCLUDE ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  };
}

/**
 * The URL a step's path is sent to: the gateway's, or with DIRECT the service's own port.
 * @public for load-tests/test/scenarios.spec.ts, which requires this file
 */
export function urlOf(path, settings) {
  if (!settings.direct) return settings.baseUrl + path;
  const route = DIRECT_ROUTES.find(([pattern]) => pattern.test(path));
  if (!route) throw new Error(`no service serves ${path}`);
  return `${settings.baseUrl.replace(/:\d+$/, '')}:${SERVICE_PORTS[route[1]]}${path}`;
}

// ---------------------------------------------------------------- schedule

const DURATION_PART = /(\d+(?:\.\d+)?)(ms|s|m|h)/g;
const UNIT_SECONDS = { ms: 0.001, s: 1, m: 60, h: 3600 };

/**
 * k6 duration ('1m30s', '45s', '500ms') → seconds.
 * @public for load-tests/test/scenarios.spec.ts, which requires this file
 */
export function parseDuration(text) {
  if (typeof text === 'number') return text;
  const source = String(text);
  if (!/^(\d+(\.\d+)?(ms|s|m|h))+$/.test(source)) throw new Error(`not a duration: "${source}"`);
  let seconds = 0;
  DURATION_PART.lastIndex = 0;
  for (let part = DURATION_PART.exec(source); part; part = DURATION_PART.exec(source))
    seconds += Number(part[1]) * UNIT_SECONDS[part[2]];
  return seconds;
}

/** The scenario's stages with durations in seconds, scaled by the settings. */
function stagesOf(scenario, settings) {
  return scenario.stages.map((stage) => ({
    seconds: parseDuration(stage.duration) * settings.durationScale,
    target: Math.max(0, Math.round(stage.target * settings.userScale)),
  }));
}

export function totalSeconds(stages) {
  return stages.reduce((sum, stage) => sum + stage.seconds, 0);
}

/** Users wanted `t` seconds into the run: linear from one stage's target to the next, from 0 (k6 ramping-vus). */
export function usersAt(stages, t) {
  let from = 0;
  let start = 0;
  for (const stage of stages) {
    if (t < start + stage.seconds) return Math.round(from + ((stage.target - from) * (t - start)) / stage.seconds);
    from = stage.target;
    start += stage.seconds;
  }
  return from;
}

/** Stages in k6's notation (whole milliseconds, so scaled durations stay valid). */
export function k6Stages(stages) {
  return stages.map((stage) => ({ duration: `${Math.round(stage.seconds * 1000)}ms`, target: stage.target }));
}

// ---------------------------------------------------------------- thresholds and statistics

const THRESHOLD = /^\s*(avg|min|max|med|count|rate|p\((\d+(?:\.\d+)?)\))\s*(<=|>=|<|>|===|==|!=)\s*(-?\d+(?:\.\d+)?)\s*$/;

/**
 * A k6 threshold expression such as 'p(95)<105' or 'rate<0.1'.
 * @public for load-tests/test/scenarios.spec.ts, which requires this file
 */
export function parseThreshold(expression) {
  const match = THRESHOLD.exec(expression);
  if (!match) throw new Error(`unsupported threshold "${expression}"`);
  return {
    aggregation: match[1],
    percentile: match[2] === undefined ? undefined : Number(match[2]),
    operator: match[3],
    limit: Number(match[4]),
  };
}

/** Percentile with linear interpolation between closest ranks, as k6 computes p(N); `sorted` ascending. */
export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.min(sorted.length - 1, low + 1);
  return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
}

/**
 * The value a threshold compares, NaN when the metric has no sample. `metric` is { kind: 'trend', sorted } |
 * { kind: 'rate', passes, total } | { kind: 'counter', count, seconds }.
 */
function aggregate(metric, { aggregation, percentile: p }) {
  if (metric.kind === 'rate') return metric.total === 0 ? NaN : metric.passes / metric.total;
  if (metric.kind === 'counter') return aggregation === 'rate' ? metric.count / metric.seconds : metric.count;
  const values = metric.sorted;
  if (values.length === 0) return aggregation === 'count' ? 0 : NaN;
  if (aggregation === 'avg') return values.reduce((sum, value) => sum + value, 0) / values.length;
  if (aggregation === 'min') return values[0];
  if (aggregation === 'max') return values[values.length - 1];
  if (aggregation === 'med') return percentile(values, 50);
  if (aggregation === 'count') return values.length;
  return percentile(values, p);
}

const COMPARE = {
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
  '==': (a, b) => a === b,
  '===': (a, b) => a === b,
  '!=': (a, b) => a !== b,
};

/**
 * Every threshold of the scenario against the measured metrics: [{ metric, expression, actual, passed }].
 * A metric without samples (no saga in a run that excluded them) leaves its thresholds unjudged, as in k6.
 */
export function evaluateThresholds(thresholds, metrics) {
  const results = [];
  for (const [name, expressions] of Object.entries(thresholds)) {
    for (const expression of expressions) {
      const parsed = parseThreshold(expression);
      const actual = metrics[name] ? aggregate(metrics[name], parsed) : NaN;
      const measured = Number.isFinite(actual);
      results.push({
        metric: name,
        expression,
        actual: measured ? actual : null,
        passed: !measured || COMPARE[parsed.operator](actual, parsed.limit),
      });
    }
  }
  return results;
}

// ---------------------------------------------------------------- a virtual user's iteration

export function randomHelpers(random = Math.random) {
  const int = (min, max) => min + Math.floor(random() * (max - min + 1));
  return {
    random,
    int,
    pick: (items) => items[Math.floor(random() * items.length)],
    /** `count` distinct integers in [min, max]. */
    distinct(count, min, max) {
      const chosen = [];
      while (chosen.length < count) {
        const candidate = int(min, max);
        if (!chosen.includes(candidate)) chosen.push(candidate);
      }
      return chosen.sort((a, b) => a - b);
    },
    key: () => Date.now().toString(36) + '-' + Math.floor(random() * 2 ** 48).toString(36),
  };
}

const WHOLE_PLACEHOLDER = /^\{(\w+)\}$/;
const PLACEHOLDER = /\{(\w+)\}/g;

function variable(vars, name) {
  if (!(name in vars)) throw new Error(`template variable {${name}} is not set`);
  return vars[name];
}

/** Fills `{name}` placeholders; a string that is one placeholder takes the variable's value as it is (number, array). */
function fill(template, vars) {
  if (typeof template === 'string') {
    const whole = WHOLE_PLACEHOLDER.exec(template);
    if (whole) return variable(vars, whole[1]);
    return template.replace(PLACEHOLDER, (_, name) => String(variable(vars, name)));
  }
  if (Array.isArray(template)) return template.map((item) => fill(item, vars));
  if (template !== null && typeof template === 'object') {
    return Object.fromEntries(Object.entries(template).map(([key, value]) => [key, fill(value, vars)]));
  }
  return template;
}

function fieldOf(value, path) {
  return path.split('.').reduce((current, key) => (current === null || current === undefined ? undefined : current[key]), value);
}

export function isExpected(status, expect = DEFAULT_EXPECT) {
  return expect.some((allowed) =>
    typeof allowed === 'number' ? status === allowed : status >= allowed.min && status <= allowed.max,
  );
}

/** A step's metric name: the path template without its query, so that ids do not multiply the series. */
function stepName(step) {
  return step.name ?? `${step.method} ${step.path.split('?')[0]}`;
}

/**
 * A scenario made ready to run with the settings: stages in seconds, think time, the actions left after EXCLUDE,
 * headers, the trends its actions record.
 */
export function planOf(scenario, settings) {
  const actions = scenario.actions.filter(
    (action) => !settings.exclude.some((excluded) => excluded === action.name || (action.tags ?? []).includes(excluded)),
  );
  if (actions.length === 0) throw new Error(`EXCLUDE leaves no action of scenario ${scenario.name}`);
  const think = settings.thinkTime === undefined ? scenario.thinkTime : { min: settings.thinkTime, max: settings.thinkTime };
  const headers = { 'content-type': 'application/json', ...(settings.apiKey ? { 'x-api-key': settings.apiKey } : {}) };
  return {
    name: scenario.name,
    stages: stagesOf(scenario, settings),
    thresholds: scenario.thresholds,
    thinkTime: think,
    actions,
    setup: scenario.setup ?? [],
    trends: [...new Set(actions.map((action) => action.trend).filter(Boolean))],
    totalWeight: actions.reduce((sum, action) => sum + action.weight, 0),
    headers,
    settings,
  };
}

function requestOf(plan, step, vars) {
  const headers = { ...plan.headers, ...fill(step.headers ?? {}, vars) };
  return {
    type: 'request',
    method: step.method,
    url: urlOf(fill(step.path, vars), plan.settings),
    body: step.body === undefined ? null : JSON.stringify(fill(step.body, vars)),
    headers,
    name: stepName(step),
    expect: step.expect ?? DEFAULT_EXPECT,
  };
}

function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return undefined; // not JSON: nothing to capture or check
  }
}

/** One step; with `poll`, repeated until the answer matches. Returns false when the action cannot go on. */
function* runStep(plan, step, vars) {
  const request = requestOf(plan, step, vars);
  const deadline = step.poll ? Date.now() + step.poll.timeout * 1000 : 0;
  let json;
  for (;;) {
    if (step.poll) yield { type: 'sleep', seconds: step.poll.interval };
    const response = yield request;
    if (!isExpected(response.status, request.expect)) return false;
    json = parseJson(response.body);
    for (const [name, path] of Object.entries(step.capture ?? {})) vars[name] = fieldOf(json, path);
    if (!step.poll || step.poll.until.in.includes(fieldOf(json, step.poll.until.field))) break;
    if (Date.now() >= deadline) {
      yield {
        type: 'check',
        name: `${request.name}: ${step.poll.until.field} final within ${step.poll.timeout}s`,
        passed: false,
      };
      return false;
    }
  }
  if (step.check) {
    yield { type: 'check', name: step.check.name, passed: fieldOf(json, step.check.field) === fill(step.check.equals, vars) };
  }
  return true;
}

/** The setup steps (e.g. stock top-up), once before the users start; throws when one fails. */
export function* setup(plan) {
  for (const step of plan.setup) {
    if (!(yield* runStep(plan, step, {}))) throw new Error(`setup failed: ${stepName(step)} (${step.path})`);
  }
}

function pickAction(plan, random) {
  let ticket = random() * plan.totalWeight;
  for (const action of plan.actions) {
    ticket -= action.weight;
    if (ticket < 0) return action;
  }
  return plan.actions[plan.actions.length - 1];
}

/** One iteration of a virtual user: a weighted action, its steps in order, then think time. */
export function* iteration(plan, helpers = randomHelpers()) {
  const action = pickAction(plan, helpers.random);
  const vars = action.vars ? action.vars(helpers) : {};
  const started = Date.now();
  let completed = true;
  for (const step of action.steps) {
    if (!(yield* runStep(plan, step, vars))) {
      completed = false;
      break;
    }
  }
  if (completed && action.trend) yield { type: 'trend', name: action.trend, value: Date.now() - started };
  const { min, max } = plan.thinkTime;
  const think = min + helpers.random() * (max - min);
  if (think > 0) yield { type: 'sleep', seconds: think };
}
