#!/usr/bin/env node
// How long a new user waits: a fresh clone of a commit, `npm ci`, `npm start` until it reports the system healthy
// (build, initdb, migrations, demo data, every service), Ctrl-C, then `npm start` again with nothing changed.
//   node load-tests/start-bench.mjs [--ref HEAD] [--restarts 2] [--keep]
// Needs the ports of `npm start` free (3001-3005, 4001-4005, 8000, 8100). The clone's npm ci uses npm's cache, as a
// user's second project would; the figure without it depends on the network, not on this project.
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { describeMachine, machine, round, writeReport } from './lib/report.mjs';

const HEALTHY = /all healthy/;
const { values } = parseArgs({
  options: {
    ref: { type: 'string', default: 'HEAD' },
    restarts: { type: 'string', default: '2' },
    keep: { type: 'boolean', default: false },
    'timeout-seconds': { type: 'string', default: '300' },
  },
});
const repo = resolve(import.meta.dirname, '..');
const timeoutMs = Number(values['timeout-seconds']) * 1000;

/** Runs `npm start` in `dir` until it prints "all healthy"; returns the seconds it took, then stops it with SIGINT. */
async function timedStart(dir) {
  const started = performance.now();
  const child = spawn('npm', ['start'], { cwd: dir, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const seconds = await new Promise((resolveStart, reject) => {
    const timer = setTimeout(() => reject(new Error(`not healthy within ${timeoutMs / 1000} s:\n${output.slice(-3000)}`)), timeoutMs);
    const onData = (chunk) => {
      output += chunk;
      if (HEALTHY.test(output)) {
        clearTimeout(timer);
        resolveStart((performance.now() - started) / 1000);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`npm start exited (${code}) before it was healthy:\n${output.slice(-3000)}`)));
  });
  child.removeAllListeners('exit');
  const stopped = performance.now();
  process.kill(-child.pid, 'SIGINT'); // its process group, as Ctrl-C in a terminal
  await new Promise((resolveStop) => child.once('exit', resolveStop));
  return { seconds, stopSeconds: (performance.now() - stopped) / 1000, output };
}

const dir = mkdtempSync(join(tmpdir(), 'start-bench-'));
chmodSync(dir, 0o755); // as root, PostgreSQL runs as user postgres, which must reach the data folder
try {
  const m = await machine();
  const commit = execFileSync('git', ['rev-parse', values.ref], { cwd: repo, encoding: 'utf8' }).trim();
  execFileSync('git', ['clone', '--quiet', '--no-checkout', repo, dir]);
  execFileSync('git', ['checkout', '--quiet', commit], { cwd: dir });
  const started = performance.now();
  execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir, stdio: 'ignore' });
  const npmCi = (performance.now() - started) / 1000;

  const first = await timedStart(dir);
  const restarts = [];
  for (let run = 0; run < Number(values.restarts); run++) restarts.push(await timedStart(dir));

  const report = {
    machine: m,
    commit,
    npm_ci_seconds: round(npmCi),
    first_start_seconds: round(first.seconds),
    restart_seconds: restarts.map((run) => round(run.seconds)),
    stop_seconds: [first, ...restarts].map((run) => round(run.stopSeconds)),
  };
  console.log(`machine: ${describeMachine(m)}`);
  console.log(`commit ${commit.slice(0, 10)} in a fresh clone (${dir})`);
  console.log(`npm ci                          ${report.npm_ci_seconds} s`);
  console.log(`first npm start → all healthy   ${report.first_start_seconds} s`);
  console.log(`restart, nothing changed        ${report.restart_seconds.join(' s, ')} s`);
  console.log(`Ctrl-C → everything stopped     ${report.stop_seconds.join(' s, ')} s`);
  console.log(`report: ${writeReport('start', report)}`);
} finally {
  if (!values.keep) rmSync(dir, { recursive: true, force: true });
}
