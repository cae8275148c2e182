#!/usr/bin/env node
// Order-processing saga benchmark against the running system (`npm start`): N sagas at concurrency C,
// each timed from POST until its saga has ended (GET …?wait_seconds long poll). Prints a table and writes a JSON report.
//   node load-tests/saga-bench.mjs [--sagas 2000] [--concurrency 64] [--orchestrator http://127.0.0.1:3005]
//                                  [--inventory http://127.0.0.1:3001]
import { writeFileSync, mkdirSync } from 'node:fs';
import { cpus, totalmem, platform, release } from 'node:os';
import { parseArgs } from 'node:util';

const { values: options } = parseArgs({
  options: {
    sagas: { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '64' },
    orchestrator: { type: 'string', default: 'http://127.0.0.1:3005' },
    inventory: { type: 'string', default: 'http://127.0.0.1:3001' },
    customer: { type: 'string', default: '123' },
    products: { type: 'string', default: '30' },
  },
});
const total = Number(options.sagas);
const concurrency = Number(options.concurrency);
const productCount = Number(options.products);
const TERMINAL = new Set(['COMPLETED', 'COMPENSATED', 'FAILED']);
const address = { street: '1 rue de Rivoli', city: 'Paris', postal_code: '75001', country: 'FR' };

async function json(url, init) {
  const response = await fetch(url, init);
  if (!response.ok) throw new Error(`${init?.method ?? 'GET'} ${url}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** Enough stock at the warehouse that every saga can complete: the bench measures the happy path. */
async function topUpStock() {
  for (let product = 1; product <= productCount; product++) {
    await json(`${options.inventory}/api/v1/stock/${product}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ quantity: 1_000_000 }),
    });
  }
}

async function runSaga(i) {
  const started = performance.now();
  const accepted = await json(`${options.orchestrator}/api/v1/customers/${options.customer}/order-processing`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      products: [{ product_id: (i % productCount) + 1, quantity: 1 }],
      shipping_address: address,
      billing_address: address,
      payment_method: 'credit_card',
    }),
  });
  // Long poll: the orchestrator answers as soon as the saga has ended.
  for (;;) {
    const saga = await json(`${options.orchestrator}/api/v1/sagas/${accepted.saga_id}?wait_seconds=10`);
    if (TERMINAL.has(saga.status)) return { status: saga.status, ms: performance.now() - started };
  }
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function main() {
  await topUpStock();
  // Warm-up: connections, JIT, pools.
  await Promise.all(Array.from({ length: Math.min(100, total) }, (_, i) => runSaga(i)));

  const results = [];
  let next = 0;
  const wallStart = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) results.push(await runSaga(next++));
    }),
  );
  const wallSeconds = (performance.now() - wallStart) / 1000;

  const completed = results.filter((r) => r.status === 'COMPLETED');
  const latencies = completed.map((r) => r.ms).sort((a, b) => a - b);
  const byStatus = Object.fromEntries([...new Set(results.map((r) => r.status))].map((s) => [s, results.filter((r) => r.status === s).length]));
  const report = {
    at: new Date().toISOString(),
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memory_gib: Math.round(totalmem() / 2 ** 30), os: `${platform()} ${release()}`, node: process.version },
    sagas: total,
    concurrency,
    wall_seconds: Number(wallSeconds.toFixed(2)),
    by_status: byStatus,
    completed_per_second: Number((completed.length / wallSeconds).toFixed(1)),
    latency_ms: {
      p50: Number(percentile(latencies, 50).toFixed(1)),
      p95: Number(percentile(latencies, 95).toFixed(1)),
      p99: Number(percentile(latencies, 99).toFixed(1)),
      max: Number(latencies[latencies.length - 1].toFixed(1)),
    },
  };
  console.table([
    { figure: 'sagas', value: `${total} at concurrency ${concurrency}` },
    { figure: 'outcomes', value: JSON.stringify(byStatus) },
    { figure: 'completed sagas / s', value: report.completed_per_second },
    { figure: 'p50 ms (POST → ended)', value: report.latency_ms.p50 },
    { figure: 'p95 ms', value: report.latency_ms.p95 },
    { figure: 'p99 ms', value: report.latency_ms.p99 },
    { figure: 'machine', value: `${report.machine.cpus} cores, ${report.machine.memory_gib} GiB, Node ${process.version}` },
  ]);
  mkdirSync('load-tests/results', { recursive: true });
  const file = `load-tests/results/saga-bench-${report.at.replace(/[:.]/g, '-')}.json`;
  writeFileSync(file, JSON.stringify(report, null, 2));
  console.log(`report: ${file}`);
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
