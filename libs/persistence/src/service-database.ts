import { ServiceName } from '@app/contracts';
import { DatabaseSource } from '@app/config';
import { DataSource, DataSourceOptions } from 'typeorm';
import { ensureDatabase, databaseUrl } from './database-admin';
import { startEmbeddedPostgres } from './embedded-postgres';
import { PreparingClient } from './prepared-statements';
import { SnakeNamingStrategy } from './snake-naming.strategy';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type ClassList = Function[];

/** What a service declares about its database: the schema (entities + migrations) and demo data. */
export interface ServiceDatabase {
  service: ServiceName;
  entities: ClassList;
  migrations: ClassList;
  seed?: (dataSource: DataSource) => Promise<void>;
}

export interface PreparedDatabase {
  url: string;
  /** The database did not exist before this start. */
  created: boolean;
  embedded: boolean;
  /** Stops the embedded server if this process started it. */
  release(): Promise<void>;
}

/** Finds (or starts) the server and makes sure the service's database exists on it. */
export async function prepareDatabase(source: DatabaseSource, log?: (message: string) => void): Promise<PreparedDatabase> {
  const server =
    source.kind === 'embedded'
      ? await startEmbeddedPostgres({ port: source.port, dataDir: source.dataDir, log })
      : { serverUrl: source.serverUrl, startedHere: false, stop: async () => undefined };
  const created = await ensureDatabase(server.serverUrl, source.database);
  return {
    url: databaseUrl(server.serverUrl, source.database),
    created,
    embedded: source.kind === 'embedded',
    release: () => server.stop(),
  };
}

export function dataSourceOptions(
  database: ServiceDatabase,
  url: string,
  options: { poolSize?: number; runMigrations?: boolean; preparedStatements?: boolean } = {},
): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: database.entities,
    migrations: database.migrations,
    migrationsRun: options.runMigrations ?? false,
    migrationsTableName: 'migrations',
    synchronize: false,
    namingStrategy: new SnakeNamingStrategy(),
    extra: {
      max: options.poolSize ?? 10,
      application_name: database.service,
      ...(options.preparedStatements && { Client: PreparingClient }),
    },
  };
}

/** Statements that would bring the database in step with the entities: empty when migrations are complete. */
export async function pendingSchemaChanges(dataSource: DataSource): Promise<string[]> {
  const sqlInMemory = await dataSource.driver.createSchemaBuilder().log();
  return sqlInMemory.upQueries.map((query) => query.query);
}

/** Runs pending migrations under an advisory lock, so instances starting together take turns. */
export async function runMigrations(database: ServiceDatabase, url: string): Promise<string[]> {
  const dataSource = new DataSource({ ...dataSourceOptions(database, url, { poolSize: 1, runMigrations: false }) });
  await dataSource.initialize();
  try {
    await dataSource.query('SELECT pg_advisory_lock(hashtext($1))', [`migrations:${database.service}`]);
    const applied = await dataSource.runMigrations({ transaction: 'all' });
    return applied.map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}

/** Opens a short-lived connection to the service's database for `work`. */
export async function withDataSource<T>(
  database: ServiceDatabase,
  url: string,
  work: (dataSource: DataSource) => Promise<T>,
): Promise<T> {
  const dataSource = await new DataSource(dataSourceOptions(database, url, { poolSize: 2 })).initialize();
  try {
    return await work(dataSource);
  } finally {
    await dataSource.destroy();
  }
}
