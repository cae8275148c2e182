import { databaseNameOf } from '@app/contracts';
import { ServiceDatabase, databaseUrl, dropDatabase, ensureDatabase, runMigrations } from '@app/persistence';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** Set by the Jest global setup: the PostgreSQL server the tests use. */
const TEST_SERVER_VARIABLE = 'TEST_DATABASE_SERVER_URL';

/** Prefix of every database of this test run, e.g. `inventory_t3fa9c1_`. */
function runPrefix(database: ServiceDatabase): string {
  return `${databaseNameOf(database.service)}_t${process.env.TEST_RUN_ID ?? 'local'}_`;
}

export function testServerUrl(): string {
  const url = process.env[TEST_SERVER_VARIABLE];
  if (!url)
    throw new Error(`${TEST_SERVER_VARIABLE} is not set: run the tests through jest (its global setup starts PostgreSQL)`);
  return url;
}

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/**
 * The service's migrated schema, built once per run: the first test file to need it migrates a
 * template database while the others wait on an advisory lock.
 */
async function ensureTemplate(serverUrl: string, database: ServiceDatabase): Promise<string> {
  const template = `${runPrefix(database)}template`;
  const lock = new Client({ connectionString: databaseUrl(serverUrl, 'postgres') });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock(hashtext($1))', [template]);
    if (await ensureDatabase(serverUrl, template)) {
      await runMigrations(database, databaseUrl(serverUrl, template));
    }
    return template;
  } finally {
    await lock.end();
  }
}

/** A fresh database with the service's migrated schema, copied from the template. */
export async function createTestDatabase(database: ServiceDatabase): Promise<TestDatabase> {
  const serverUrl = testServerUrl();
  const template = await ensureTemplate(serverUrl, database);
  const name = `${runPrefix(database)}${randomBytes(4).toString('hex')}`;
  await ensureDatabase(serverUrl, name, template);
  return { name, url: databaseUrl(serverUrl, name), drop: () => dropDatabase(serverUrl, name) };
}
