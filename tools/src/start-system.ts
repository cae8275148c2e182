import { loadConfig, loadServiceConfig, ServiceEnvironment } from '@app/config';
import { SERVICES } from '@app/contracts';
import { ServiceDefinition } from '@app/bootstrap';
import { prepareDatabase, runMigrations, startEmbeddedPostgres, withDataSource } from '@app/persistence';
import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { entryOf } from './registry';

/** Instance `n` of a service listens `n * 100` ports above its default. */
const INSTANCE_PORT_STEP = 100;

async function waitHealthy(url: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}

const GATEWAY_ENTRY = 'dist/apps/gateway/apps/gateway/src/main.js';

/**
 * The one local override of kong.yml: each upstream's targets become the local instances of the
 * service that uses it (routes, plugins and consumers stay the file's).
 */
export function localGatewayTargets(kongYaml: string, instances: number): Record<string, string[]> {
  const config = parse(kongYaml) as { services?: Array<{ name: string; host: string }> };
  const targets: Record<string, string[]> = {};
  for (const service of config.services ?? []) {
    const ports = SERVICES[service.name as keyof typeof SERVICES];
    if (!ports) continue;
    targets[service.host] = Array.from({ length: instances }, (_, n) => `127.0.0.1:${ports.httpPort + n * INSTANCE_PORT_STEP}`);
  }
  return targets;
}

/** Migrates each service's database and loads demo data into databases that were just created. */
async function prepareServiceDatabases(definitions: ServiceDefinition[], serverUrl: string, embedded: boolean): Promise<void> {
  for (const definition of definitions) {
    const config = loadServiceConfig(definition.service, definition.environment, { ...process.env, DATABASE_URL: serverUrl });
    const database = await prepareDatabase(config.database);
    await runMigrations(definition.database, database.url);
    const { seed } = definition.database;
    if (config.wantsDemoData(embedded) && seed) {
      await withDataSource(definition.database, database.url, seed);
      console.log(`[start] ${definition.service}: demo data present`);
    }
  }
}

/**
 * `npm start`: one PostgreSQL (embedded unless DATABASE_URL is set), then every service, each
 * `instances` times. Stops everything when any part stops or on Ctrl-C.
 */
export async function startSystem(definitions: ServiceDefinition[], instances: number): Promise<void> {
  const base = loadConfig(ServiceEnvironment);
  const embedded = !base.DATABASE_URL;
  const server = embedded
    ? await startEmbeddedPostgres({
        port: base.EMBEDDED_PG_PORT,
        dataDir: base.EMBEDDED_PG_DIR,
        log: (m) => /initialising/.test(m) && console.log(`[start] ${m}`),
      })
    : { serverUrl: base.DATABASE_URL as string, startedHere: false, stop: async () => undefined };
  console.log(
    `[start] PostgreSQL: ${embedded ? `embedded, ${base.EMBEDDED_PG_DIR}, port ${base.EMBEDDED_PG_PORT}` : 'DATABASE_URL'}`,
  );
  await prepareServiceDatabases(definitions, server.serverUrl, embedded);

  const children: ChildProcess[] = [];
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(children.map((child) => (child.exitCode === null ? new Promise((r) => child.once('exit', r)) : undefined)));
    await server.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  // A young generation half V8's default: after the start-up burst (demo events caught up by reporting) resident
  // memory came out at 125 instead of 150 MB, with throughput within this machine's noise (docs/performance.md).
  // SERVICE_NODE_ARGS adds to it, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile every service.
  const nodeArguments = ['--max-semi-space-size=8', ...(process.env.SERVICE_NODE_ARGS ?? '').split(' ').filter(Boolean)];
  const ready: Array<Promise<void>> = [];
  for (const definition of definitions) {
    for (let instance = 0; instance < instances; instance++) {
      const ports = SERVICES[definition.service];
      const port = ports.httpPort + instance * INSTANCE_PORT_STEP;
      const child = spawn(process.execPath, [...nodeArguments, entryOf(definition.service)], {
        stdio: 'inherit',
        env: {
          ...process.env,
          DATABASE_URL: server.serverUrl,
          PORT: String(port),
          TCP_PORT: String(ports.tcpPort + instance * INSTANCE_PORT_STEP),
          SEED_DEMO_DATA: 'false',
        },
      });
      children.push(child);
      child.on('exit', (code, signal) => {
        if (stopping) return;
        console.error(`[start] ${definition.service} #${instance} stopped (${signal ?? `exit ${code}`}); stopping the system`);
        void stopAll(code || 1);
      });
      const url = `http://127.0.0.1:${port}`;
      ready.push(
        waitHealthy(`${url}/health`, 60_000).then((healthy) =>
          console.log(
            `[start] ${definition.service} #${instance} ${healthy ? 'ready' : 'NOT READY after 60 s'}: ${url}/api/v1 (docs ${url}/docs)`,
          ),
        ),
      );
    }
  }
  await Promise.all(ready);

  const kongConfig = process.env.KONG_CONFIG ?? 'kong/kong.yml';
  const gateway = spawn(process.execPath, [...nodeArguments, GATEWAY_ENTRY], {
    stdio: 'inherit',
    env: {
      ...process.env,
      KONG_CONFIG: kongConfig,
      GATEWAY_TARGETS: JSON.stringify(localGatewayTargets(readFileSync(kongConfig, 'utf8'), instances)),
    },
  });
  children.push(gateway);
  gateway.on('exit', (code, signal) => {
    if (stopping) return;
    console.error(`[start] gateway stopped (${signal ?? `exit ${code}`}); stopping the system`);
    void stopAll(code || 1);
  });
  const gatewayPort = Number(process.env.GATEWAY_PORT ?? 8000);
  const statusPort = Number(process.env.GATEWAY_STATUS_PORT ?? 8100);
  const gatewayReady = await waitHealthy(`http://127.0.0.1:${statusPort}/status/ready`, 30_000);
  console.log(
    gatewayReady
      ? `[start] gateway ready: http://127.0.0.1:${gatewayPort}/api/v1 (header X-API-Key, e.g. admin-key-12345), metrics http://127.0.0.1:${statusPort}/metrics\n` +
          `[start] all healthy — try: curl -H 'X-API-Key: admin-key-12345' http://127.0.0.1:${gatewayPort}/api/v1/products`
      : `[start] gateway NOT READY after 30 s (http://127.0.0.1:${statusPort}/status/ready)`,
  );
}
