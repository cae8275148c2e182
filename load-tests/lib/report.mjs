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

/** The pid of the process listening on each TCP port, from /proc (Linux); ports nobody listens on are left out. */
function listenerPids(ports) {
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
  for (const pid of processIds()) {
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
  const pids = {};
  for (const [name, port] of Object.entries(ports)) if (pidOfPort.has(port)) pids[name] = pidOfPort.get(port);
  return pids;
}

const processIds = () => readdirSync('/proc').filter((name) => /^\d+$/.test(name));

/**
 * Resident memory (MB) of the process listening on each port, from /proc (Linux); ports nobody listens on, or
 * every port on another OS, are left out.
 */
export function residentMemoryByPort(ports) {
  const memory = {};
  for (const [name, pid] of Object.entries(listenerPids(ports))) {
    const rss = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    if (rss) memory[name] = round(Number(rss) / 1024);
  }
  return memory;
}

/** CPU seconds (user + system) a process has used, from /proc/<pid>/stat; 0 when it is gone. */
function cpuSecondsOf(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}

// USER_HZ: 100 on every Linux that Node runs on.
const CLOCK_TICKS = 100;

/** Busy CPU seconds of the whole machine (every core), from /proc/stat: all but idle and iowait. */
function machineBusySeconds() {
  const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
  const [user, nice, system, , , irq, softirq, steal] = ticks;
  return (user + nice + system + irq + softirq + steal) / CLOCK_TICKS;
}

const parentOf = (pid) => {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[1];
  } catch {
    return undefined;
  }
};

/**
 * Where the machine's CPU goes from now until the returned function is called: the processes listening on `ports`
 * by name, the PostgreSQL server listening on `postgresPort` with all its children (backends, WAL writer, …), this
 * process as `load generator`, and the rest of the machine. The function takes a count (e.g. of completed sagas)
 * and returns ms of CPU per unit for each, with `total`. A backend started in between counts from its start.
 */
export function processCpuMeter(ports, postgresPort) {
  const named = listenerPids(ports);
  const postmaster = listenerPids({ postgres: postgresPort }).postgres;
  const postgresPids = () => (postmaster ? [postmaster, ...processIds().filter((pid) => parentOf(pid) === postmaster)] : []);
  const postgresSeconds = () => postgresPids().reduce((sum, pid) => sum + cpuSecondsOf(pid), 0);
  const before = {
    named: Object.fromEntries(Object.entries(named).map(([name, pid]) => [name, cpuSecondsOf(pid)])),
    postgres: postgresSeconds(),
    self: cpuSecondsOf(process.pid),
    machine: machineBusySeconds(),
  };
  return (count) => {
    const perUnit = (seconds) => round((seconds * 1000) / count, 2);
    const used = {
      postgres: postgresSeconds() - before.postgres,
      ...Object.fromEntries(Object.entries(named).map(([name, pid]) => [name, cpuSecondsOf(pid) - before.named[name]])),
      'load generator': cpuSecondsOf(process.pid) - before.self,
    };
    const machine = machineBusySeconds() - before.machine;
    const accounted = Object.values(used).reduce((sum, seconds) => sum + seconds, 0);
    return {
      ...Object.fromEntries(Object.entries(used).map(([name, seconds]) => [name, perUnit(seconds)])),
      rest: perUnit(Math.max(0, machine - accounted)),
      total: perUnit(machine),
    };
  };
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
