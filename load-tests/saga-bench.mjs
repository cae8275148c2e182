#!/usr/bin/env node
// Order-processing saga benchmark against the running system (`npm start`): N sagas at concurrency C,
// each timed from POST until its saga has ended (one request with `Prefer: wait`; `--poll`: POST, then GET …?wait_seconds
// long poll). Prints a table and writes a JSON report.
//   node load-tests/saga-bench.mjs [--sagas 2000] [--concurrency 64] [--orchestrator http://127.0.0.1:3005]
//                                  [--inventory http://127.0.0.1:3001] [--api-key KEY] [--poll]
//                                  [--count-work [--database-url URL] [--log-dir DIR]] [--burst] [--cpu]
// --burst: no warm-up; the time from the first request until the last saga ended, and the orders, payments and
// reservations the sagas made, counted in the databases (--database-url): one each, none lost, none doubled.
// --count-work: SQL statements (pg_stat_statements; start the system with PG_STAT_STATEMENTS=1) and messages between
// processes (the services' log lines) per completed saga, counted over the measured sagas (lib/work-count.mjs).
// --cpu: ms of CPU per completed saga of each service, PostgreSQL, the gateway, the load generator and the rest of
// the machine, over the measured sagas (Linux, /proc).
// Through the gateway: --orchestrator http://127.0.0.1:8000 --inventory http://127.0.0.1:8000 --api-key bench-key-24680.
// `npm run bench` runs the same measurement (benchSagas) as part of its report.
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { Pool } from 'undici';
import { PRODUCT_COUNT, STOCK_TOP_UP, TERMINAL_SAGA_STATUSES, WAREHOUSE_LOCATION, orderBody } from './scenarios/data.js';
import { SERVICE_PORTS } from './scenarios/engine.js';
import { describeMachine, latencySummary, machine, processCpuMeter, round, writeReport } from './lib/report.mjs';
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
  poll = false,
  warmup = true,
  onResults,
}) {
  const headers = { 'content-type': 'application/json', ...(apiKey ? { 'x-api-key': apiKey } : {}) };
  // One request per order: the orchestrator answers once the saga has ended (`--poll`: POST, then a long poll).
  const postHeaders = poll ? headers : { ...headers, prefer: 'wait=10' };
  await topUpStock(inventory, headers, products);
  const runSaga = async (i) => {
    const started = performance.now();
    const accepted = await json(`${orchestrator}/api/v1/customers/${customer}/order-processing`, {
      method: 'POST',
      headers: postHeaders,
      body: JSON.stringify(orderBody([{ product_id: (i % products) + 1, quantity: 1 }], 'credit_card')),
    });
    const ended = (status) => ({ status, ms: performance.now() - started, sagaId: accepted.saga_id, endedAt: performance.now() });
    if (TERMINAL_SAGA_STATUSES.includes(accepted.status)) return ended(accepted.status);
    // Long poll: the orchestrator answers as soon as the saga has ended.
    for (;;) {
      const saga = await json(`${orchestrator}/api/v1/sagas/${accepted.saga_id}?wait_seconds=10`, { headers });
      if (TERMINAL_SAGA_STATUSES.includes(saga.status)) return ended(saga.status);
    }
  };
  try {
    return await measureSagas(runSaga, { sagas, concurrency, latencies, afterWarmup, warmup, onResults });
  } finally {
    await Promise.all([...pools.values()].map((pool) => pool.close()));
    pools.clear();
  }
}

/** Puts STOCK_TOP_UP units of products 1..`products` in the warehouse: the benchmarks measure the happy path. */
export async function topUpStock(inventory, headers, products = PRODUCT_COUNT) {
  for (let product = 1; product <= products; product++) {
    const response = await fetch(`${inventory}/api/v1/stock/${product}`, {
      method: 'PUT',
      headers,
      body: JSON.stringify({ location_id: WAREHOUSE_LOCATION, quantity: STOCK_TOP_UP }),
    });
    if (!response.ok) throw new Error(`stock of product ${product}: ${response.status} ${await response.text()}`);
  }
}

/** The embedded PostgreSQL of `npm start`, where the benchmarks count statements and effects. */
export const DEFAULT_DATABASE_URL = `postgres://postgres:postgres@127.0.0.1:${process.env.EMBEDDED_PG_PORT ?? 54329}/postgres`;

/**
 * The measurement itself, whatever runs the sagas: `runSaga(i)` (resolving to `{ status, ms }` once saga i has
 * ended) for i = 0..sagas-1, `concurrency` at a time, after a warm-up of up to 100 (connections, JIT, pools).
 * Completed sagas' latencies are also pushed onto `latencies` when given. load-tests/peers-bench.mjs measures
 * its peer with it too.
 */
export async function measureSagas(runSaga, { sagas, concurrency, latencies, afterWarmup, warmup = true, onResults }) {
  if (warmup) await Promise.all(Array.from({ length: Math.min(100, sagas) }, (_, i) => runSaga(i)));
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
  await onResults?.(results);
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
      poll: { type: 'boolean', default: false },
      burst: { type: 'boolean', default: false },
      cpu: { type: 'boolean', default: false },
      'database-url': { type: 'string', default: DEFAULT_DATABASE_URL },
      'log-dir': { type: 'string', default: process.env.LOG_DIR ?? '.data/logs' },
    },
  });
  let counting;
  let cpuMeter;
  let exactlyOnce;
  const result = await benchSagas({
    orchestrator: options.orchestrator,
    inventory: options.inventory,
    apiKey: options['api-key'],
    sagas: Number(options.sagas),
    concurrency: Number(options.concurrency),
    customer: Number(options.customer),
    products: Number(options.products),
    poll: options.poll,
    // A burst is measured from its first request: no warm-up; then the databases say whether each saga acted once.
    warmup: !options.burst,
    onResults: options.burst
      ? async (results) => {
          exactlyOnce = await countEffects(options['database-url'], results);
        }
      : undefined,
    afterWarmup: async () => {
      if (options['count-work']) {
        counting = await startWorkCount({ databaseUrl: options['database-url'], logDir: options['log-dir'] });
      }
      if (options.cpu) cpuMeter = processCpuMeter(systemPorts(options.orchestrator), postgresPortOf(options['database-url']));
    },
  });
  const cpu = cpuMeter?.(result.by_status.COMPLETED ?? 0);
  const work = await counting?.finish(result.by_status.COMPLETED ?? 0);
  const report = {
    at: new Date().toISOString(),
    machine: await machine(),
    ...result,
    ...(work && { work }),
    ...(cpu && { cpu_ms_per_saga: cpu }),
    ...(exactlyOnce && { exactly_once: exactlyOnce }),
  };
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
  if (cpu) console.log(`CPU ms per completed saga: ${JSON.stringify(cpu)}`);
  if (exactlyOnce) console.log(`effects of the ${result.sagas} sagas: ${JSON.stringify(exactlyOnce)}`);
  console.log(`report: ${writeReport('saga-bench', report)}`);
}

/** The services' HTTP ports, and the gateway's when the sagas go through one (the orchestrator's URL is not a service's). */
function systemPorts(orchestratorUrl) {
  const port = Number(new URL(orchestratorUrl).port);
  return Object.values(SERVICE_PORTS).includes(port) ? SERVICE_PORTS : { ...SERVICE_PORTS, gateway: port };
}

export const postgresPortOf = (databaseUrl) => Number(new URL(databaseUrl).port || 5432);

/**
 * What the sagas did, counted in the participants' databases (`databaseUrl` names the server; its database part is
 * replaced): none lost means every saga COMPLETED, none doubled means one order, one payment and one reservation each.
 */
async function countEffects(databaseUrl, results) {
  const ids = results.map((result) => result.sagaId);
  const query = async (database, sql) => {
    const url = new URL(databaseUrl);
    url.pathname = `/${database}`;
    const client = new pg.Client({ connectionString: url.href });
    await client.connect();
    try {
      return Number((await client.query(sql, [ids])).rows[0].n);
    } finally {
      await client.end();
    }
  };
  return {
    distinct_sagas: new Set(ids).size,
    completed: results.filter((result) => result.status === 'COMPLETED').length,
    orders: await query('ecommerce', 'SELECT count(*) AS n FROM orders WHERE saga_id::text = ANY($1::text[])'),
    payments: await query(
      'ecommerce',
      'SELECT count(*) AS n FROM payments JOIN orders ON orders.id = payments.order_id WHERE orders.saga_id::text = ANY($1::text[])',
    ),
    reservations: await query('inventory', 'SELECT count(*) AS n FROM reservations WHERE holder = ANY($1::text[])'),
    first_request_to_last_end_seconds: round(
      (Math.max(...results.map((result) => result.endedAt)) - Math.min(...results.map((result) => result.endedAt - result.ms))) / 1000,
      2,
    ),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error) => {
    console.error(error.message);
    process.exit(1);
  });
}
