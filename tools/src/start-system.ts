import { loadConfig, loadServiceConfig } from '@app/config';
import { SERVICES } from '@app/contracts';
import { ServiceDefinition } from '@app/bootstrap';
import { prepareDatabase, RunningPostgres, runMigrations, startEmbeddedPostgres, withDataSource } from '@app/persistence';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { CONSOLE_SERVER_ENTRY, entryOf, GATEWAY_ENTRY } from './registry';
import { LogFile } from './supervisor/log-file';
import { acquireStartLock } from './supervisor/start-lock';
import { logDirOf, StartEnvironment } from './start-environment';
import { CrashLoopError, ProcessSpec, Supervisor } from './supervisor/supervisor';

/** Instance `n` of a service listens `n * 100` ports above its default. */
const INSTANCE_PORT_STEP = 100;
/** A second gateway on 8010 (status 8110), a third on 8020, ...: clear of the services' and the status port. */
const GATEWAY_PORT_STEP = 10;
/** Ctrl-C ends everything within this, whatever the processes do (SIGKILL at the end). */
const STOP_DEADLINE_MS = 14_000;

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

/** Migrates each service's database and loads demo data into databases that were just created (in parallel). */
async function prepareServiceDatabases(definitions: ServiceDefinition[], serverUrl: string, embedded: boolean): Promise<void> {
  await Promise.all(
    definitions.map(async (definition) => {
      const config = loadServiceConfig(definition.service, definition.environment, { ...process.env, DATABASE_URL: serverUrl });
      const database = await prepareDatabase(config.database);
      await runMigrations(definition.database, database.url);
      const { seed } = definition.database;
      if (config.wantsDemoData(embedded) && seed) await withDataSource(definition.database, database.url, seed);
    }),
  );
}

const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

interface Running {
  supervisor: Supervisor;
  database: RunningPostgres;
}

/**
 * `npm start`: one PostgreSQL (embedded unless DATABASE_URL is set), then every service, each `instances` times,
 * and the gateway, all kept running by a supervisor. The terminal shows what a person needs; each process's JSON
 * log goes to its file under LOG_DIR (`npm run logs -- <service>` follows one).
 */
export async function startSystem(definitions: ServiceDefinition[], instancesFlag?: number): Promise<void> {
  const started = Date.now();
  const env = loadConfig(StartEnvironment);
  const instances = instancesFlag ?? env.INSTANCES;
  const dataRoot = dirname(resolve(env.EMBEDDED_PG_DIR));
  const logDir = logDirOf(env);
  const toConsole = env.LOG_TO_CONSOLE === '1' || env.LOG_TO_CONSOLE === 'true';
  const say = (line: string) => console.log(line);

  const lock = acquireStartLock(join(dataRoot, 'npm-start.pid'));
  const postgresLog = new LogFile(join(logDir, 'postgres.log'));
  let running: Running | undefined;
  let signals = 0;
  const stop = async (code: number, immediately: boolean) => {
    const deadline = setTimeout(() => process.exit(code || 130), immediately ? 3_000 : STOP_DEADLINE_MS);
    await running?.supervisor.stop(immediately);
    await running?.database.stop(immediately ? 0 : 3_000);
    postgresLog.close();
    lock.release();
    clearTimeout(deadline);
    process.exit(code);
  };
  const onSignal = (signal: NodeJS.Signals) => {
    signals++;
    if (signals === 1) say(`[start] ${signal}: stopping everything (Ctrl-C again to end at once)`);
    else say('[start] ending at once');
    void stop(0, signals > 1);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, onSignal);

  const embedded = !env.DATABASE_URL;
  const database: RunningPostgres = embedded
    ? await startEmbeddedPostgres({
        port: env.EMBEDDED_PG_PORT,
        dataDir: env.EMBEDDED_PG_DIR,
        exclusive: true,
        statementStats: env.PG_STAT_STATEMENTS === '1',
        log: (message) => {
          postgresLog.write(message);
          if (/initialising|left running/.test(message)) say(`[start] ${message}`);
        },
      })
    : { serverUrl: env.DATABASE_URL as string, startedHere: false, stop: async () => undefined };
  const supervisor = new Supervisor({ say });
  running = { supervisor, database };
  say(
    `[start] PostgreSQL ready (${seconds(started)}): ${embedded ? `embedded, ${env.EMBEDDED_PG_DIR}, port ${env.EMBEDDED_PG_PORT}` : 'DATABASE_URL'}`,
  );
  const prepared = Date.now();
  await prepareServiceDatabases(definitions, database.serverUrl, embedded);
  say(`[start] databases migrated${embedded ? ', demo data present' : ''} (${seconds(prepared)})`);

  const nodeArguments = [
    // A young generation half V8's default: after the start-up burst (demo events caught up by reporting)
    // resident memory came out at 125 instead of 150 MB, with throughput within this machine's noise.
    '--max-semi-space-size=8',
    '--enable-source-maps',
    // SERVICE_NODE_ARGS adds to these, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile every service.
    ...(process.env.SERVICE_NODE_ARGS ?? '').split(' ').filter(Boolean),
  ];
  const processEnv = { ...process.env, DATABASE_URL: database.serverUrl, SEED_DEMO_DATA: 'false', STOP_WITH_PARENT: '1' };
  const logOf = (name: string) => (toConsole ? undefined : new LogFile(join(logDir, `${name}.log`)));
  const specs: ProcessSpec[] = [];
  for (const definition of definitions) {
    for (let instance = 0; instance < instances; instance++) {
      const ports = SERVICES[definition.service];
      const port = ports.httpPort + instance * INSTANCE_PORT_STEP;
      const name = instance === 0 ? definition.service : `${definition.service}-${instance + 1}`;
      specs.push({
        name,
        command: process.execPath,
        args: [...nodeArguments, entryOf(definition.service)],
        env: { ...processEnv, PORT: String(port), TCP_PORT: String(ports.tcpPort + instance * INSTANCE_PORT_STEP) },
        healthUrl: `http://127.0.0.1:${port}/health`,
        log: logOf(name),
      });
    }
  }
  // The gateways start with the services: their health checks take each instance in as it comes up. Several
  // gateways share their rate-limit counters through REDIS_URL (kong.yml's policy redis), else each counts alone.
  const gatewayTargets = JSON.stringify(localGatewayTargets(readFileSync(env.KONG_CONFIG, 'utf8'), instances));
  if (env.GATEWAYS > 1 && !env.REDIS_URL) {
    say(`[start] ${env.GATEWAYS} gateways without REDIS_URL: each counts rate limits for itself (set REDIS_URL to share them)`);
  }
  for (let gateway = 0; gateway < env.GATEWAYS; gateway++) {
    const name = gateway === 0 ? 'gateway' : `gateway-${gateway + 1}`;
    const statusPort = env.GATEWAY_STATUS_PORT + gateway * GATEWAY_PORT_STEP;
    specs.push({
      name,
      command: process.execPath,
      args: [...nodeArguments, GATEWAY_ENTRY],
      env: {
        ...processEnv,
        KONG_CONFIG: env.KONG_CONFIG,
        GATEWAY_PORT: String(env.GATEWAY_PORT + gateway * GATEWAY_PORT_STEP),
        GATEWAY_STATUS_PORT: String(statusPort),
        GATEWAY_TARGETS: gatewayTargets,
      },
      healthUrl: `http://127.0.0.1:${statusPort}/status/ready`,
      log: logOf(name),
    });
  }
  specs.push({
    name: 'console',
    command: process.execPath,
    args: [CONSOLE_SERVER_ENTRY],
    env: { ...processEnv, CONSOLE_PORT: String(env.CONSOLE_PORT), CONSOLE_CURRENCY: env.CONSOLE_CURRENCY },
    healthUrl: `http://127.0.0.1:${env.CONSOLE_PORT}/health`,
    log: logOf('console'),
  });

  const launched = Date.now();
  try {
    await Promise.all(
      specs.map((spec) => supervisor.add(spec).then(() => say(`[start] ${spec.name} ready (${seconds(launched)})`))),
    );
  } catch (error) {
    if (!(error instanceof CrashLoopError)) throw error;
    return void reportCrashLoop(error, logDir, say).then(() => stop(1, false));
  }
  void supervisor.givenUp.then((error) => reportCrashLoop(error, logDir, say).then(() => stop(1, false)));

  say(`[start] all healthy in ${seconds(started)}`);
  say(summary(env, instances, toConsole ? undefined : logDir));
}

async function reportCrashLoop(error: CrashLoopError, logDir: string, say: (line: string) => void): Promise<void> {
  say(`[start] ${error.message}; stopping everything. Its last lines (${join(logDir, `${error.processName}.log`)}):`);
  for (const line of error.lastLines) say(`    ${line}`);
}

function summary(env: StartEnvironment, instances: number, logDir: string | undefined): string {
  const key = 'admin-key-12345';
  const rows: Array<[string, string]> = [
    ['web console', `http://localhost:${env.CONSOLE_PORT}   (sign in with ${key})`],
    ['gateway', `http://localhost:${env.GATEWAY_PORT}/api/v1   (header X-API-Key: ${key})`],
    ['gateway metrics', `http://localhost:${env.GATEWAY_STATUS_PORT}/metrics`],
    [
      'API docs',
      Object.entries(SERVICES)
        .map(([name, ports]) => `${name} http://localhost:${ports.httpPort}/docs`)
        .join('\n' + ' '.repeat(20)),
    ],
  ];
  if (instances > 1) rows.push(['instances', `${instances} of each service (ports +100 each)`]);
  if (env.GATEWAYS > 1) {
    const shared = env.REDIS_URL ? 'rate limits shared in Redis' : 'each counts its own rate limits';
    rows.push(['gateways', `${env.GATEWAYS} (ports +${GATEWAY_PORT_STEP} each; ${shared})`]);
  }
  rows.push(['logs', logDir ? `${logDir}   (npm run logs -- inventory)` : 'this terminal (LOG_TO_CONSOLE)']);
  const table = rows.map(([label, value]) => `  ${label.padEnd(17)} ${value}`).join('\n');
  return `\n${table}\n\n  try: curl -H 'X-API-Key: ${key}' http://localhost:${env.GATEWAY_PORT}/api/v1/products\n  Ctrl-C stops everything.\n`;
}
