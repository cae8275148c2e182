import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { GatewayOptions, RunningGateway, startGateway } from '../src';

export const ROOT = join(__dirname, '..', '..', '..');
export const KONG_YML = join(ROOT, 'kong', 'kong.yml');

/** Every public path of ../shared/architecture.md, as a request, and the service that must answer it. */
export const PUBLIC_PATHS: Array<[string, string]> = [
  ['/api/v1/products/7', 'inventory'],
  ['/api/v1/categories', 'inventory'],
  ['/api/v1/stock?product_id=1&location_id=1', 'inventory'],
  ['/api/v1/suppliers/3', 'inventory'],
  ['/api/v1/locations', 'inventory'],
  ['/api/v1/restock-requests/2/approve', 'inventory'],
  ['/api/v1/customers', 'ecommerce'],
  ['/api/v1/customers/123', 'ecommerce'],
  ['/api/v1/customers/123/orders', 'ecommerce'],
  ['/api/v1/carts/5/items', 'ecommerce'],
  ['/api/v1/orders/9', 'ecommerce'],
  ['/api/v1/payments', 'ecommerce'],
  ['/api/v1/shipments/4', 'ecommerce'],
  ['/api/v1/stores/1', 'retail'],
  ['/api/v1/cash-registers', 'retail'],
  ['/api/v1/sales', 'retail'],
  ['/api/v1/returns/8', 'retail'],
  ['/api/v1/reports/sales/daily', 'reporting'],
  ['/api/v1/analytics/top-products', 'reporting'],
  ['/api/v1/dashboards', 'reporting'],
  ['/api/v1/customers/123/order-processing', 'saga-orchestrator'],
  ['/api/v1/sagas/42', 'saga-orchestrator'],
  ['/api/v1/health', 'saga-orchestrator'],
];

const UPSTREAM_SCRIPT = join(__dirname, 'fixtures', 'upstream.js');

export interface UpstreamState {
  name: string;
  health: number;
  status?: number;
  requests: number;
  healthChecks: number;
}

export interface Upstream {
  state: UpstreamState;
  port: number;
  address: string;
  close(): Promise<void>;
}

// Plain JavaScript, so the same file also runs as a child process (a real process to kill).
const fixture = require(UPSTREAM_SCRIPT) as { startUpstream: (name: string, port?: number) => Promise<Upstream> };
export const startUpstream = fixture.startUpstream;

/** A kong.yml document as plain JSON (YAML aliases expanded into separate objects), ready to be adjusted by a test. */
export type KongDocument = {
  services: Array<
    Record<string, unknown> & { name: string; host: string; routes: Array<{ name: string; paths: string[]; methods?: string[] }> }
  >;
  upstreams: Array<
    Record<string, unknown> & {
      name: string;
      healthchecks: HealthchecksDocument;
      targets: Array<{ target: string; weight: number }>;
    }
  >;
  consumers: Array<
    Record<string, unknown> & { username: string; keyauth_credentials: Array<{ key: string }>; plugins?: unknown[] }
  >;
  plugins: Array<{ name: string; config: Record<string, unknown> }>;
} & Record<string, unknown>;

interface HealthchecksDocument {
  active: { healthy: Record<string, unknown>; unhealthy: Record<string, unknown> } & Record<string, unknown>;
  passive: { healthy: Record<string, unknown>; unhealthy: Record<string, unknown> } & Record<string, unknown>;
}

export function kongDocument(): KongDocument {
  return JSON.parse(JSON.stringify(parse(readFileSync(KONG_YML, 'utf8')))) as KongDocument;
}

/** The file's health checks, probing every 50 ms instead of every few seconds. */
export function withFastActiveChecks(document: KongDocument): KongDocument {
  for (const upstream of document.upstreams) {
    upstream.healthchecks.active.healthy.interval = 0.05;
    upstream.healthchecks.active.unhealthy.interval = 0.05;
    upstream.healthchecks.active.timeout = 0.5;
  }
  return document;
}

/** Active checks off: only real traffic (passive checks) changes a target's health. */
export function withoutActiveChecks(document: KongDocument): KongDocument {
  for (const upstream of document.upstreams) {
    upstream.healthchecks.active.healthy.interval = 0;
    upstream.healthchecks.active.unhealthy.interval = 0;
  }
  return document;
}

/** Waits out the last seconds of a minute, so a test counting a minute's requests stays in one window. */
export async function awayFromMinuteEnd(): Promise<void> {
  const intoMinute = Date.now() % 60_000;
  if (intoMinute > 55_000) await new Promise((resolve) => setTimeout(resolve, 60_000 - intoMinute + 50));
}

export function testGateway(
  document: KongDocument,
  targets: GatewayOptions['targets'],
  options: GatewayOptions = {},
): Promise<RunningGateway> {
  return startGateway({
    configDocument: document,
    host: '127.0.0.1',
    port: 0,
    statusPort: 0,
    targets,
    logLevel: 'silent',
    ...options,
  });
}

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  json: {
    message?: string;
    request_id?: string;
    upstream?: string;
    url?: string;
    method?: string;
    body?: string;
    headers?: Record<string, string>;
  };
}

export async function call(gateway: RunningGateway, path: string, init: RequestInit & { key?: string } = {}): Promise<Reply> {
  const headers = new Headers(init.headers);
  if (init.key) headers.set('X-API-Key', init.key);
  const response = await fetch(`http://127.0.0.1:${gateway.port}${path}`, { ...init, headers });
  const text = await response.text();
  let json: Reply['json'] = {};
  try {
    json = JSON.parse(text) as Reply['json'];
  } catch {
    // not JSON: the tests look at text
  }
  return { status: response.status, headers: response.headers, text, json };
}

export async function metrics(gateway: RunningGateway): Promise<string> {
  return (await fetch(`http://127.0.0.1:${gateway.statusPort}/metrics`)).text();
}

/** Polls until `check` holds (or fails the test after `timeoutMs`). */
export async function eventually(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export function targetState(text: string, upstream: string, target: string): string | undefined {
  const line = text
    .split('\n')
    .find((l) => l.startsWith(`kong_upstream_target_health{upstream="${upstream}",target="${target}",`) && l.endsWith(' 1'));
  return line && /state="([^"]+)"/.exec(line)?.[1];
}

/** An upstream in its own process, so a test can kill it (SIGKILL) the way a crash would. */
export async function spawnUpstream(name: string, port = 0): Promise<{ child: ChildProcess; port: number; address: string }> {
  const child = spawn(process.execPath, [UPSTREAM_SCRIPT, name, String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const listening = await new Promise<number>((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening (\d+)/.exec(output);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`upstream ${name} exited with ${code} before listening`)));
  });
  return { child, port: listening, address: `127.0.0.1:${listening}` };
}

export function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}
