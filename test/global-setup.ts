// Runs outside Jest's module registry: import only files that need no `@app/*` alias and no ES-only package.
import { Client } from 'pg';
import { databaseUrl, dropDatabase } from '../libs/persistence/src/database-admin';
import { startEmbeddedPostgres } from '../libs/persistence/src/embedded-postgres';

const TEST_PG_PORT = Number(process.env.TEST_EMBEDDED_PG_PORT ?? 54339);

/** Databases of earlier runs (templates are rebuilt, so schema changes are picked up). */
async function dropTestDatabases(serverUrl: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl(serverUrl, 'postgres') });
  await client.connect();
  const { rows } = await client.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE '%\\_test\\_%'");
  await client.end();
  for (const { datname } of rows) await dropDatabase(serverUrl, datname);
}

/** One PostgreSQL for the whole run: TEST_DATABASE_URL when set, else an embedded one. */
export default async function globalSetup(): Promise<void> {
  const configured = process.env.TEST_DATABASE_URL;
  const server = configured
    ? { serverUrl: configured, stop: async () => undefined }
    : await startEmbeddedPostgres({ port: TEST_PG_PORT, dataDir: '.data/test-postgres', fast: true });
  (globalThis as { stopTestPostgres?: () => Promise<void> }).stopTestPostgres = server.stop;
  process.env.TEST_DATABASE_SERVER_URL = server.serverUrl;
  await dropTestDatabases(server.serverUrl);
}
