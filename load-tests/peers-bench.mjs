#!/usr/bin/env node
// npm run bench:peers: this system's order saga against a peer users pick for durable workflows on PostgreSQL, the
// same saga as a DBOS Transact workflow in this process (load-tests/peers/dbos-order-saga.js: what it does alike
// and what it does not is written at its top), on the same PostgreSQL server, in one run (issue 19, item 5).
// Both sides run the same sagas (customer 123, one unit of product (i mod 30) + 1, credit card, stock topped up
// first) at the same concurrency, measured alike (saga-bench.mjs measureSagas: a warm-up of up to 100, then each
// saga from its start until it has ended). Ours: POST …/order-processing, then GET /sagas/{id}?wait_seconds
// against the running `npm start` (direct to the services, as `npm run bench:sagas`). The peer: DBOS.startWorkflow,
// then the handle's result.
//   npm run bench:peers -- [--sagas 2000] [--concurrency 64] [--rounds 1] [--order alternate|ours-first|peer-first]
//                          [--peer-only] [--database-url postgres://…/dbos_order_saga_peer] [--peer-pool-size 10]
//                          [--orchestrator http://127.0.0.1:3005] [--inventory http://127.0.0.1:3001] [--api-key KEY]
// The peer's database (created if missing): --database-url, else PEER_DATABASE_URL, else `dbos_order_saga_peer` on
// DATABASE_URL's server, else on the embedded server of `npm start` (EMBEDDED_PG_PORT, 54329). Each round runs both
// sides one after the other, `--sagas` each; `alternate` puts ours first in odd rounds and the peer first in even ones.
// Prints sagas/s and p50/p95/p99 for each (over all rounds), writes load-tests/results/peers-bench-*.json, and ends
// with the line `peer ratio: <ours/peer>` (completed sagas per second). The load generator and the peer share this
// process and the machine's cores with the system: figures are for comparing within a run.
import { parseArgs } from 'node:util';
import { PEER_DATABASE, openPeer } from './peers/dbos-order-saga.js';
import { benchSagas, measureSagas } from './saga-bench.mjs';
import { PRODUCT_COUNT, orderBody } from './scenarios/data.js';
import { describeMachine, latencySummary, machine, round, writeReport } from './lib/report.mjs';

const ORDERS = ['alternate', 'ours-first', 'peer-first'];

const { values: options } = parseArgs({
  options: {
    sagas: { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '64' },
    rounds: { type: 'string', default: '1' },
    order: { type: 'string', default: 'alternate' },
    'peer-only': { type: 'boolean', default: false },
    'database-url': { type: 'string' },
    'peer-pool-size': { type: 'string', default: '10' },
    orchestrator: { type: 'string', default: 'http://127.0.0.1:3005' },
    inventory: { type: 'string', default: 'http://127.0.0.1:3001' },
    'api-key': { type: 'string' },
    customer: { type: 'string', default: '123' },
    products: { type: 'string', default: String(PRODUCT_COUNT) },
  },
});
const sagas = Number(options.sagas);
const concurrency = Number(options.concurrency);
const rounds = Number(options.rounds);
const customer = Number(options.customer);
const products = Number(options.products);

function peerDatabaseUrl() {
  if (options['database-url']) return options['database-url'];
  if (process.env.PEER_DATABASE_URL) return process.env.PEER_DATABASE_URL;
  const url = new URL(
    process.env.DATABASE_URL ?? `postgres://postgres:postgres@127.0.0.1:${process.env.EMBEDDED_PG_PORT ?? 54329}`,
  );
  url.pathname = `/${PEER_DATABASE}`;
  return url.toString();
}

/** Which side goes first in round `round` (0-based). */
function sidesOf(round) {
  if (options['peer-only']) return ['peer'];
  const oursFirst = options.order === 'ours-first' || (options.order === 'alternate' && round % 2 === 0);
  return oursFirst ? ['ours', 'peer'] : ['peer', 'ours'];
}

/** One figure over all rounds: completed sagas over the summed wall time, percentiles over every completed saga. */
function overall(results, latencies) {
  const byStatus = {};
  for (const result of results) {
    for (const [status, count] of Object.entries(result.by_status)) byStatus[status] = (byStatus[status] ?? 0) + count;
  }
  const wallSeconds = results.reduce((sum, result) => sum + result.wall_seconds, 0);
  return {
    sagas: sagas * results.length,
    concurrency,
    wall_seconds: round(wallSeconds, 2),
    by_status: byStatus,
    completed_per_second: round((byStatus.COMPLETED ?? 0) / wallSeconds),
    latency_ms: latencySummary(latencies),
    per_round: results,
  };
}

async function main() {
  if (!ORDERS.includes(options.order)) throw new Error(`--order: one of ${ORDERS.join(', ')}`);
  const databaseUrl = peerDatabaseUrl();
  const peer = await openPeer({ databaseUrl, poolSize: Number(options['peer-pool-size']), products });
  const runPeerSaga = async (i) => {
    const started = performance.now();
    const saga = await peer.runSaga({
      customer_id: customer,
      ...orderBody([{ product_id: (i % products) + 1, quantity: 1 }], 'credit_card'),
    });
    return { status: saga.status, ms: performance.now() - started };
  };
  const measured = { ours: { results: [], latencies: [] }, peer: { results: [], latencies: [] } };
  try {
    for (let r = 0; r < rounds; r++) {
      for (const side of sidesOf(r)) {
        const { results, latencies } = measured[side];
        const result =
          side === 'ours'
            ? await benchSagas({
                orchestrator: options.orchestrator,
                inventory: options.inventory,
                apiKey: options['api-key'],
                sagas,
                concurrency,
                customer,
                products,
                latencies,
              }).catch((error) => {
                throw new Error(`this system (${options.orchestrator}, is \`npm start\` running?): ${error.message}`);
              })
            : await measureSagas(runPeerSaga, { sagas, concurrency, latencies });
        results.push(result);
        console.log(
          `round ${r + 1}/${rounds} ${side}: ${result.completed_per_second} sagas/s, p50 ${result.latency_ms.p50} ms, ` +
            `p95 ${result.latency_ms.p95} ms, ${JSON.stringify(result.by_status)}`,
        );
      }
    }
  } finally {
    await peer.stop();
  }

  const report = {
    at: new Date().toISOString(),
    machine: await machine(databaseUrl),
    options: { sagas, concurrency, rounds, order: options.order, peer_only: options['peer-only'], products, customer },
    peer: {
      what: 'DBOS Transact (@dbos-inc/dbos-sdk) workflow in this process: load-tests/peers/dbos-order-saga.js',
      database: databaseUrl.replace(/\/\/[^@/]*@/, '//'),
      ...overall(measured.peer.results, measured.peer.latencies),
    },
  };
  if (!options['peer-only']) {
    report.ours = { orchestrator: options.orchestrator, ...overall(measured.ours.results, measured.ours.latencies) };
    report.peer_ratio = round(report.ours.completed_per_second / report.peer.completed_per_second, 2);
  }
  const rows = [['peer', 'DBOS peer (in process)']];
  if (report.ours) rows.unshift(['ours', 'this system (npm start)']);
  console.table(
    rows.map(([side, label]) => ({
      system: label,
      'sagas / s': report[side].completed_per_second,
      'p50 ms': report[side].latency_ms.p50,
      'p95 ms': report[side].latency_ms.p95,
      'p99 ms': report[side].latency_ms.p99,
      outcomes: JSON.stringify(report[side].by_status),
    })),
  );
  console.log(`${sagas} sagas × ${rounds} round(s) at concurrency ${concurrency}; ${describeMachine(report.machine)}`);
  console.log(`report: ${writeReport('peers-bench', report)}`);
  console.log(
    !report.ours
      ? 'peer ratio: n/a (--peer-only: this system was not measured)'
      : Number.isFinite(report.peer_ratio)
        ? `peer ratio: ${report.peer_ratio.toFixed(2)}`
        : 'peer ratio: n/a (the peer completed no saga)',
  );
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
