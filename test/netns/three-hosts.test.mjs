// The system over three hosts made with network namespaces (issue 18): what runs past one machine, proven on one.
//   host A 10.231.0.1: saga-orchestrator (A), gateway A, retail
//   host B 10.231.0.2: saga-orchestrator (B), gateway B, inventory, ecommerce, reporting
//   host C 10.231.0.3: PostgreSQL, Redis, NATS (JetStream)
// The hosts are joined by a bridge in a fourth namespace (the switch); this test drives them from 10.231.0.254.
// Nobody is given 127.0.0.1: inside a namespace it is that host's own loopback, where nothing else listens.
// Needs root, iproute2 and the machine's PostgreSQL, redis-server and nats-server binaries; skipped otherwise.
// Run: node --test test/netns/three-hosts.test.mjs (after `node tools/build.mjs`, which it runs itself).
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import {
  chownSync,
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { parse } from 'yaml';
import { STOCK_TOP_UP, TERMINAL_SAGA_STATUSES, WAREHOUSE_LOCATION, orderBody } from '../../load-tests/scenarios/data.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PREFIX = 'rt3';
const SUBNET = '10.231.0';
const HOSTS = { a: `${SUBNET}.1`, b: `${SUBNET}.2`, c: `${SUBNET}.3` };
const DRIVER = `${SUBNET}.254`;
const ADMIN_KEY = 'admin-key-12345';
const FRONTEND_KEY = 'frontend-key-67890'; // 500 requests a minute (kong.yml)
const BENCH_KEY = 'bench-key-24680';
const PORTS = { inventory: 3001, ecommerce: 3002, retail: 3003, reporting: 3004, 'saga-orchestrator': 3005 };

function whyNot() {
  if (process.platform !== 'linux') return 'not Linux';
  if (process.getuid?.() !== 0) return 'needs root (it creates network namespaces)';
  if (spawnSync('ip', ['netns', 'list']).status !== 0) return 'no `ip netns` (Debian package iproute2)';
  if (!postgresBin()) return 'no PostgreSQL server binaries under /usr/lib/postgresql (Debian package postgresql)';
  for (const binary of ['redis-server', 'nats-server', 'runuser']) {
    if (spawnSync('sh', ['-c', `command -v ${binary}`]).status !== 0) return `no ${binary} on PATH`;
  }
  return undefined;
}

function postgresBin() {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return undefined;
  const versions = readdirSync(base).filter((v) => existsSync(join(base, v, 'bin', 'postgres')));
  return versions.length ? join(base, versions.sort((x, y) => Number(y) - Number(x))[0], 'bin') : undefined;
}

function run(command, args) {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')}: ${result.stderr || result.stdout}`);
  return result.stdout;
}

const ns = (host) => `${PREFIX}-${host}`;

function removeNetwork() {
  for (const name of ['a', 'b', 'c', 'sw']) spawnSync('ip', ['netns', 'del', ns(name)]);
  spawnSync('ip', ['link', 'del', `${PREFIX}-drv`]);
}

/** Three hosts and a switch: each host's veth has its port on the switch's bridge; so has this test's. */
function createNetwork() {
  removeNetwork();
  run('ip', ['netns', 'add', ns('sw')]);
  run('ip', ['-n', ns('sw'), 'link', 'add', 'br0', 'type', 'bridge']);
  run('ip', ['-n', ns('sw'), 'link', 'set', 'br0', 'up']);
  for (const [host, address] of Object.entries(HOSTS)) {
    run('ip', ['netns', 'add', ns(host)]);
    run('ip', ['link', 'add', `${PREFIX}-${host}-eth`, 'type', 'veth', 'peer', 'name', `${PREFIX}-${host}-port`]);
    run('ip', ['link', 'set', `${PREFIX}-${host}-eth`, 'netns', ns(host)]);
    run('ip', ['link', 'set', `${PREFIX}-${host}-port`, 'netns', ns('sw')]);
    run('ip', ['-n', ns('sw'), 'link', 'set', `${PREFIX}-${host}-port`, 'master', 'br0', 'up']);
    run('ip', ['-n', ns(host), 'addr', 'add', `${address}/24`, 'dev', `${PREFIX}-${host}-eth`]);
    run('ip', ['-n', ns(host), 'link', 'set', `${PREFIX}-${host}-eth`, 'up']);
    run('ip', ['-n', ns(host), 'link', 'set', 'lo', 'up']);
  }
  run('ip', ['link', 'add', `${PREFIX}-drv`, 'type', 'veth', 'peer', 'name', `${PREFIX}-drv-port`]);
  run('ip', ['link', 'set', `${PREFIX}-drv-port`, 'netns', ns('sw')]);
  run('ip', ['-n', ns('sw'), 'link', 'set', `${PREFIX}-drv-port`, 'master', 'br0', 'up']);
  run('ip', ['addr', 'add', `${DRIVER}/24`, 'dev', `${PREFIX}-drv`]);
  run('ip', ['link', 'set', `${PREFIX}-drv`, 'up']);
}

/** Host A's cable pulled out of the switch, and plugged back. */
const cutHost = (host) => run('ip', ['-n', ns('sw'), 'link', 'set', `${PREFIX}-${host}-port`, 'down']);
const reconnectHost = (host) => run('ip', ['-n', ns('sw'), 'link', 'set', `${PREFIX}-${host}-port`, 'up']);

const processes = [];
let workDir;

/** A process on a host, its output in a file; `env` is all it gets (no inherited addresses). */
function startOn(host, name, command, args, env = {}) {
  const log = join(workDir, `${name}.log`);
  const fd = openSync(log, 'a');
  const child = spawn('ip', ['netns', 'exec', ns(host), ...command, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, ...env },
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  const entry = { name, host, child, env, log, exited: false };
  child.once('exit', () => (entry.exited = true));
  processes.push(entry);
  return entry;
}

function tail(entry, lines = 30) {
  return readFileSync(entry.log, 'utf8').trim().split('\n').slice(-lines).join('\n');
}

async function waitFor(what, check, timeoutMs = 90_000, entry) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    if (entry?.exited) throw new Error(`${entry.name} exited while waiting for ${what}:\n${tail(entry)}`);
    try {
      if (await check()) return;
    } catch (error) {
      last = error;
    }
    await sleep(250);
  }
  throw new Error(
    `${what}: not within ${timeoutMs / 1000} s (${last?.message ?? 'no answer'})${entry ? `\n${tail(entry)}` : ''}`,
  );
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function portOpen(host, port) {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 1000 });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });
}

async function fetchWithin(url, init = {}, timeoutMs = 10_000) {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  const text = await response.text();
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: response.status, headers: response.headers, body };
}

const gatewayUrl = (host) => `http://${HOSTS[host]}:8000`;

function database(name) {
  return new pg.Client({ connectionString: `postgres://postgres@${HOSTS.c}:5432/${name}` });
}

async function query(name, sql, params = []) {
  const client = database(name);
  await client.connect();
  try {
    return (await client.query(sql, params)).rows;
  } finally {
    await client.end();
  }
}

const skip = whyNot();
if (skip) console.log(`three hosts (network namespaces): skipped: ${skip}`);

describe('the system over three hosts (network namespaces)', { skip }, () => {
  const serviceEnv = (host) => ({
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    HOST: HOSTS[host],
    DATABASE_URL: `postgres://postgres@${HOSTS.c}:5432/postgres`,
    NATS_URL: `nats://${HOSTS.c}:4222`,
  });
  const services = {};

  before(async () => {
    run(process.execPath, [join(ROOT, 'tools', 'build.mjs')]);
    workDir = mkdtempSync(join(tmpdir(), 'three-hosts-'));
    createNetwork();

    // Host C: PostgreSQL (as user postgres, which it insists on), Redis, NATS with JetStream.
    const pgData = join(workDir, 'pgdata');
    const bin = postgresBin();
    run('chmod', ['755', workDir]);
    writeFileSync(join(workDir, 'pgdata.keep'), '');
    run('mkdir', ['-p', pgData]);
    chownSync(pgData, Number(run('id', ['-u', 'postgres']).trim()), Number(run('id', ['-g', 'postgres']).trim()));
    run('runuser', ['-u', 'postgres', '--', join(bin, 'initdb'), '-D', pgData, '-A', 'trust', '-U', 'postgres', '--no-sync']);
    writeFileSync(join(pgData, 'pg_hba.conf'), `local all all trust\nhost all all ${SUBNET}.0/24 trust\n`);
    const postgres = startOn('c', 'postgres', ['runuser', '-u', 'postgres', '--', join(bin, 'postgres')], [
      '-D', pgData, '-c', `listen_addresses=${HOSTS.c}`, '-c', 'port=5432', '-c', `unix_socket_directories=${pgData}`,
      '-c', 'max_connections=200',
    ]); // prettier-ignore
    const redis = startOn('c', 'redis', ['redis-server'], [
      '--bind', HOSTS.c, '--port', '6379', '--save', '', '--appendonly', 'no', '--protected-mode', 'no',
    ]); // prettier-ignore
    const nats = startOn('c', 'nats', ['nats-server'], ['-a', HOSTS.c, '-p', '4222', '-js', '-sd', join(workDir, 'nats')]);
    await waitFor('PostgreSQL on host C', () => query('postgres', 'SELECT 1').then(() => true), 60_000, postgres);
    await waitFor('Redis on host C', () => portOpen(HOSTS.c, 6379), 30_000, redis);
    await waitFor('NATS on host C', () => portOpen(HOSTS.c, 4222), 30_000, nats);

    const startService = (host, name, app, env = {}) => {
      services[name] = startOn(host, name, [process.execPath], ['--enable-source-maps', `dist/apps/${app}/src/main.js`], {
        ...serviceEnv(host),
        PORT: String(PORTS[app]),
        ...env,
      });
      return waitFor(
        `${name} healthy`,
        async () => (await fetchWithin(`http://${HOSTS[host]}:${PORTS[app]}/health`, {}, 2000)).status === 200,
        120_000,
        services[name],
      );
    };
    // Host B first, with the demo data; then host A. Each service runs its own migrations under an advisory lock.
    await Promise.all([
      startService('b', 'inventory', 'inventory', { SEED_DEMO_DATA: 'true' }),
      startService('b', 'ecommerce', 'ecommerce', { SEED_DEMO_DATA: 'true', SAGA_ORCHESTRATOR_URL: `http://${HOSTS.b}:3005` }),
      startService('b', 'reporting', 'reporting', { SEED_DEMO_DATA: 'true', REPORT_CACHE_TTL_SECONDS: '0' }),
      startService('b', 'orchestrator-b', 'saga-orchestrator', { SEED_DEMO_DATA: 'true' }),
    ]);
    await Promise.all([
      startService('a', 'retail', 'retail', { SEED_DEMO_DATA: 'true' }),
      startService('a', 'orchestrator-a', 'saga-orchestrator', { SEED_DEMO_DATA: 'false' }),
    ]);

    // Two gateways, each balancing over every instance on every host, counting rate limits in host C's Redis.
    const kong = parse(readFileSync(join(ROOT, 'kong', 'kong.yml'), 'utf8'));
    const where = { inventory: ['b'], ecommerce: ['b'], retail: ['a'], reporting: ['b'], 'saga-orchestrator': ['a', 'b'] };
    const targets = Object.fromEntries(
      kong.upstreams.map((upstream) => {
        const app = upstream.name.replace(/-upstream$/, '');
        return [upstream.name, where[app].map((host) => `${HOSTS[host]}:${PORTS[app]}`)];
      }),
    );
    for (const host of ['a', 'b']) {
      const name = `gateway-${host}`;
      services[name] = startOn(host, name, [process.execPath], ['dist/apps/gateway/src/main.js'], {
        LOG_LEVEL: 'warn',
        KONG_CONFIG: 'kong/kong.yml',
        GATEWAY_HOST: HOSTS[host],
        GATEWAY_TARGETS: JSON.stringify(targets),
        REDIS_URL: `redis://${HOSTS.c}:6379`,
      });
    }
    for (const host of ['a', 'b']) {
      await waitFor(
        `gateway ${host} routing to the orchestrators`,
        async () => (await fetchWithin(`${gatewayUrl(host)}/api/v1/health`, {}, 2000)).status === 200,
        60_000,
        services[`gateway-${host}`],
      );
    }
  });

  after(async () => {
    for (const entry of processes.reverse()) if (!entry.exited) entry.child.kill('SIGTERM');
    await sleep(1500);
    for (const entry of processes) if (!entry.exited) entry.child.kill('SIGKILL');
    removeNetwork();
    if (workDir && !process.env.KEEP_THREE_HOSTS) rmSync(workDir, { recursive: true, force: true });
  });

  it('gives no one an address of 127.0.0.1 or localhost', () => {
    for (const entry of processes) {
      // What each process really has, as the kernel holds it (ip netns exec runs the command in its own process).
      const environ = readFileSync(`/proc/${entry.child.pid}/environ`, 'utf8').split('\0');
      const local = environ.filter((variable) => /127\.0\.0\.1|localhost|\[::1\]/.test(variable));
      assert.deepEqual(local, [], `${entry.name} on host ${entry.host}`);
    }
    assert.ok(processes.length >= 11, `${processes.length} processes`);
  });

  it('takes orders and sales across the hosts: events cross from retail (A) to inventory and reporting (B)', async () => {
    const admin = { 'x-api-key': ADMIN_KEY, 'content-type': 'application/json' };
    for (let product = 1; product <= 5; product++) {
      const topUp = await fetchWithin(`${gatewayUrl('a')}/api/v1/stock/${product}`, {
        method: 'PUT',
        headers: admin,
        body: JSON.stringify({ location_id: WAREHOUSE_LOCATION, quantity: STOCK_TOP_UP }),
      });
      assert.equal(topUp.status, 200, JSON.stringify(topUp.body));
    }
    for (const host of ['a', 'b']) {
      const order = await fetchWithin(`${gatewayUrl(host)}/api/v1/orders`, {
        method: 'POST',
        headers: { ...admin, prefer: 'wait=20', 'idempotency-key': randomUUID() },
        body: JSON.stringify({ customer_id: 123, ...orderBody([{ product_id: 1, quantity: 1 }], 'credit_card') }),
      }, 30_000); // prettier-ignore
      assert.equal(order.status, 201, JSON.stringify(order.body));
      assert.equal(order.body.status, 'COMPLETED');
    }

    const stock = async () =>
      (await fetchWithin(`${gatewayUrl('b')}/api/v1/stock?product_id=2&location_id=2`, { headers: admin })).body;
    const quantityOf = (page) => page.data[0].on_hand;
    const report = async () =>
      JSON.stringify((await fetchWithin(`${gatewayUrl('b')}/api/v1/reports/sales?store_id=1`, { headers: admin })).body);
    const [stockBefore, reportBefore] = [quantityOf(await stock()), await report()];
    const sale = await fetchWithin(`${gatewayUrl('a')}/api/v1/sales`, {
      method: 'POST',
      headers: admin,
      body: JSON.stringify({ store_id: 1, register_id: 1, lines: [{ product_id: 2, quantity: 2 }] }),
    });
    assert.equal(sale.status, 201, JSON.stringify(sale.body));
    await waitFor(
      'the sale lowering the store stock on host B',
      async () => quantityOf(await stock()) === stockBefore - 2,
      30_000,
    );
    await waitFor('the sale in the report on host B', async () => (await report()) !== reportBefore, 30_000);
  });

  it('holds one rate limit across both gateways (Redis on host C)', async () => {
    const intoMinute = Date.now() % 60_000;
    if (intoMinute > 45_000) await sleep(60_000 - intoMinute + 100);
    const statuses = [];
    const send = async (i) =>
      statuses.push(
        (await fetchWithin(`${gatewayUrl(i % 2 ? 'a' : 'b')}/api/v1/stores?limit=1`, { headers: { 'x-api-key': FRONTEND_KEY } }))
          .status,
      );
    for (let i = 0; i < 600; i += 20) await Promise.all(Array.from({ length: 20 }, (_, j) => send(i + j)));
    assert.deepEqual(
      { admitted: statuses.filter((s) => s === 200).length, refused: statuses.filter((s) => s === 429).length },
      { admitted: 500, refused: 100 },
    );
  });

  it('ends every saga exactly once when the host of an orchestrator is cut off in the middle of a burst', async () => {
    const sagas = 120;
    const concurrency = 12;
    const headers = { 'x-api-key': BENCH_KEY, 'content-type': 'application/json' };
    const stockOf = async () =>
      Object.fromEntries(
        (await query('inventory', 'SELECT product_id, on_hand FROM stock_levels WHERE location_id = $1 AND product_id <= 5', [WAREHOUSE_LOCATION])).map(
          (row) => [row.product_id, Number(row.on_hand)],
        ),
      ); // prettier-ignore
    const stockBefore = await stockOf();
    const keys = Array.from({ length: sagas }, () => randomUUID());
    const results = new Array(sagas);
    let retries = 0;
    let ended = 0;

    // A client as a shop's front end is written: a request that fails or does not answer in time is sent again,
    // with the same Idempotency-Key, so the order is placed once whichever orchestrator answers.
    const persist = async (what, send) => {
      for (;;) {
        try {
          const reply = await send();
          if (reply.status < 500) return reply;
        } catch {
          // timed out or refused: try again
        }
        retries++;
        await sleep(500);
        if (Date.now() > deadline) throw new Error(`${what}: no answer before the deadline`);
      }
    };
    const deadline = Date.now() + 240_000;
    const runSaga = async (i) => {
      const accepted = await persist(
        `order ${i}`,
        () =>
        fetchWithin(`${gatewayUrl('b')}/api/v1/customers/123/order-processing`, {
          method: 'POST',
          headers: { ...headers, 'idempotency-key': keys[i] },
          body: JSON.stringify(orderBody([{ product_id: (i % 5) + 1, quantity: 1 }], 'credit_card')),
        }, 8_000), // prettier-ignore
      );
      assert.ok([201, 202].includes(accepted.status), JSON.stringify(accepted.body));
      let status = accepted.body.status;
      while (!TERMINAL_SAGA_STATUSES.includes(status)) {
        const saga = await persist(`saga ${accepted.body.saga_id}`, () =>
          fetchWithin(`${gatewayUrl('b')}/api/v1/sagas/${accepted.body.saga_id}?wait_seconds=5`, { headers }, 8_000),
        );
        status = saga.body.status;
      }
      ended++;
      results[i] = { sagaId: accepted.body.saga_id, status };
    };

    let next = 0;
    const worker = async () => {
      while (next < sagas) await runSaga(next++);
    };
    const burst = Promise.all(Array.from({ length: concurrency }, worker));

    // Once a fifth of the burst has ended, and orchestrator A holds sagas it has not finished: cut host A off.
    const pidA = services['orchestrator-a'].child.pid;
    let heldByA = [];
    await waitFor(
      'orchestrator A driving sagas of the burst',
      async () => {
        if (ended < sagas / 5) return false;
        heldByA = await query(
          'saga_orchestrator',
          `SELECT id FROM sagas WHERE owner LIKE $1 AND status <> ALL($2::text[]) AND idempotency_key = ANY($3::text[])`,
          [`%:${pidA}:%`, TERMINAL_SAGA_STATUSES, keys],
        );
        return heldByA.length > 0;
      },
      120_000,
    );
    // Host A stays cut off until the burst has ended: what A held, B must finish (after A's lease, 15 s, runs out).
    cutHost('a');
    const cutAt = Date.now();
    await burst;
    const cutFor = Math.round((Date.now() - cutAt) / 1000);
    // Then A comes back, with whatever it was doing when it was cut off: it must not act on what it lost.
    reconnectHost('a');
    await waitFor(
      'orchestrator A healthy after the cut',
      async () => (await fetchWithin(`http://${HOSTS.a}:3005/health`, {}, 2000)).status === 200,
      60_000,
    );
    await sleep(5_000);
    console.log(
      `three hosts: ${sagas} sagas; host A cut off for ${cutFor} s while it held ${heldByA.length} of them; ${retries} client retries`,
    );

    const sagaIds = results.map((result) => result.sagaId);
    assert.equal(new Set(sagaIds).size, sagas, 'one saga per order');
    assert.deepEqual(
      results.filter((result) => result.status !== 'COMPLETED'),
      [],
      'every saga completed',
    );
    const [{ n: sagasForKeys }] = await query(
      'saga_orchestrator',
      'SELECT count(*)::int AS n FROM sagas WHERE idempotency_key = ANY($1::text[])',
      [keys],
    );
    assert.equal(sagasForKeys, sagas, 'no saga doubled');
    const perSaga = async (db, sql) => (await query(db, sql, [sagaIds])).map((row) => Number(row.n));
    const orders = await perSaga(
      'ecommerce',
      'SELECT count(*) AS n FROM orders WHERE saga_id::text = ANY($1::text[]) GROUP BY saga_id',
    );
    const payments = await perSaga(
      'ecommerce',
      'SELECT count(*) AS n FROM payments JOIN orders ON orders.id = payments.order_id WHERE orders.saga_id::text = ANY($1::text[]) GROUP BY orders.saga_id',
    );
    const reservations = await perSaga(
      'inventory',
      'SELECT count(*) AS n FROM reservations WHERE holder = ANY($1::text[]) GROUP BY holder',
    );
    for (const [what, counts] of Object.entries({ orders, payments, reservations })) {
      assert.deepEqual({ what, sagas: counts.length, most: Math.max(...counts) }, { what, sagas, most: 1 });
    }
    // Stock: exactly one unit per order, none lost, none taken twice.
    const stockAfter = await stockOf();
    for (let product = 1; product <= 5; product++) {
      const ordered = results.filter((_, i) => (i % 5) + 1 === product).length;
      assert.equal(stockBefore[product] - stockAfter[product], ordered, `product ${product}`);
    }
  });
});
