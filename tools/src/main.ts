import 'reflect-metadata';
import { loadConfig, loadServiceConfig, ServiceEnvironment } from '@app/config';
import { embeddedServerUrl, prepareDatabase, runMigrations, withDataSource } from '@app/persistence';
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { followLogs } from './logs';
import { logDirOf, StartEnvironment } from './start-environment';

// The services' code is loaded only by the commands that need it: `logs` or `db:wipe` work while a service's
// source does not compile.
/* eslint-disable @typescript-eslint/no-require-imports */
const services = async () => require('./registry') as typeof import('./registry');
const migrations = async () => require('./migrations') as typeof import('./migrations');
const system = () => require('./start-system') as typeof import('./start-system');
const reporting = () => ({
  ...(require('../../apps/reporting/src/read-model/rebuild') as typeof import('../../apps/reporting/src/read-model/rebuild')),
  ...(require('../../apps/reporting/src/reporting.service') as typeof import('../../apps/reporting/src/reporting.service')),
});
/* eslint-enable @typescript-eslint/no-require-imports */

const USAGE = `usage: npm run <command> (node tools/run.mjs <command>)
  start [--instances N]                  the whole system on its embedded defaults
  migrate [service...]                   apply pending migrations
  seed [service...]                      load demo data (does nothing where data exists)
  migration:check [service...]           fail if an entity changed without a migration
  migration:generate <service> <Name>    write a migration for the entity changes
  logs [service...] [--lines N] [--no-follow]   follow the services' logs, readable
  reporting:rebuild                      wipe reporting's read model and replay its event log into it
  db:wipe                                delete the embedded database's data folder`;

async function wipeEmbeddedDatabase(): Promise<void> {
  const env = loadConfig(ServiceEnvironment);
  const client = new Client({ connectionString: embeddedServerUrl(env.EMBEDDED_PG_PORT), connectionTimeoutMillis: 1000 });
  const running = await client.connect().then(
    () => true,
    () => false,
  );
  await client.end().catch(() => undefined);
  if (running) throw new Error(`The embedded PostgreSQL on port ${env.EMBEDDED_PG_PORT} is running: stop the system first`);
  rmSync(resolve(env.EMBEDDED_PG_DIR), { recursive: true, force: true });
  console.log(`removed ${env.EMBEDDED_PG_DIR}`);
}

/** `reporting:rebuild`: the read model from reporting's own event log, whether the service runs or not. */
async function rebuildReporting(): Promise<void> {
  const { rebuildReadModel, reportingService } = reporting();
  const config = loadServiceConfig(reportingService.service, reportingService.environment);
  const database = await prepareDatabase(config.database);
  try {
    await runMigrations(reportingService.database, database.url);
    const started = Date.now();
    const replayed = await withDataSource(reportingService.database, database.url, rebuildReadModel);
    console.log(`reporting: read model rebuilt from ${replayed} logged event(s) in ${Date.now() - started} ms`);
  } finally {
    await database.release();
  }
}

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  switch (command) {
    case 'start': {
      const flag = args.indexOf('--instances');
      const instances = flag >= 0 ? Number(args[flag + 1]) : undefined;
      if (instances !== undefined && !(Number.isInteger(instances) && instances >= 1 && instances <= 5)) {
        throw new Error('--instances must be 1 to 5');
      }
      const { startSystem } = system();
      await startSystem((await services()).SERVICE_DEFINITIONS, instances);
      return -1; // keeps running
    }
    case 'migrate':
      await (await migrations()).migrate((await services()).selected(args));
      return 0;
    case 'seed':
      await (await migrations()).seed((await services()).selected(args));
      return 0;
    case 'migration:check':
      return (await (await migrations()).checkMigrations((await services()).selected(args))) ? 0 : 1;
    case 'migration:generate': {
      const [service, name] = args;
      if (!service || !name) throw new Error(USAGE);
      const path = await (await migrations()).generateMigration((await services()).definitionOf(service), name);
      console.log(path ? `wrote ${path}` : 'no changes: the migrations already match the entities');
      return 0;
    }
    case 'logs':
      await followLogs(logDirOf(loadConfig(StartEnvironment)), args);
      return 0;
    case 'reporting:rebuild':
      await rebuildReporting();
      return 0;
    case 'db:wipe':
      await wipeEmbeddedDatabase();
      return 0;
    default:
      console.error(USAGE);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => code >= 0 && process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
