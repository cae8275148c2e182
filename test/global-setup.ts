// Runs outside Jest's module registry: import only files that need no `@app/*` alias and no ES-only package.
import { randomBytes } from 'node:crypto';
import { startEmbeddedPostgres } from '../libs/persistence/src/embedded-postgres';

// Below the kernel's ephemeral range (32768–60999), as are the ports of the CI scripts' own servers: in that range
// a busy machine can hold the port for a moment as some connection's source port, and PostgreSQL cannot bind it.
const TEST_PG_PORT = Number(process.env.TEST_EMBEDDED_PG_PORT ?? 25439);

/**
 * One PostgreSQL for the whole run: TEST_DATABASE_URL when set, else an embedded one. Every
 * database this run creates carries its run id, so runs side by side never touch each other's.
 */
export default async function globalSetup(): Promise<void> {
  const configured = process.env.TEST_DATABASE_URL;
  const server = configured
    ? { serverUrl: configured, stop: async () => undefined }
    : await startEmbeddedPostgres({ port: TEST_PG_PORT, dataDir: `.data/test-postgres-${TEST_PG_PORT}`, fast: true });
  (globalThis as { stopTestPostgres?: () => Promise<void> }).stopTestPostgres = server.stop;
  process.env.TEST_DATABASE_SERVER_URL = server.serverUrl;
  process.env.TEST_RUN_ID = randomBytes(3).toString('hex');
}
