#!/usr/bin/env node
// The order saga's participants alone: what the saga's four commands cost when the orchestrator costs nothing.
// A bound, not a mode of the product: this script sends a successful saga's commands itself — inventory's reserve,
// ecommerce's place (create + pay), inventory's commit, ecommerce's confirm, one after the other with the payloads
// and idempotency keys the orchestrator sends — over one TCP connection per participant, framed as Nest's TCP
// transport frames them, with no HTTP request, no saga row, no log, no retry. Whatever an orchestrator or its
// transport could be made to cost, a saga cannot be cheaper than this on the same participants and PostgreSQL.
//   node load-tests/participants-bench.mjs [--sagas 1500] [--concurrency 16] [--inventory http://127.0.0.1:3001]
//                                          [--inventory-tcp 127.0.0.1:4001] [--ecommerce-tcp 127.0.0.1:4002]
// Against `npm start` (its participants listen for commands on 4001 and 4002). Prints sagas/s, latencies and the
// CPU per saga of each process (Linux, /proc), like `bench:sagas --cpu`.
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { CommandConnection } from './lib/nest-tcp-client.mjs';
import { describeMachine, machine, processCpuMeter, writeReport } from './lib/report.mjs';
import { DEFAULT_DATABASE_URL, measureSagas, postgresPortOf, topUpStock } from './saga-bench.mjs';
import { PRODUCT_COUNT, orderBody } from './scenarios/data.js';
import { SERVICE_PORTS } from './scenarios/engine.js';

/** One successful order saga's commands, as the orchestrator sends them (apps/saga-orchestrator/src/sagas/order-saga.ts). */
async function runCommands(inventory, ecommerce, productId) {
  const sagaId = randomUUID();
  const keyOf = (step) => `${sagaId}:${step}`;
  const order = orderBody([{ product_id: productId, quantity: 1 }], 'credit_card');
  const lines = order.products;
  const reserved = await inventory.send('inventory.stock.reserve', {
    idempotency_key: keyOf('RESERVE_STOCK'),
    holder: sagaId,
    lines,
    ttl_seconds: 900,
  });
  if (reserved.outcome !== 'RESERVED') return `RESERVE ${reserved.reason}`;
  const placed = await ecommerce.send('ecommerce.order.place', {
    idempotency_key: keyOf('CREATE_ORDER'),
    payment_key: keyOf('PROCESS_PAYMENT'),
    saga_id: sagaId,
    customer_id: 123,
    lines,
    shipping_address: order.shipping_address,
    billing_address: order.billing_address,
    payment_method: order.payment_method,
  });
  if (placed.order.outcome !== 'CREATED' || placed.payment?.outcome !== 'COMPLETED') return 'PLACE refused';
  const committed = await inventory.send('inventory.reservation.commit', {
    idempotency_key: keyOf('CONFIRM_ORDER'),
    reservation_key: keyOf('RESERVE_STOCK'),
  });
  if (committed.outcome !== 'COMMITTED') return `COMMIT ${committed.outcome}`;
  const confirmed = await ecommerce.send('ecommerce.order.confirm', {
    idempotency_key: keyOf('CONFIRM_ORDER'),
    order_key: keyOf('CREATE_ORDER'),
  });
  return confirmed.outcome === 'CONFIRMED' ? 'COMPLETED' : `CONFIRM ${confirmed.outcome}`;
}

async function main() {
  const { values: options } = parseArgs({
    options: {
      sagas: { type: 'string', default: '1500' },
      concurrency: { type: 'string', default: '16' },
      inventory: { type: 'string', default: 'http://127.0.0.1:3001' },
      'inventory-tcp': { type: 'string', default: '127.0.0.1:4001' },
      'ecommerce-tcp': { type: 'string', default: '127.0.0.1:4002' },
      'database-url': { type: 'string', default: DEFAULT_DATABASE_URL },
    },
  });
  await topUpStock(options.inventory, { 'content-type': 'application/json' });
  const [inventory, ecommerce] = await Promise.all([
    CommandConnection.open(options['inventory-tcp']),
    CommandConnection.open(options['ecommerce-tcp']),
  ]);
  let cpuMeter;
  const result = await measureSagas(
    async (i) => {
      const started = performance.now();
      const status = await runCommands(inventory, ecommerce, (i % PRODUCT_COUNT) + 1);
      return { status, ms: performance.now() - started };
    },
    {
      sagas: Number(options.sagas),
      concurrency: Number(options.concurrency),
      afterWarmup: () => {
        cpuMeter = processCpuMeter(SERVICE_PORTS, postgresPortOf(options['database-url']));
      },
    },
  );
  const cpu = cpuMeter(result.by_status.COMPLETED ?? 0);
  inventory.close();
  ecommerce.close();
  const report = { at: new Date().toISOString(), machine: await machine(), ...result, cpu_ms_per_saga: cpu };
  console.table([
    { figure: 'sagas (participants alone)', value: `${result.sagas} at concurrency ${result.concurrency}` },
    { figure: 'outcomes', value: JSON.stringify(result.by_status) },
    { figure: 'completed sagas / s', value: result.completed_per_second },
    { figure: 'p50 ms (4 commands)', value: result.latency_ms.p50 },
    { figure: 'p95 ms', value: result.latency_ms.p95 },
    { figure: 'machine', value: describeMachine(report.machine) },
  ]);
  console.log(`CPU ms per completed saga: ${JSON.stringify(cpu)}`);
  console.log(`report: ${writeReport('participants-bench', report)}`);
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
