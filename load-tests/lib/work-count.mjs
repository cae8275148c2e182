// The work a saga costs across the system, independent of the machine (issue 19's "work per saga"):
// - SQL statements, from pg_stat_statements of the server `npm start` runs (start it with PG_STAT_STATEMENTS=1);
// - messages between processes, from the services' own log lines: one "message completed" per command or event
//   delivery a service handled (a request and its reply count once), one "request completed" per HTTP request.
// Both are counted from the moment `startWorkCount` is called until `finish`, so the warm-up is left out; the
// pollers' statements during the run (outbox relays, the saga poller) are part of the cost and are counted.
import { open, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';

const TRANSACTION_CONTROL = /^\s*(BEGIN|COMMIT|ROLLBACK|START TRANSACTION|SAVEPOINT|RELEASE)/i;
/** Not part of any saga: the benchmark's own statements, and a system's idle chatter. */
const SERVICE_LOGS = /^(inventory|ecommerce|retail|reporting|saga-orchestrator)(-\d+)?\.log$/;

async function logSizes(logDir) {
  const sizes = new Map();
  for (const name of await readdir(logDir)) {
    if (SERVICE_LOGS.test(name)) sizes.set(name, (await stat(join(logDir, name))).size);
  }
  return sizes;
}

async function readFrom(path, offset) {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const buffer = Buffer.alloc(Math.max(0, size - offset));
    await file.read(buffer, 0, buffer.length, offset);
    return { size, text: buffer.toString('utf8') };
  } finally {
    await file.close();
  }
}

/** What a log got since it was `offset` long; across one rotation (copied to `<name>.1`, then truncated) too. */
async function appendedSince(path, offset) {
  const current = await readFrom(path, 0);
  if (current.size >= offset) return (await readFrom(path, offset)).text;
  return (await readFrom(`${path}.1`, offset)).text + current.text;
}

export async function startWorkCount({ databaseUrl, logDir }) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    await client.query('SELECT pg_stat_statements_reset()');
  } catch (error) {
    await client.end();
    throw new Error(`pg_stat_statements is not loaded (start the system with PG_STAT_STATEMENTS=1): ${error.message}`);
  }
  const sizes = await logSizes(logDir);
  return {
    /** Per completed saga: statements by database (and how many of them are BEGIN/COMMIT), messages by kind. */
    async finish(completed) {
      // The services write their log lines in batches, at the latest a quarter of a second after the fact.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      try {
        const { rows } = await client.query(
          `SELECT d.datname AS database, s.query, s.calls::bigint AS calls
             FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
            WHERE d.datname <> current_database()`,
        );
        const statements = {};
        let total = 0;
        let transactionControl = 0;
        for (const row of rows) {
          const calls = Number(row.calls);
          statements[row.database] = (statements[row.database] ?? 0) + calls;
          total += calls;
          if (TRANSACTION_CONTROL.test(row.query)) transactionControl += calls;
        }
        const messages = {};
        let totalMessages = 0;
        for (const [name, offset] of sizes) {
          for (const line of (await appendedSince(join(logDir, name), offset)).split('\n')) {
            const kind = line.includes('"msg":"message completed"')
              ? `message ${/"pattern":"([^"]+)"/.exec(line)?.[1] ?? '?'}`
              : line.includes('"msg":"request completed"')
                ? `HTTP ${/"method":"(\w+)"/.exec(line)?.[1] ?? '?'} ${name.replace(/(-\d+)?\.log$/, '')}`
                : undefined;
            if (!kind) continue;
            messages[kind] = (messages[kind] ?? 0) + 1;
            totalMessages++;
          }
        }
        const perSaga = (n) => Math.round((n / completed) * 10) / 10;
        return {
          sql_statements_per_saga: perSaga(total),
          of_which_begin_commit: perSaga(transactionControl),
          sql_by_database: Object.fromEntries(Object.entries(statements).map(([db, n]) => [db, perSaga(n)])),
          messages_per_saga: perSaga(totalMessages),
          messages_by_kind: Object.fromEntries(
            Object.entries(messages)
              .sort((a, b) => b[1] - a[1])
              .map(([kind, n]) => [kind, perSaga(n)]),
          ),
        };
      } finally {
        await client.end();
      }
    },
  };
}
