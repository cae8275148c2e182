#!/usr/bin/env node
// `npm run test:console`: the console in a real Chromium against the real system. Starts `npm start` on a fresh
// embedded database (its own folder and port), runs every apps/console/e2e/*.e2e.mjs with node's test runner, then
// stops the system. CHROMIUM (default /usr/bin/chromium) is Debian's package: `apt-get install chromium`.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const chromium = process.env.CHROMIUM ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  console.error(`test:console: no Chromium at ${chromium} (apt-get install chromium, or set CHROMIUM)`);
  process.exit(1);
}

mkdirSync(join(ROOT, '.data'), { recursive: true });
const dataDir = mkdtempSync(join(ROOT, '.data', 'console-e2e-'));
chmodSync(dataDir, 0o755); // PostgreSQL runs as user postgres when we are root
const env = { ...process.env, EMBEDDED_PG_DIR: join(dataDir, 'postgres'), EMBEDDED_PG_PORT: '25479' };
const system = spawn('npm', ['start'], { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
let output = '';
const healthy = new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error(`the system was not healthy within 180 s:\n${output.slice(-4000)}`)), 180_000);
  const onData = (chunk) => {
    output += chunk;
    if (/all healthy/.test(output)) {
      clearTimeout(timer);
      resolve();
    }
  };
  system.stdout.on('data', onData);
  system.stderr.on('data', onData);
  system.once('exit', (code) => reject(new Error(`npm start exited (${code}):\n${output.slice(-4000)}`)));
});

let status = 1;
try {
  await healthy;
  const files = readdirSync(join(ROOT, 'apps/console/e2e'))
    .filter((file) => file.endsWith('.e2e.mjs'))
    .sort()
    .map((file) => join(ROOT, 'apps/console/e2e', file));
  const only = process.argv.slice(2);
  const run = spawnSync(
    process.execPath,
    ['--test', '--test-concurrency=1', '--test-reporter=spec', ...(only.length ? only : files)],
    {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, CHROMIUM: chromium, CONSOLE_URL: 'http://127.0.0.1:8080', GATEWAY_URL: 'http://127.0.0.1:8000' },
    },
  );
  status = run.status ?? 1;
} catch (error) {
  console.error(error.message);
} finally {
  system.removeAllListeners('exit');
  try {
    process.kill(-system.pid, 'SIGINT');
  } catch {
    // already gone
  }
  await new Promise((resolve) => (system.exitCode !== null ? resolve() : system.once('exit', resolve)));
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(status);
