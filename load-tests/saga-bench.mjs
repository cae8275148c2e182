#!/usr/bin/env node
// Order-processing saga benchmark against the running system (`npm start`): N sagas at concurrency C,
// each timed from POST until its saga has ended (GET …?wait_seconds long poll). Prints a table and writes a JSON report.
//   node load-tests/saga-bench.mjs [--sagas 2000] [--concurrency 64] [--orchestrator http://127.0.0.1:3005]
//                                  [--inventory http://127.0.0.1:3001] [--api-key KEY]
//                                  [--count-work [--database-url URL] [--log-dir DIR]]
// --count-work: SQL statements (pg_stat_statements; start the system with PG_STAT_STATEMENTS=1) and messages between
// processes (the services' log lines) per completed saga, counted over the measured sagas (lib/work-count.mjs).
// Through the gateway: --orchestrator http://127.0.0.1:8000 --inventory http://127.0.0.1:8000 --api-key bench-key-24680.
// `npm run bench` runs the same measurement (benchSagas) as part of its report.
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { Pool } from 'undici';
import { PRODUCT_COUNT, STOCK_TOP_UP, TERMINAL_SAGA_STATUSES, WAREHOUSE_LOCATION, orderBody } from './scenarios/data.js';
import { describeMachine, latencySummary, machine, round, writeReport } from './lib/report.mjs';
import { startWorkCount } from './lib/work-count.mjs';

// undici's pools rather than fetch: the load generator shares the two cores with what it measures, and fetch
// costs it about twice the CPU per request.
const pools = new Map();

async function json(url, init = {}) {
  const { origin, pathname, search } = new URL(url);
  if (!pools.has(origin)) pools.set(origin, new Pool(origin, { connections: 128 }));
  const response = await pools.get(origin).request({
    path: pathname + search,
    method: init.method ?? 'GET',
    headers: init.headers,
    body: init.body,
  });
  if (response.statusCode >= 300) {
    throw new Error(`${init.method ?? 'GET'} ${url}: ${response.statusCode} ${await response.body.text()}`);
  }
  return response.body.json();
}

/**
 * Runs `sagas` order sagas, `concurrency` at a time, after a warm-up of up to 100, and measures each from its POST
 * until it has ended. Stock is topped up first: the benchmark measures the happy path.
 */
export async function benchSagas({
  orchestrator,
  inventory,
  apiKey,
  sagas,
  concurrency,
  customer = 123,
  products = PRODUCT_COUNT,
  latencies,
  afterWarmup,
}) {
  const headers = { 'content-type': 'application/json', ...(apiKey ? { 'x-api-key': apiKey } : {}) };
  for (let product = 1; product <= products; product++) {
    await json(`${inventory}/api/v1/stock/${product}`, {
      method: 'PUT',
      headers,
      body: JSON.stringify({ location_id: WAREHOUSE_LOCATION, quantity: STOCK_TOP_UP }),
    });
  }
  const runSaga = async (i) => {
    const started = performance.now();
    const accepted = await json(`${orchestrator}/api/v1/customers/${customer}/order-processing`, {
      method: 'POST',
      headers,
      body: JSON.stringify(orderBody([{ product_id: (i % products) + 1, quantity: 1 }], 'credit_card')),
    });
    // Long poll: the orchestrator answers as soon as the saga has ended.
    for (;;) {
      const saga = await json(`${orchestrator}/api/v1/sagas/${accepted.saga_id}?wait_seconds=10`, { headers });
      if (TERMINAL_SAGA_STATUSES.includes(saga.status)) return { status: saga.status, ms: performance.now() - started };
    }
  };
  try {
    return await measureSagas(runSaga, { sagas, concurrency, latencies, afterWarmup });
  } finally {
    await Promise.all([...pools.values()].map((pool) => pool.close()));
    pools.clear();
  }
}

/**
 * The measurement itself, whatever runs the sagas: `runSaga(i)` (resolving to `{ status, ms }` once saga i has
 * ended) for i = 0..sagas-1, `concurrency` at a time, after a warm-up of up to 100 (connections, JIT, pools).
 * Completed sagas' latencies are also pushed onto `latencies` when given. load-tests/peers-bench.mjs measures
 * its peer with it too.
 */
export async function measureSagas(runSaga, { sagas, concurrency, latencies, afterWarmup }) {
  await Promise.all(Array.from({ length: Math.min(100, sagas) }, (_, i) => runSaga(i)));
  await afterWarmup?.();
  const results = [];
  let next = 0;
  const wallStart = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < sagas) results.push(await runSaga(next++));
    }),
  );
  const wallSeconds = (performance.now() - wallStart) / 1000;
  const completed = results.filter((result) => result.status === 'COMPLETED');
  const byStatus = {};
  for (const { status } of results) byStatus[status] = (byStatus[status] ?? 0) + 1;
  latencies?.push(...completed.map((result) => result.ms));
  return {
    sagas,
    concurrency,
    wall_seconds: round(wallSeconds, 2),
    by_status: byStatus,
    completed_per_second: round(completed.length / wallSeconds),
    latency_ms: latencySummary(completed.map((result) => result.ms)),
  };
}

async function main() {
  const { values: options } = parseArgs({
    options: {
      sagas: { type: 'string', default: '2000' },
      concurrency: { type: 'string', default: '64' },
      orchestrator: { type: 'string', default: 'http://127.0.0.1:3005' },
      inventory: { type: 'string', default: 'http://127.0.0.1:3001' },
      'api-key': { type: 'string' },
      customer: { type: 'string', default: '123' },
      products: { type: 'string', default: String(PRODUCT_COUNT) },
      'count-work': { type: 'boolean', default: false },
      'database-url': {
        type: 'string',
        default: `postgres://postgres:postgres@127.0.0.1:${process.env.EMBEDDED_PG_PORT ?? 54329}/postgres`,
      },
      'log-dir': { type: 'string', default: process.env.LOG_DIR ?? '.data/logs' },
    },
  });
  let counting;
  const result = await benchSagas({
    orchestrator: options.orchestrator,
    inventory: options.inventory,
    apiKey: options['api-key'],
    sagas: Number(options.sagas),
    concurrency: Number(options.concurrency),
    customer: Number(options.customer),
    products: Number(options.products),
    afterWarmup: options['count-work']
      ? async () => {
          counting = await startWorkCount({ databaseUrl: options['database-url'], logDir: options['log-dir'] });
        }
      : undefined,
  });
  const work = await counting?.finish(result.by_status.COMPLETED ?? 0);
  const report = { at: new Date().toISOString(), machine: await machine(), ...result, ...(work && { work }) };
  console.table([
    { figure: 'sagas', value: `${result.sagas} at concurrency ${result.concurrency}` },
    { figure: 'outcomes', value: JSON.stringify(result.by_status) },
    { figure: 'completed sagas / s', value: result.completed_per_second },
    { figure: 'p50 ms (POST → ended)', value: result.latency_ms.p50 },
    { figure: 'p95 ms', value: result.latency_ms.p95 },
    { figure: 'p99 ms', value: result.latency_ms.p99 },
    { figure: 'machine', value: describeMachine(report.machine) },
  ]);
  if (work) {
    console.log(`SQL statements per saga: ${work.sql_statements_per_saga} (${work.of_which_begin_commit} of them BEGIN/COMMIT)`);
    console.log(`  by database: ${JSON.stringify(work.sql_by_database)}`);
    console.log(`messages between processes per saga: ${work.messages_per_saga}`);
    console.log(`  by kind: ${JSON.stringify(work.messages_by_kind)}`);
  }
  console.log(`report: ${writeReport('saga-bench', report)}`);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error) => {
    console.error(error.message);
    process.exit(1);
  });
}
