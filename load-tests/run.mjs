#!/usr/bin/env node
// Runs a load-test scenario (load-tests/scenarios) in Node, for machines without k6: the same stages, request mix
// and thresholds as the k6 scripts. Virtual users as in k6's ramping-vus: each sends its requests one after the
// other on its own keep-alive connection, and users are added or retired along the stages.
//   npm run load-test -- <medium|stress|saga|mixed|./my-scenario.js> [--base-url URL] [--api-key KEY] [--direct]
//                        [--duration-scale F] [--user-scale F] [--think S] [--exclude a,b] [--quiet] [--out report.json]
// The options override the environment variables the k6 scripts read (BASE_URL, API_KEY, DIRECT, DURATION_SCALE,
// USER_SCALE, THINK_TIME, EXCLUDE). Prints p50/p95/p99, requests/s and error rate, writes a JSON report under
// load-tests/results; exit code 1 when a threshold fails, 2 when the run could not start.
import http from 'node:http';
import https from 'node:https';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { SCENARIOS } from './scenarios/index.js';
import {
  evaluateThresholds,
  isExpected,
  iteration,
  planOf,
  randomHelpers,
  settingsFrom,
  setup,
  totalSeconds,
  usersAt,
} from './scenarios/engine.js';
import { cpuMeter, describeMachine, latencySummary, machine, round, writeReport } from './lib/report.mjs';

const REQUEST_TIMEOUT_MS = 60_000;
/** How long users may finish their iteration after the last stage (k6's gracefulStop). */
const GRACEFUL_STOP_MS = 30_000;
const TICK_MS = 100;

const OPTION_ENV = {
  'base-url': 'BASE_URL',
  'api-key': 'API_KEY',
  'duration-scale': 'DURATION_SCALE',
  'user-scale': 'USER_SCALE',
  think: 'THINK_TIME',
  exclude: 'EXCLUDE',
};

async function loadScenario(name) {
  if (SCENARIOS[name]) return SCENARIOS[name];
  if (/\.m?js$/.test(name)) return (await import(pathToFileURL(resolve(name)).href)).default;
  throw new Error(`unknown scenario "${name}"; known: ${Object.keys(SCENARIOS).join(', ')}, or a path to a scenario module`);
}

// ---------------------------------------------------------------- HTTP

const agents = { 'http:': new http.Agent({ keepAlive: true }), 'https:': new https.Agent({ keepAlive: true }) };

/** One request; never rejects: a transport failure is status 0 with its error code, as k6 reports it. */
function send({ method, url, body, headers }) {
  return new Promise((done) => {
    const target = new URL(url);
    const started = performance.now();
    const finish = (status, text, error) => done({ status, body: text, error, ms: performance.now() - started });
    const request = (target.protocol === 'https:' ? https : http).request(
      target,
      {
        method,
        agent: agents[target.protocol],
        timeout: REQUEST_TIMEOUT_MS,
        headers: body === null ? headers : { ...headers, 'content-length': Buffer.byteLength(body) },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => (text += chunk));
        response.on('end', () => finish(response.statusCode, text));
        response.on('error', (error) => finish(0, '', error.code ?? error.message));
      },
    );
    request.on('timeout', () => request.destroy(Object.assign(new Error('request timeout'), { code: 'ETIMEDOUT' })));
    request.on('error', (error) => finish(0, '', error.code ?? error.message));
    request.end(body ?? undefined);
  });
}

// ---------------------------------------------------------------- metrics

class Metrics {
  startedAt = performance.now();
  durations = [];
  failed = 0;
  byName = new Map();
  errors = new Map();
  checks = new Map();
  trends = new Map();
  perSecond = [];
  iterations = 0;

  request(instruction, response) {
    const failed = !isExpected(response.status, instruction.expect);
    this.durations.push(response.ms);
    if (failed) this.failed++;
    let entry = this.byName.get(instruction.name);
    if (!entry) this.byName.set(instruction.name, (entry = { durations: [], failed: 0, statuses: {} }));
    entry.durations.push(response.ms);
    if (failed) entry.failed++;
    entry.statuses[response.status] = (entry.statuses[response.status] ?? 0) + 1;
    if (response.error) this.errors.set(response.error, (this.errors.get(response.error) ?? 0) + 1);
    const second = Math.floor((performance.now() - this.startedAt) / 1000);
    this.perSecond[second] = (this.perSecond[second] ?? 0) + 1;
  }

  check(name, passed) {
    const entry = this.checks.get(name) ?? { passes: 0, fails: 0 };
    entry[passed ? 'passes' : 'fails']++;
    this.checks.set(name, entry);
  }

  trend(name, value) {
    if (!this.trends.has(name)) this.trends.set(name, []);
    this.trends.get(name).push(value);
  }

  /** The metrics in the shape thresholds are judged on (engine.js aggregate). */
  forThresholds(seconds) {
    const checks = [...this.checks.values()];
    const sorted = (values) => ({ kind: 'trend', sorted: Float64Array.from(values).sort() });
    return {
      http_req_duration: sorted(this.durations),
      http_req_failed: { kind: 'rate', passes: this.failed, total: this.durations.length },
      checks: {
        kind: 'rate',
        passes: checks.reduce((sum, c) => sum + c.passes, 0),
        total: checks.reduce((sum, c) => sum + c.passes + c.fails, 0),
      },
      iterations: { kind: 'counter', count: this.iterations, seconds },
      ...Object.fromEntries([...this.trends].map(([name, values]) => [name, sorted(values)])),
    };
  }
}

/** Drives an engine generator (see scenarios/engine.js) with real requests and timers. */
async function drive(generator, metrics) {
  let next = generator.next();
  while (!next.done) {
    const instruction = next.value;
    let answer;
    if (instruction.type === 'request') {
      answer = await send(instruction);
      metrics.request(instruction, answer);
    } else if (instruction.type === 'sleep') {
      await new Promise((wake) => setTimeout(wake, instruction.seconds * 1000));
    } else if (instruction.type === 'check') {
      metrics.check(instruction.name, instruction.passed);
    } else if (instruction.type === 'trend') {
      metrics.trend(instruction.name, instruction.value);
    }
    next = generator.next(answer);
  }
}

// ---------------------------------------------------------------- users

async function runUsers(plan, metrics, { quiet }) {
  const total = totalSeconds(plan.stages);
  const running = new Map();
  let wanted = 0;
  let stopped = false;
  const user = async (id) => {
    const helpers = randomHelpers();
    while (!stopped && id <= wanted) {
      await drive(iteration(plan, helpers), metrics);
      metrics.iterations++;
    }
    running.delete(id);
  };

  metrics.startedAt = performance.now();
  let lastReport = 0;
  for (;;) {
    const elapsed = (performance.now() - metrics.startedAt) / 1000;
    if (elapsed >= total) break;
    wanted = usersAt(plan.stages, elapsed);
    for (let id = 1; id <= wanted; id++) if (!running.has(id)) running.set(id, user(id));
    if (!quiet && elapsed - lastReport >= 5) {
      lastReport = Math.floor(elapsed);
      progress(metrics, elapsed, running.size);
    }
    await new Promise((wake) => setTimeout(wake, TICK_MS));
  }
  stopped = true;
  wanted = 0;
  const graceful = new Promise((wake) => setTimeout(wake, GRACEFUL_STOP_MS).unref());
  await Promise.race([Promise.all(running.values()), graceful]);
  if (running.size > 0) console.warn(`${running.size} user(s) still busy ${GRACEFUL_STOP_MS / 1000} s after the end: left out`);
  return (performance.now() - metrics.startedAt) / 1000;
}

function progress(metrics, elapsed, users) {
  const second = Math.floor(elapsed);
  const recent = metrics.perSecond.slice(Math.max(0, second - 5), second).reduce((sum, n) => sum + (n ?? 0), 0) / 5;
  const errors = metrics.durations.length ? ((100 * metrics.failed) / metrics.durations.length).toFixed(2) : '0.00';
  console.log(
    `  ${String(second).padStart(4)} s  users ${String(users).padStart(4)}  ${recent.toFixed(0).padStart(6)} req/s  errors ${errors} %`,
  );
}

/** Requests per second while every user of the highest stage was running (the seed quotes figures at its peak). */
function peakThroughput(plan, perSecond) {
  const peak = Math.max(...plan.stages.map((stage) => stage.target));
  const seconds = [];
  for (let s = 0; s + 1 <= totalSeconds(plan.stages); s++) {
    if (usersAt(plan.stages, s) === peak && usersAt(plan.stages, s + 1) === peak) seconds.push(perSecond[s] ?? 0);
  }
  return { users: peak, requests_per_second: seconds.length ? round(seconds.reduce((a, b) => a + b, 0) / seconds.length) : null };
}

// ---------------------------------------------------------------- main

function summary(durations, failed, seconds) {
  return {
    requests: durations.length,
    requests_per_second: round(durations.length / seconds),
    failed_rate: durations.length ? round(failed / durations.length, 4) : null,
    latency_ms: latencySummary(durations),
  };
}

async function main() {
  const { values: options, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      ...Object.fromEntries(Object.keys(OPTION_ENV).map((name) => [name, { type: 'string' }])),
      direct: { type: 'boolean' },
      quiet: { type: 'boolean' },
      out: { type: 'string' },
    },
  });
  if (positionals.length !== 1)
    throw new Error(`usage: npm run load-test -- <${Object.keys(SCENARIOS).join('|')}|file.js> [options]`);
  const env = { ...process.env };
  for (const [option, variable] of Object.entries(OPTION_ENV)) if (options[option] !== undefined) env[variable] = options[option];
  if (options.direct) env.DIRECT = '1';
  const scenario = await loadScenario(positionals[0]);
  const plan = planOf(scenario, settingsFrom(env));

  const users = plan.stages.map((stage) => `→${stage.target} over ${round(stage.seconds)} s`).join(', ');
  const where = plan.settings.direct
    ? `services directly on ${plan.settings.baseUrl.replace(/:\d+$/, '')}`
    : plan.settings.baseUrl;
  console.log(`scenario ${plan.name}: ${scenario.description}`);
  console.log(`  users ${users}; think ${plan.thinkTime.min}-${plan.thinkTime.max} s; ${where}`);

  if (plan.setup.length) {
    await drive(setup(plan), new Metrics());
    console.log(`  setup: ${plan.setup.length} request(s) done`);
  }
  const run = new Metrics();
  const cpu = cpuMeter();
  const seconds = await runUsers(plan, run, { quiet: Boolean(options.quiet) });
  const generatorCpu = cpu();

  const thresholds = evaluateThresholds(plan.thresholds, run.forThresholds(seconds));
  const report = {
    at: new Date().toISOString(),
    scenario: plan.name,
    settings: { ...plan.settings, apiKey: plan.settings.apiKey ? '(set)' : '' },
    stages: plan.stages,
    think_time: plan.thinkTime,
    machine: await machine(),
    duration_seconds: round(seconds),
    // The runner shares the cores with the system under test: how much of one core it used.
    load_generator_cpu_percent: generatorCpu,
    setup_requests: plan.setup.length,
    iterations: run.iterations,
    all: summary(run.durations, run.failed, seconds),
    at_peak: peakThroughput(plan, run.perSecond),
    by_request: Object.fromEntries(
      [...run.byName].map(([name, entry]) => [
        name,
        { ...summary(entry.durations, entry.failed, seconds), statuses: entry.statuses },
      ]),
    ),
    transport_errors: Object.fromEntries(run.errors),
    checks: Object.fromEntries(run.checks),
    trends: Object.fromEntries(
      [...run.trends].map(([name, values]) => [name, { count: values.length, ...latencySummary(values) }]),
    ),
    thresholds,
    passed: thresholds.every((threshold) => threshold.passed),
  };
  print(report);
  console.log(`report: ${writeReport(`load-${plan.name}`, report, options.out)}`);
  return report.passed ? 0 : 1;
}

function print(report) {
  const row = (name, s) => ({
    request: name,
    count: s.requests,
    'req/s': s.requests_per_second,
    'p50 ms': s.latency_ms.p50,
    'p95 ms': s.latency_ms.p95,
    'p99 ms': s.latency_ms.p99,
    'max ms': s.latency_ms.max,
    failed: s.failed_rate === null ? '-' : `${(s.failed_rate * 100).toFixed(2)} %`,
  });
  console.log(
    `\n${report.scenario}: ${report.iterations} iterations in ${report.duration_seconds} s on ${describeMachine(report.machine)}`,
  );
  const requests = Object.entries(report.by_request).sort(([, a], [, b]) => b.requests - a.requests);
  console.table([row('all', report.all), ...requests.map(([name, s]) => row(name, s))]);
  console.log(`at the peak of ${report.at_peak.users} users: ${report.at_peak.requests_per_second} req/s`);
  console.log(`load generator (this process): ${report.load_generator_cpu_percent} % of one core`);
  for (const [name, t] of Object.entries(report.trends))
    console.log(`${name}: ${t.count} × p50 ${t.p50} ms, p95 ${t.p95} ms, p99 ${t.p99} ms`);
  for (const [name, c] of Object.entries(report.checks)) console.log(`check "${name}": ${c.passes} passed, ${c.fails} failed`);
  if (Object.keys(report.transport_errors).length) console.log(`transport errors: ${JSON.stringify(report.transport_errors)}`);
  for (const t of report.thresholds) {
    const actual = t.actual === null ? 'no samples' : round(t.actual, 4);
    console.log(`${t.passed ? 'PASS' : 'FAIL'}  ${t.metric} ${t.expression}  (${actual})`);
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error.message);
    process.exit(2);
  },
);
