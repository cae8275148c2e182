#!/usr/bin/env node
// What the gateway costs: GET /api/v1/products through the gateway (key-auth, rate limiting, metrics, access log)
// and straight to inventory, alternating in one run so machine noise hits both alike. Prints req/s and
// p50/p95/p99 of each, the throughput ratio and the p95 the gateway adds (issue 5: ≥ 60 % and < 2 ms at 64
// connections). Assumes the system is running (`npm start`: gateway on :8000, inventory on :3001).
//   node load-tests/gateway-bench.mjs [--gateway http://127.0.0.1:8000] [--direct http://127.0.0.1:3001]
//        [--path /api/v1/products] [--connections 64] [--duration 10] [--warmup 3] [--rounds 3] [--api-key KEY]
//        [--rate N] [--gateway-pid PID]
// Without --rate every connection sends its next request as soon as the last is answered (closed loop): on a
// machine the load saturates, any throughput the gateway costs shows as latency too (Little's law). With
// --rate N the load is open: N requests/s in total on a fixed schedule (one every 1/N s, sent as their time comes
// on whichever of the connections is free), whatever the answers. Each latency is counted from the time the
// request was due, not from when a connection was free to send it, so a stall is not hidden by the requests it
// held back (coordinated omission); the p95 difference is then the gateway's hop at a load the machine can serve.
// With --gateway-pid (Linux) the gateway process's CPU time per proxied request is printed too (user + system, µs).
// The key defaults to BENCH_API_KEY or the `bench` consumer's (kong/kong.yml), whose limit a run cannot reach.
import autocannon from 'autocannon';
import { performance } from 'node:perf_hooks';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Pool } from 'undici';

const { values: options } = parseArgs({
  options: {
    gateway: { type: 'string', default: process.env.GATEWAY_URL ?? 'http://127.0.0.1:8000' },
    direct: { type: 'string', default: process.env.INVENTORY_URL ?? 'http://127.0.0.1:3001' },
    path: { type: 'string', default: '/api/v1/products' },
    connections: { type: 'string', default: '64' },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    rounds: { type: 'string', default: '3' },
    'api-key': { type: 'string', default: process.env.BENCH_API_KEY ?? 'bench-key-24680' },
    rate: { type: 'string' },
    'gateway-pid': { type: 'string' },
  },
});
const connections = Number(options.connections);
const targets = [
  { name: 'direct', url: options.direct + options.path, headers: {} },
  { name: 'gateway', url: options.gateway + options.path, headers: { 'x-api-key': options['api-key'] } },
];

/** CPU time of a process so far in µs (user, system), from /proc/<pid>/stat (clock ticks of 10 ms). */
function cpuTime(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  // utime and stime are fields 14 and 15 of the line, 12 and 13 after "pid (comm) ".
  return { user: Number(fields[11]) * 10_000, system: Number(fields[12]) * 10_000 };
}

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** One run of `seconds`: closed loop (autocannon) or, with --rate, open loop (`openLoad`). */
function load(target, seconds) {
  return options.rate ? openLoad(target, seconds, Number(options.rate)) : closedLoad(target, seconds);
}

/** Closed loop: the latency of every 2xx response is kept so percentiles cover all rounds. */
async function closedLoad(target, seconds) {
  const latencies = [];
  let failed = 0;
  const run = autocannon({ url: target.url, headers: target.headers, connections, duration: seconds });
  run.on('response', (client, status, bytes, ms) => (status >= 200 && status < 300 ? latencies.push(ms) : failed++));
  const result = await run;
  return { latencies, failed: failed + result.errors + result.timeouts, requestsPerSecond: latencies.length / seconds };
}

/**
 * Open loop: request i is due at start + i / rate. Every millisecond the requests that have come due are handed
 * to the pool (at most `connections` in flight, the rest wait their turn there) and each one's latency runs from
 * its due time to the end of its answer.
 */
async function openLoad(target, seconds, rate) {
  const { origin, pathname, search } = new URL(target.url);
  const pool = new Pool(origin, { connections, pipelining: 1 });
  const latencies = [];
  let failed = 0;
  const total = Math.round(rate * seconds);
  const send = async (dueAt) => {
    try {
      const { statusCode, body } = await pool.request({ path: pathname + search, method: 'GET', headers: target.headers });
      await body.dump();
      if (statusCode >= 200 && statusCode < 300) latencies.push(performance.now() - dueAt);
      else failed++;
    } catch {
      failed++;
    }
  };
  const pending = [];
  const start = performance.now();
  let sent = 0;
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - start) * rate) / 1000) + 1);
    for (; sent < due; sent++) pending.push(send(start + (sent * 1000) / rate));
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await Promise.all(pending);
  const elapsed = (performance.now() - start) / 1000;
  await pool.close();
  return { latencies, failed, requestsPerSecond: latencies.length / elapsed };
}

function summary(latencies) {
  const sorted = Float64Array.from(latencies).sort();
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99) };
}

const ms = (value) => `${value.toFixed(1)} ms`;

async function main() {
  for (const target of targets) {
    const response = await fetch(target.url, { headers: target.headers, signal: AbortSignal.timeout(5000) }).catch(
      (error) => error,
    );
    if (!(response instanceof Response) || !response.ok) {
      const why =
        response instanceof Response
          ? `HTTP ${response.status} ${await response.text()}`
          : (response.cause?.code ?? response.message);
      console.error(`${target.name}: GET ${target.url} failed (${why}). Is the system running (npm start)?`);
      process.exit(1);
    }
  }
  const mode = options.rate ? `at ${options.rate} requests/s` : 'closed loop';
  console.log(
    `GET ${options.path}, ${connections} connections ${mode}, ${options.rounds} rounds of ${options.duration} s each, alternating`,
  );
  for (const target of targets) await load(target, Number(options.warmup));

  const totals = Object.fromEntries(targets.map((t) => [t.name, { latencies: [], rates: [], failed: 0 }]));
  const gatewayCpu = { user: 0, system: 0, requests: 0 };
  for (let round = 1; round <= Number(options.rounds); round++) {
    for (const target of round % 2 === 1 ? targets : [...targets].reverse()) {
      const cpuBefore = target.name === 'gateway' && options['gateway-pid'] ? cpuTime(options['gateway-pid']) : undefined;
      const result = await load(target, Number(options.duration));
      if (cpuBefore) {
        const cpuAfter = cpuTime(options['gateway-pid']);
        gatewayCpu.user += cpuAfter.user - cpuBefore.user;
        gatewayCpu.system += cpuAfter.system - cpuBefore.system;
        gatewayCpu.requests += result.latencies.length;
      }
      const total = totals[target.name];
      for (const latency of result.latencies) total.latencies.push(latency);
      total.rates.push(result.requestsPerSecond);
      total.failed += result.failed;
      const { p50, p95, p99 } = summary(result.latencies);
      console.log(
        `round ${round} ${target.name.padEnd(7)} ${result.requestsPerSecond.toFixed(0).padStart(7)} req/s  p50 ${ms(p50)}  p95 ${ms(p95)}  p99 ${ms(p99)}` +
          (result.failed ? `  (${result.failed} failed)` : ''),
      );
    }
  }

  const report = {};
  for (const [name, total] of Object.entries(totals)) {
    report[name] = {
      requestsPerSecond: total.rates.reduce((a, b) => a + b, 0) / total.rates.length,
      ...summary(total.latencies),
      failed: total.failed,
    };
  }
  console.log('\n| target | req/s | p50 | p95 | p99 | failed |\n|---|---|---|---|---|---|');
  for (const [name, r] of Object.entries(report)) {
    console.log(`| ${name} | ${r.requestsPerSecond.toFixed(0)} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.p99)} | ${r.failed} |`);
  }
  const ratio = report.gateway.requestsPerSecond / report.direct.requestsPerSecond;
  const addedP95 = report.gateway.p95 - report.direct.p95;
  console.log(`\ngateway throughput / direct: ${(ratio * 100).toFixed(1)} % (target ≥ 60 %)`);
  console.log(`p95 added by the gateway: ${ms(addedP95)} (target < 2 ms)`);
  if (gatewayCpu.requests > 0) {
    const perRequest = (us) => (us / gatewayCpu.requests).toFixed(0);
    console.log(
      `gateway CPU per request: ${perRequest(gatewayCpu.user + gatewayCpu.system)} µs (user ${perRequest(gatewayCpu.user)}, system ${perRequest(gatewayCpu.system)})`,
    );
  }
  if (report.gateway.failed || report.direct.failed)
    console.log('Some requests failed: the figures above count only 2xx responses.');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
