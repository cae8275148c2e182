#!/usr/bin/env node
// A traffic mix that gives every dashboard panel something to show: reads and bad requests on
// every service, successful and compensated order sagas, store sales and a return, and through
// the gateway also unauthorised and rate-limited calls. Checks the outcomes it can be sure of
// (a saga for an unknown customer is compensated...) and exits 1 when one differs.
//
// usage: node test/observability/traffic.mjs [--gateway http://127.0.0.1:8000 | --direct] [--correlation-id <uuid>]
//   --direct: no gateway: requests go straight to the services (127.0.0.1:3001..3005, and the
//   second instances 100 ports up, alternately); unauthorised and rate-limited calls are skipped.
import { randomUUID } from 'node:crypto';

const argument = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : fallback;
};
const DIRECT = process.argv.includes('--direct');
const GATEWAY = argument('--gateway', 'http://127.0.0.1:8000').replace(/\/$/, '');
const CORRELATION_ID = argument('--correlation-id', randomUUID());
const ADMIN_KEY = 'admin-key-12345';
const FRONTEND_KEY = 'frontend-key-67890';

// Where each public path lives, for --direct (the gateway knows this from kong/kong.yml).
const PORTS = [
  [/^\/api\/v1\/customers\/[^/]+\/order-processing/, 3005],
  [/^\/api\/v1\/sagas/, 3005],
  [/^\/api\/v1\/(products|categories|stock|suppliers|locations|restock-requests)/, 3001],
  [/^\/api\/v1\/(customers|carts|orders|payments|shipments)/, 3002],
  [/^\/api\/v1\/(stores|cash-registers|sales|returns)/, 3003],
  [/^\/api\/v1\/(reports|analytics|dashboards)/, 3004],
];
let turn = 0;

function urlOf(path) {
  if (!DIRECT) return `${GATEWAY}${path}`;
  const port = PORTS.find(([pattern]) => pattern.test(path))?.[1];
  if (!port) throw new Error(`no service for ${path}`);
  return `http://127.0.0.1:${port + 100 * (turn++ % 2)}${path}`;
}

const tally = {};
async function call(method, path, { body, key = ADMIN_KEY, headers = {} } = {}) {
  const response = await fetch(urlOf(path), {
    method,
    headers: {
      ...(key && { 'x-api-key': key }),
      ...(body && { 'content-type': 'application/json' }),
      ...headers,
    },
    body: body && JSON.stringify(body),
  });
  const text = await response.text();
  const label = `${method} ${path.split('?')[0].replace(/\/[0-9a-f-]{36}|\/\d+/g, '/:id')} ${response.status}`;
  tally[label] = (tally[label] ?? 0) + 1;
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: response.status, body: json, headers: response.headers };
}

const problems = [];
function expect(what, actual, wanted) {
  if (actual !== wanted) problems.push(`${what}: got ${JSON.stringify(actual)}, want ${JSON.stringify(wanted)}`);
}

const ADDRESS = { street: '1 rue de Rivoli', city: 'Paris', postal_code: '75001', country: 'FR' };
const order = (payment = 'credit_card', products = [{ product_id: 1, quantity: 1 }]) => ({
  products,
  shipping_address: ADDRESS,
  billing_address: ADDRESS,
  payment_method: payment,
});

/** Starts a saga and waits for its end; returns its final status. */
async function saga(customer, body, headers = {}) {
  const started = await call('POST', `/api/v1/customers/${customer}/order-processing`, {
    body,
    headers: { 'idempotency-key': randomUUID(), ...headers },
  });
  if (started.status !== 202) {
    problems.push(`order for customer ${customer}: ${started.status} ${JSON.stringify(started.body)}`);
    return undefined;
  }
  const id = started.body.saga_id;
  for (let i = 0; i < 6; i++) {
    const seen = await call('GET', `/api/v1/sagas/${id}?wait_seconds=5`);
    if (['COMPLETED', 'COMPENSATED', 'FAILED'].includes(seen.body.status)) return seen.body.status;
  }
  return 'STILL RUNNING';
}

async function reads() {
  const paths = [
    '/api/v1/products?limit=5',
    '/api/v1/products/1',
    '/api/v1/categories',
    '/api/v1/stock?product_id=1&location_id=1',
    '/api/v1/locations',
    '/api/v1/suppliers',
    '/api/v1/restock-requests',
    '/api/v1/customers/1',
    '/api/v1/orders?limit=5',
    '/api/v1/stores',
    '/api/v1/cash-registers',
    '/api/v1/sales?limit=5',
    '/api/v1/sagas?limit=5',
    '/api/v1/reports/sales',
    '/api/v1/reports/inventory',
    '/api/v1/dashboards',
  ];
  for (let round = 0; round < 4; round++) {
    for (const path of paths) await call('GET', path, { key: round % 2 ? FRONTEND_KEY : ADMIN_KEY });
  }
  expect('unknown product', (await call('GET', '/api/v1/products/999999')).status, 404);
  expect('invalid product', (await call('POST', '/api/v1/products', { body: { price: 'abc' } })).status, 400);
  expect('unknown customer', (await call('GET', '/api/v1/customers/99999')).status, 404);
}

async function sagas() {
  // The one whose correlation id the suite looks for in every log.
  expect('saga with correlation id', await saga(1, order(), { 'x-correlation-id': CORRELATION_ID }), 'COMPLETED');
  for (let i = 0; i < 6; i++) {
    expect('saga', await saga(i % 2 ? 1 : 123, order('credit_card', [{ product_id: 1 + (i % 3), quantity: 1 }])), 'COMPLETED');
  }
  for (let i = 0; i < 3; i++) expect('saga for an unknown customer', await saga(99999, order()), 'COMPENSATED');
  for (let i = 0; i < 3; i++) expect('saga with a declined card', await saga(1, order('declined_card')), 'COMPENSATED');
}

async function storeSales() {
  let saleId;
  for (let i = 0; i < 5; i++) {
    const sale = await call('POST', '/api/v1/sales', {
      body: { store_id: 1, register_id: 1, lines: [{ product_id: 1 + (i % 3), quantity: 1 + (i % 2) }] },
    });
    expect('store sale', sale.status, 201);
    saleId ??= sale.body.id;
  }
  const back = await call('POST', '/api/v1/returns', {
    body: { sale_id: saleId, reason: 'changed mind', lines: [{ product_id: 1, quantity: 1 }] },
  });
  expect('store return', back.status, 201);
}

async function refusedByGateway() {
  for (let i = 0; i < 5; i++) expect('no key', (await call('GET', '/api/v1/products', { key: null })).status, 401);
  for (let i = 0; i < 3; i++) expect('unknown key', (await call('GET', '/api/v1/products', { key: 'no-such-key' })).status, 401);
  // Over frontend's 500 a minute. Windows are aligned to the minute, so a burst that straddles
  // one can need up to twice the limit before the first 429.
  let limited = 0;
  for (let sent = 0; sent < 1100 && limited < 10; sent += 25) {
    const batch = await Promise.all(
      Array.from({ length: 25 }, () => call('GET', '/api/v1/categories', { key: FRONTEND_KEY }).then((r) => r.status)),
    );
    limited += batch.filter((status) => status === 429).length;
  }
  if (limited === 0) problems.push('no request was rate limited (429) after 1100 with the frontend key');
}

await reads();
await sagas();
await storeSales();
if (!DIRECT) await refusedByGateway();

console.log(`traffic (${DIRECT ? 'direct to the services' : `through ${GATEWAY}`}), correlation id ${CORRELATION_ID}:`);
for (const [label, count] of Object.entries(tally).sort()) console.log(`  ${String(count).padStart(5)}  ${label}`);
if (problems.length) {
  console.error(`\n${problems.length} unexpected outcome(s):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  process.exit(1);
}
