#!/usr/bin/env node
// npm run bench: where the system `npm start` brings up stands, in one run on one machine.
//   GET /api/v1/products?limit=20 (a page of 20 from PostgreSQL) three ways, interleaved so that noise hits all alike:
//     - raw baseline: a bare node:http server running inventory's SQL with `pg` (lib/baseline-server.mjs, a child process)
//     - straight to inventory (:3001)
//     - through the gateway (:8000) with key-auth, rate limiting (the bench consumer's limit is out of reach) and metrics
//   then order sagas per second and their latency (saga-bench.mjs), and each service's resident memory before and after.
// Throughput and p50/p95/p99 for each, ratios to the baseline, the machine; a table, and JSON under load-tests/results.
//   npm run bench -- [--connections 64] [--duration 10] [--rounds 3] [--warmup 3] [--sagas 1000] [--saga-concurrency 16]
//                    [--sagas-via direct|gateway] [--gateway URL] [--inventory URL] [--orchestrator URL]
//                    [--api-key KEY] [--database-url postgres://…/inventory]
// Defaults: BENCH_API_KEY or bench-key-24680; the database from INVENTORY_DATABASE_URL, DATABASE_URL (its inventory
// database) or the embedded server of `npm start` (EMBEDDED_PG_PORT, 54329). The load generator (autocannon) runs in
// this process, on the same cores as the system: figures are for comparing within a run.
import autocannon from 'autocannon';
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import { benchSagas } from './saga-bench.mjs';
import { SERVICE_PORTS } from './scenarios/engine.js';
import { cpuMeter, describeMachine, latencySummary, machine, residentMemoryByPort, round, writeReport } from './lib/report.mjs';

const PRODUCTS_PAGE = '/api/v1/products?limit=20';
const BASELINE_SERVER = fileURLToPath(new URL('./lib/baseline-server.mjs', import.meta.url));
/** Inventory's default pool (DATABASE_POOL_SIZE): the baseline gets as many connections. */
const POOL_SIZE = process.env.DATABASE_POOL_SIZE ?? '10';
const IDLE_MEMORY_LIMIT_MB = 150;

const { values: options } = parseArgs({
  options: {
    connections: { type: 'string', default: '64' },
    duration: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '3' },
    warmup: { type: 'string', default: '3' },
    sagas: { type: 'string', default: '1000' },
    'saga-concurrency': { type: 'string', default: '16' },
    'sagas-via': { type: 'string', default: 'direct' },
    gateway: { type: 'string', default: process.env.GATEWAY_URL ?? 'http://127.0.0.1:8000' },
    inventory: { type: 'string', default: 'http://127.0.0.1:3001' },
    orchestrator: { type: 'string', default: 'http://127.0.0.1:3005' },
    'api-key': { type: 'string', default: process.env.BENCH_API_KEY ?? 'bench-key-24680' },
    'database-url': { type: 'string' },
  },
});
const connections = Number(options.connections);
const durationSeconds = Number(options.duration);
const rounds = Number(options.rounds);
const warmupSeconds = Number(options.warmup);

function inventoryDatabaseUrl() {
  if (options['database-url']) return options['database-url'];
  if (process.env.INVENTORY_DATABASE_URL) return process.env.INVENTORY_DATABASE_URL;
  if (process.env.DATABASE_URL) {
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = '/inventory';
    return url.toString();
  }
  return `postgres://postgres:postgres@127.0.0.1:${process.env.EMBEDDED_PG_PORT ?? 54329}/inventory`;
}

async function startBaseline(databaseUrl) {
  const child = fork(BASELINE_SERVER, [], {
    env: { ...process.env, DATABASE_URL: databaseUrl, POOL_SIZE },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const [message] = await Promise.race([
    once(child, 'message'),
    once(child, 'exit').then(([code]) => Promise.reject(new Error(`baseline server exited (${code})`))),
  ]);
  return { url: `http://127.0.0.1:${message.port}`, pid: child.pid, stop: () => child.kill() };
}

/** One GET of the page: is the target there, and what does it answer. */
async function probe(target) {
  try {
    const response = await fetch(target.url + PRODUCTS_PAGE, { headers: target.headers, signal: AbortSignal.timeout(5000) });
    const text = await response.text();
    return { status: response.status, body: response.ok ? JSON.parse(text) : text };
  } catch (error) {
    return { status: 0, body: error.cause?.code ?? error.message };
  }
}

/** One autocannon run; every 2xx latency kept, so percentiles come from all rounds together. */
async function load(target, seconds) {
  const latencies = [];
  let non2xx = 0;
  const started = performance.now();
  const cpu = cpuMeter();
  const run = autocannon({ url: target.url + PRODUCTS_PAGE, connections, duration: seconds, headers: target.headers });
  run.on('response', (client, status, bytes, ms) => (status >= 200 && status < 300 ? latencies.push(ms) : non2xx++));
  const result = await run;
  return {
    latencies,
    non2xx,
    errors: result.errors + result.timeouts,
    seconds: (performance.now() - started) / 1000,
    cpu: cpu(),
  };
}

/** Resident memory of each service and the gateway (the processes listening on their ports). */
function residentMemory() {
  const gatewayPort = Number(new URL(options.gateway).port || 80);
  return residentMemoryByPort({ ...SERVICE_PORTS, gateway: gatewayPort });
}

function figure(samples) {
  const seconds = samples.reduce((sum, s) => sum + s.seconds, 0);
  const latencies = samples.flatMap((s) => s.latencies);
  return {
    requests_per_second: round(latencies.length / seconds),
    per_round_requests_per_second: samples.map((s) => round(s.latencies.length / s.seconds)),
    latency_ms: latencySummary(latencies),
    non_2xx: samples.reduce((sum, s) => sum + s.non2xx, 0),
    errors: samples.reduce((sum, s) => sum + s.errors, 0),
    // autocannon shares the cores with the system: how much of one it used
    load_generator_cpu_percent: round(samples.reduce((sum, s) => sum + s.cpu, 0) / samples.length),
  };
}

async function main() {
  const databaseUrl = inventoryDatabaseUrl();
  const baseline = await startBaseline(databaseUrl);
  try {
    const targets = [
      { name: 'baseline', label: 'raw baseline (node:http + pg)', url: baseline.url, headers: {} },
      { name: 'direct', label: 'inventory direct', url: options.inventory, headers: {} },
      { name: 'gateway', label: 'through the gateway', url: options.gateway, headers: { 'x-api-key': options['api-key'] } },
    ];
    const answers = Object.fromEntries(await Promise.all(targets.map(async (t) => [t.name, await probe(t)])));
    if (answers.baseline.status !== 200) throw new Error(`baseline server: ${answers.baseline.status} ${answers.baseline.body}`);
    const active = targets.filter((t) => {
      if (answers[t.name].status === 200) return true;
      console.warn(
        `${t.label}: left out, ${t.url}${PRODUCTS_PAGE} answered ${answers[t.name].status} ${JSON.stringify(answers[t.name].body)}`,
      );
      return false;
    });
    for (const t of active) {
      if (!isDeepStrictEqual(answers[t.name].body, answers.baseline.body)) {
        console.warn(`${t.label}: its page differs from the baseline's; bring lib/baseline-server.mjs in step with inventory`);
      }
    }

    const report = {
      at: new Date().toISOString(),
      machine: await machine(databaseUrl),
      request: `GET ${PRODUCTS_PAGE}`,
      connections,
      round_seconds: durationSeconds,
      rounds,
      warmup_seconds: warmupSeconds,
      same_body_as_baseline: Object.fromEntries(
        active.map((t) => [t.name, isDeepStrictEqual(answers[t.name].body, answers.baseline.body)]),
      ),
      memory_mb_before: residentMemory(),
    };
    console.log(`${describeMachine(report.machine)}`);
    console.log(`GET ${PRODUCTS_PAGE}: ${connections} connections, ${rounds} rounds of ${durationSeconds} s each, interleaved`);

    for (const t of active) await load(t, warmupSeconds);
    const samples = Object.fromEntries(active.map((t) => [t.name, []]));
    for (let r = 0; r < rounds; r++) {
      // Each round starts with a different target, so none always runs first or last.
      for (let i = 0; i < active.length; i++) {
        const t = active[(r + i) % active.length];
        const sample = await load(t, durationSeconds);
        samples[t.name].push(sample);
        console.log(
          `  round ${r + 1}  ${t.label.padEnd(30)} ${round(sample.latencies.length / sample.seconds)
            .toString()
            .padStart(8)} req/s`,
        );
      }
    }
    report.products = Object.fromEntries(active.map((t) => [t.name, figure(samples[t.name])]));

    const sagaCount = Number(options.sagas);
    if (sagaCount > 0) {
      const viaGateway = options['sagas-via'] === 'gateway';
      console.log(
        `order sagas: ${sagaCount} at concurrency ${options['saga-concurrency']}, ${viaGateway ? 'through the gateway' : 'direct'}`,
      );
      report.sagas = {
        via: viaGateway ? 'gateway' : 'direct',
        ...(await benchSagas({
          orchestrator: viaGateway ? options.gateway : options.orchestrator,
          inventory: viaGateway ? options.gateway : options.inventory,
          apiKey: viaGateway ? options['api-key'] : undefined,
          sagas: sagaCount,
          concurrency: Number(options['saga-concurrency']),
        })),
      };
    }
    report.memory_mb_after = residentMemory();
    report.targets = targetsOf(report);
    print(report, active);
    console.log(`report: ${writeReport('bench', report)}`);
  } finally {
    baseline.stop();
  }
}

/** The issues' targets (5 and 8) judged on this run. */
function targetsOf({ products, memory_mb_before: memory }) {
  const targets = [];
  const { baseline, direct, gateway } = products;
  if (gateway) {
    const share = gateway.requests_per_second / baseline.requests_per_second;
    targets.push({
      target: 'gateway throughput >= 50% of the raw baseline',
      value: `${Math.round(share * 100)} %`,
      met: share >= 0.5,
    });
    targets.push({
      target: `gateway p95 < 25 ms at ${connections} connections`,
      value: `${gateway.latency_ms.p95} ms`,
      met: gateway.latency_ms.p95 < 25,
    });
  }
  if (gateway && direct) {
    const share = gateway.requests_per_second / direct.requests_per_second;
    const added = gateway.latency_ms.p95 - direct.latency_ms.p95;
    targets.push({
      target: 'gateway keeps >= 60% of direct throughput',
      value: `${Math.round(share * 100)} %`,
      met: share >= 0.6,
    });
    targets.push({ target: 'gateway adds < 2 ms at p95', value: `${round(added)} ms`, met: added < 2 });
  }
  for (const [name, mb] of Object.entries(memory)) {
    targets.push({
      target: `${name} < ${IDLE_MEMORY_LIMIT_MB} MB resident before the load (target: idle after start-up)`,
      value: `${mb} MB`,
      met: mb < IDLE_MEMORY_LIMIT_MB,
    });
  }
  return targets;
}

function print(report, active) {
  const base = report.products.baseline;
  const rows = active.map((t) => {
    const f = report.products[t.name];
    return {
      figure: `${t.label}`,
      'req/s': f.requests_per_second,
      'p50 ms': f.latency_ms.p50,
      'p95 ms': f.latency_ms.p95,
      'p99 ms': f.latency_ms.p99,
      'vs baseline req/s': `${Math.round((100 * f.requests_per_second) / base.requests_per_second)} %`,
      'non-2xx/errors': `${f.non_2xx}/${f.errors}`,
      'load gen CPU': `${f.load_generator_cpu_percent} %`,
    };
  });
  if (report.sagas) {
    const s = report.sagas;
    rows.push({
      figure: `order sagas (${s.via}, concurrency ${s.concurrency})`,
      'req/s': `${s.completed_per_second} sagas/s`,
      'p50 ms': s.latency_ms.p50,
      'p95 ms': s.latency_ms.p95,
      'p99 ms': s.latency_ms.p99,
      'vs baseline req/s': '',
      'non-2xx/errors': JSON.stringify(s.by_status),
      'load gen CPU': '',
    });
  }
  console.log(`\n${report.at}  ${describeMachine(report.machine)}`);
  console.table(rows);
  const memory = (m) =>
    Object.entries(m)
      .map(([name, mb]) => `${name} ${mb}`)
      .join(', ');
  console.log(`resident memory MB before: ${memory(report.memory_mb_before)}`);
  console.log(`resident memory MB after:  ${memory(report.memory_mb_after)}`);
  for (const t of report.targets) console.log(`${t.met ? 'met    ' : 'NOT MET'}  ${t.target}: ${t.value}`);
}

main().catch((error) => {
  console.error(error.message);
  process.exitCode = 1;
});
