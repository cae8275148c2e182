import { Client } from 'pg';
import { databaseUrl, dropDatabase } from '../libs/persistence/src/database-admin';

/** Drops this run's databases (test files drop their own; templates and leftovers of failures go here). */
export default async function globalTeardown(): Promise<void> {
  const serverUrl = process.env.TEST_DATABASE_SERVER_URL;
  if (serverUrl) {
    const client = new Client({ connectionString: databaseUrl(serverUrl, 'postgres') });
    await client.connect();
    const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [
      `%\\_t${process.env.TEST_RUN_ID}\\_%`,
    ]);
    await client.end();
    for (const { datname } of rows) await dropDatabase(serverUrl, datname);
  }
  await (globalThis as { stopTestPostgres?: () => Promise<void> }).stopTestPostgres?.();
}
