// Node-only helpers of the load-test commands: the machine a figure was measured on, latency summaries, reports.
import { mkdirSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, platform, release, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import pg from 'pg';
import { percentile } from '../scenarios/engine.js';

const RESULTS_DIR = 'load-tests/results';

/** Cores, memory, OS and Node; PostgreSQL's version when a database URL is given. */
export async function machine(databaseUrl) {
  const description = {
    cpus: cpus().length,
    cpu: cpus()[0]?.model?.trim(),
    memory_gib: Number((totalmem() / 2 ** 30).toFixed(1)),
    free_memory_gib: Number((freemem() / 2 ** 30).toFixed(1)),
    load_average_1m: Number(loadavg()[0].toFixed(2)),
    os: `${platform()} ${release()}`,
    node: process.version,
  };
  if (databaseUrl) description.postgres = await postgresVersion(databaseUrl);
  return description;
}

async function postgresVersion(databaseUrl) {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    const { rows } = await client.query('SELECT version()');
    return rows[0].version;
  } catch (error) {
    return `unknown (${error.message})`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export function describeMachine(m) {
  const postgres = m.postgres ? `, ${m.postgres.split(' on ')[0]}` : '';
  return `${m.cpus} cores (${m.cpu}), ${m.memory_gib} GiB, Node ${m.node}${postgres}, load ${m.load_average_1m}`;
}

export const round = (value, digits = 1) => (Number.isFinite(value) ? Number(value.toFixed(digits)) : null);

/** p50/p95/p99/max of latencies in ms (rounded to 0.1 ms). */
export function latencySummary(latencies) {
  const sorted = Float64Array.from(latencies).sort();
  return {
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted[sorted.length - 1]),
  };
}

/** Writes `report` as JSON to `file`, by default under load-tests/results (git-ignored); returns the path. */
export function writeReport(
  prefix,
  report,
  file = join(RESULTS_DIR, `${prefix}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`),
) {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(report, null, 2) + '\n');
  return file;
}

/**
 * Resident memory (MB) of the process listening on each port, from /proc (Linux); ports nobody listens on, or
 * every port on another OS, are left out.
 */
export function residentMemoryByPort(ports) {
  const inodes = new Map();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text;
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      return {};
    }
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      // st 0A: listening
      if (fields.length > 9 && fields[3] === '0A') inodes.set(fields[9], parseInt(fields[1].split(':')[1], 16));
    }
  }
  const wanted = new Map([...inodes].filter(([, port]) => Object.values(ports).includes(port)));
  const pidOfPort = new Map();
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    let fds;
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue; // gone, or not ours to read
    }
    for (const fd of fds) {
      let link;
      try {
        link = readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        continue;
      }
      const inode = /^socket:\[(\d+)\]$/.exec(link)?.[1];
      if (inode && wanted.has(inode)) pidOfPort.set(wanted.get(inode), pid);
    }
  }
  const memory = {};
  for (const [name, port] of Object.entries(ports)) {
    const pid = pidOfPort.get(port);
    const rss = pid && /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    if (rss) memory[name] = round(Number(rss) / 1024);
  }
  return memory;
}

/** CPU time this process spends from now until the returned function is called, in % of one core. */
export function cpuMeter() {
  const cpu = process.cpuUsage();
  const started = performance.now();
  return () => {
    const used = process.cpuUsage(cpu);
    return round(((used.user + used.system) / 1000 / (performance.now() - started)) * 100);
  };
}
