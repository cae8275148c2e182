import { freePort } from '@app/testing';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LogFile } from '../src/supervisor/log-file';
import { acquireStartLock, AlreadyRunningError } from '../src/supervisor/start-lock';
import { CrashLoopError, ProcessSpec, Supervisor, SupervisorOptions } from '../src/supervisor/supervisor';

const CHILD = join(__dirname, 'fixtures', 'child.mjs');

function alive(pid: number | undefined): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${condition.toString()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function pidServing(port: number): Promise<number | undefined> {
  try {
    return Number(await (await fetch(`http://127.0.0.1:${port}/`)).text());
  } catch {
    return undefined;
  }
}

/** The supervisor of `npm start`, on real processes (tools/test/fixtures/child.mjs). */
describe(Supervisor.name, () => {
  let dir: string;
  let said: string[];
  let supervisor: Supervisor;

  const child = async (name: string, mode = 'serve'): Promise<ProcessSpec & { port: number }> => {
    const port = await freePort();
    return {
      name,
      port,
      command: process.execPath,
      args: [CHILD],
      env: { ...process.env, CHILD_MODE: mode, PORT: String(port) },
      healthUrl: `http://127.0.0.1:${port}/health`,
      log: new LogFile(join(dir, `${name}.log`)),
    };
  };
  const supervise = (options: Partial<SupervisorOptions> = {}) =>
    new Supervisor({ initialBackoffMs: 100, healthPollMs: 25, stopGraceMs: 1_000, say: (line) => said.push(line), ...options });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'supervisor-'));
    said = [];
  });
  afterEach(async () => {
    await supervisor?.stop(true);
    rmSync(dir, { recursive: true, force: true });
  });

  describe('a process that dies', () => {
    it('is started again while the others keep serving', async () => {
      supervisor = supervise();
      const [victim, bystander] = [await child('inventory'), await child('retail')];
      await Promise.all([supervisor.add(victim), supervisor.add(bystander)]);
      const { inventory: killed, retail: bystanderPid } = supervisor.pids();

      process.kill(killed!, 'SIGKILL');
      await until(async () => (await pidServing(bystander.port)) === bystanderPid && !alive(killed));
      await until(async () => {
        const pid = await pidServing(victim.port);
        return pid !== undefined && pid !== killed;
      });

      expect(await pidServing(bystander.port)).toBe(bystanderPid);
      expect(said).toContain('[start] inventory killed by SIGKILL; restarting in 100 ms');
      await until(() => said.some((line) => line.startsWith('[start] inventory serving again')));
    });

    it('waits twice as long at each crash in a row, and from the start again after a healthy spell', async () => {
      supervisor = supervise({ resetAfterMs: 1_500 });
      const spec = await child('ecommerce');
      await supervisor.add(spec);
      const killAndAwaitRestart = async () => {
        const pid = supervisor.pids().ecommerce!;
        process.kill(pid, 'SIGKILL');
        await until(async () => {
          const serving = await pidServing(spec.port);
          return serving !== undefined && serving !== pid;
        });
      };

      await killAndAwaitRestart();
      await killAndAwaitRestart();
      await new Promise((resolve) => setTimeout(resolve, 1_600));
      await killAndAwaitRestart();

      expect(said.filter((line) => line.includes('restarting in'))).toEqual([
        '[start] ecommerce killed by SIGKILL; restarting in 100 ms',
        '[start] ecommerce killed by SIGKILL; restarting in 200 ms',
        '[start] ecommerce killed by SIGKILL; restarting in 100 ms',
      ]);
    });

    it('counts a process that never became healthy in time as a failed start', async () => {
      supervisor = supervise({ startTimeoutMs: 300, maxFailedStarts: 2 });
      const spec = await child('reporting');
      spec.healthUrl = `http://127.0.0.1:${await freePort()}/health`; // nobody answers there

      await expect(supervisor.add(spec)).rejects.toThrow('reporting failed to start 2 times in a row');
      expect(said).toContain('[start] reporting not healthy after 0.3 s; restarting it');
    });
  });

  describe('a process that fails at every start', () => {
    it('is given up on after three tries, with its last error lines', async () => {
      supervisor = supervise();
      const failure = supervisor.add(await child('inventory', 'crash'));

      const error = await failure.catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(CrashLoopError);
      expect((error as CrashLoopError).processName).toBe('inventory');
      expect((error as CrashLoopError).message).toBe('inventory failed to start 3 times in a row');
      // The configuration error it printed, not the info line before it.
      expect((error as CrashLoopError).lastLines).toEqual(['Invalid configuration:', '  - PORT="eighty": must be a port']);
      expect(said.filter((line) => line.startsWith('[start]'))).toEqual([
        '[start] inventory exited with code 1; restarting in 100 ms',
        '[start] inventory exited with code 1; restarting in 200 ms',
        '[start] inventory exited with code 1 before serving, 3 times in a row: giving up',
      ]);
      await expect(supervisor.givenUp).resolves.toBe(error);
    });
  });

  describe('stop', () => {
    it('ends every process, killing one that ignores SIGTERM after the grace period', async () => {
      supervisor = supervise({ stopGraceMs: 500 });
      await Promise.all([supervisor.add(await child('inventory')), supervisor.add(await child('gateway', 'stubborn'))]);
      const pids = Object.values(supervisor.pids());
      const started = Date.now();

      await supervisor.stop();

      expect(Date.now() - started).toBeLessThan(3_000);
      expect(pids.filter(alive)).toEqual([]);
      expect(said).toContain('[start] gateway did not stop within 0.5 s: killed');
    });

    it('does not start again a process that was waiting for its restart', async () => {
      supervisor = supervise({ initialBackoffMs: 300 });
      const spec = await child('retail');
      await supervisor.add(spec);
      process.kill(supervisor.pids().retail!, 'SIGKILL');
      await until(() => said.some((line) => line.includes('restarting in')));

      await supervisor.stop();
      await new Promise((resolve) => setTimeout(resolve, 500));

      expect(await pidServing(spec.port)).toBeUndefined();
    });
  });

  describe('logs', () => {
    it('shows a process error lines in the terminal, readable', async () => {
      supervisor = supervise();
      const spec = await child('inventory');
      await supervisor.add(spec);

      await fetch(`http://127.0.0.1:${spec.port}/error`);

      await until(() => said.includes('[inventory] error: database unreachable (ECONNREFUSED)'), 5_000);
    });
  });
});

describe(LogFile.name, () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'log-file-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps the file under its cap by moving it to <file>.1', () => {
    const log = new LogFile(join(dir, 'retail.log'), 100);
    for (let line = 0; line < 10; line++) log.write(`{"level":30,"msg":"line ${line}"}`);
    log.close();

    expect(log.rotateIfLarge()).toBe(true);

    expect(readFileSync(join(dir, 'retail.log'), 'utf8')).toBe('');
    expect(readFileSync(join(dir, 'retail.log.1'), 'utf8').split('\n')).toHaveLength(11);
    expect(log.rotateIfLarge()).toBe(false);
  });

  it('reads only what was appended, through a rotation', () => {
    const path = join(dir, 'gateway.log');
    const log = new LogFile(path, 10);
    writeFileSync(path, '{"level":50,"msg":"old"}\n');
    log.skipExisting();
    writeFileSync(path, '{"level":50,"msg":"old"}\n{"level":60,"msg":"new"}\n{"level":50,"msg":"part');

    expect(log.newErrors()).toEqual(['fatal: new']);
    log.rotateIfLarge();
    writeFileSync(path, '{"level":50,"msg":"after"}\n');
    expect(log.newErrors()).toEqual(['error: after']);
  });
});

describe(acquireStartLock.name, () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'start-lock-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a second start while the first runs', () => {
    const path = join(dir, 'npm-start.pid');
    writeFileSync(path, String(process.ppid)); // a live process other than this one
    expect(() => acquireStartLock(path)).toThrow(AlreadyRunningError);
    expect(() => acquireStartLock(path)).toThrow(`npm start is already running here (pid ${process.ppid}`);
  });

  it('takes over the lock of a start that died, and releases its own', () => {
    const path = join(dir, 'npm-start.pid');
    writeFileSync(path, '999999999');
    const lock = acquireStartLock(path);
    expect(lock.tookOverStale).toBe(true);
    expect(readFileSync(path, 'utf8')).toBe(String(process.pid));
    lock.release();
    expect(existsSync(path)).toBe(false);
  });
});
