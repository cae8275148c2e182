import { ChildProcess, spawn } from 'node:child_process';
import { LogFile } from './log-file';

/** One process the supervisor keeps running. */
export interface ProcessSpec {
  /** As the terminal names it: `inventory`, `inventory #2`, `gateway`. */
  name: string;
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  /** Answers 2xx once the process serves; it counts as started (and healthy) from then on. */
  healthUrl: string;
  /** Its stdout and stderr; unset: the supervisor's own terminal. */
  log?: LogFile;
}

export interface SupervisorOptions {
  /** First delay before a restart; doubled at each crash in a row, up to `maxBackoffMs`. */
  initialBackoffMs: number;
  maxBackoffMs: number;
  /** A process healthy this long has its backoff reset to the initial delay. */
  resetAfterMs: number;
  /** Exits in a row without once becoming healthy after which the supervisor gives up on the whole system. */
  maxFailedStarts: number;
  /** How long a process may take to become healthy before its start counts as failed. */
  startTimeoutMs: number;
  /** Between SIGTERM and SIGKILL when stopping. */
  stopGraceMs: number;
  healthPollMs: number;
  /** Where the supervisor says what happens (the terminal). */
  say: (line: string) => void;
}

const DEFAULT_SUPERVISOR_OPTIONS: Omit<SupervisorOptions, 'say'> = {
  initialBackoffMs: 1_000,
  maxBackoffMs: 30_000,
  resetAfterMs: 60_000,
  maxFailedStarts: 3,
  startTimeoutMs: 90_000,
  stopGraceMs: 8_000,
  healthPollMs: 250,
};

/** Why the supervisor gave up: which process, and the last lines it wrote. */
export class CrashLoopError extends Error {
  constructor(
    readonly processName: string,
    readonly failedStarts: number,
    readonly lastLines: string[],
  ) {
    super(`${processName} failed to start ${failedStarts} times in a row`);
  }
}

/** Error lines shown in the terminal per process and check; the rest are in its log file. */
const ERRORS_SHOWN_PER_CHECK = 5;

type State = 'starting' | 'healthy' | 'waiting' | 'stopped';

class Supervised {
  child?: ChildProcess;
  state: State = 'stopped';
  /** Exits in a row that never reached healthy. */
  failedStarts = 0;
  backoffMs: number;
  healthySince?: number;
  restarts = 0;
  timer?: NodeJS.Timeout;
  /** Settles when the first start has become healthy (or the supervisor gave up on it). */
  firstHealthy: Promise<void>;
  markFirstHealthy!: () => void;

  constructor(
    readonly spec: ProcessSpec,
    initialBackoffMs: number,
  ) {
    this.backoffMs = initialBackoffMs;
    this.firstHealthy = new Promise((resolve) => (this.markFirstHealthy = resolve));
  }
}

/**
 * What docker-compose's `restart: unless-stopped` gives a container, for `npm start`'s processes: a process that
 * exits or is killed is started again after a backoff (1 s doubling to 30 s, reset after a minute healthy) while
 * the others keep serving; one that keeps failing before it ever serves stops the whole system with its reason;
 * `stop()` ends every process, escalating to SIGKILL.
 */
export class Supervisor {
  private readonly processes: Supervised[] = [];
  private stopping = false;
  private readonly options: SupervisorOptions;
  private failure?: CrashLoopError;
  private readonly failed: Promise<CrashLoopError>;
  private fail!: (error: CrashLoopError) => void;

  private readonly watcher: NodeJS.Timeout;

  constructor(options: Partial<SupervisorOptions> & Pick<SupervisorOptions, 'say'>) {
    this.options = { ...DEFAULT_SUPERVISOR_OPTIONS, ...options };
    this.failed = new Promise((resolve) => (this.fail = resolve));
    this.watcher = setInterval(() => this.watchLogs(), 1_000);
    this.watcher.unref();
  }

  /** Shows each process's new error lines in the terminal and keeps its log file under its cap. */
  private watchLogs(): void {
    for (const { spec } of this.processes) {
      if (!spec.log) continue;
      const errors = spec.log.newErrors();
      for (const line of errors.slice(0, ERRORS_SHOWN_PER_CHECK)) this.options.say(`[${spec.name}] ${line}`);
      if (errors.length > ERRORS_SHOWN_PER_CHECK) {
        this.options.say(`[${spec.name}] … ${errors.length - ERRORS_SHOWN_PER_CHECK} more in ${spec.log.path}`);
      }
      spec.log.rotateIfLarge();
    }
  }

  /** Starts a process; resolves once it is healthy, or rejects with the reason the supervisor gave up. */
  async add(spec: ProcessSpec): Promise<void> {
    const entry = new Supervised(spec, this.options.initialBackoffMs);
    this.processes.push(entry);
    this.launch(entry);
    await Promise.race([entry.firstHealthy, this.failed.then((error) => Promise.reject(error))]);
  }

  /** Settles with the reason when the supervisor gives up (a crash loop). */
  get givenUp(): Promise<CrashLoopError> {
    return this.failed;
  }

  /** Pids of the running processes, by name (tests and the terminal use them). */
  pids(): Record<string, number | undefined> {
    return Object.fromEntries(this.processes.map((entry) => [entry.spec.name, entry.child?.pid]));
  }

  private launch(entry: Supervised): void {
    if (this.stopping) return;
    const { spec } = entry;
    spec.log?.skipExisting();
    const output = spec.log ? spec.log.open() : 'inherit';
    const child = spawn(spec.command, spec.args, { env: spec.env, stdio: ['pipe', output, output] });
    if (typeof output === 'number') spec.log?.closeChild(output);
    entry.child = child;
    entry.state = 'starting';
    const started = Date.now();
    child.on('error', (error) => this.options.say(`[start] ${spec.name} could not be started: ${error.message}`));
    child.once('exit', (code, signal) => this.exited(entry, child, code, signal));
    void this.awaitHealthy(entry, child, started);
  }

  private async awaitHealthy(entry: Supervised, child: ChildProcess, started: number): Promise<void> {
    while (entry.child === child && child.exitCode === null && child.signalCode === null && !this.stopping) {
      if (Date.now() - started > this.options.startTimeoutMs) {
        this.options.say(`[start] ${entry.spec.name} not healthy after ${this.options.startTimeoutMs / 1000} s; restarting it`);
        child.kill('SIGKILL');
        return;
      }
      if (await answers(entry.spec.healthUrl)) {
        if (entry.child !== child || this.stopping) return;
        entry.state = 'healthy';
        entry.healthySince = Date.now();
        entry.failedStarts = 0;
        const seconds = ((Date.now() - started) / 1000).toFixed(1);
        if (entry.restarts > 0) this.options.say(`[start] ${entry.spec.name} serving again (${seconds} s)`);
        entry.markFirstHealthy();
        return;
      }
      await sleep(this.options.healthPollMs);
    }
  }

  private exited(entry: Supervised, child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (entry.child !== child) return;
    entry.child = undefined;
    if (this.stopping) {
      entry.state = 'stopped';
      return;
    }
    const how = signal ? `killed by ${signal}` : `exited with code ${code}`;
    const wasHealthy = entry.state === 'healthy';
    if (wasHealthy && entry.healthySince !== undefined && Date.now() - entry.healthySince >= this.options.resetAfterMs) {
      entry.backoffMs = this.options.initialBackoffMs;
    }
    if (!wasHealthy) entry.failedStarts++;
    if (entry.failedStarts >= this.options.maxFailedStarts) {
      entry.state = 'stopped';
      this.failure = new CrashLoopError(
        entry.spec.name,
        entry.failedStarts,
        entry.spec.log?.lastLines(12, { telling: true }) ?? [],
      );
      this.options.say(`[start] ${entry.spec.name} ${how} before serving, ${entry.failedStarts} times in a row: giving up`);
      this.fail(this.failure);
      return;
    }
    const delay = entry.backoffMs;
    entry.backoffMs = Math.min(entry.backoffMs * 2, this.options.maxBackoffMs);
    entry.state = 'waiting';
    entry.restarts++;
    this.options.say(`[start] ${entry.spec.name} ${how}; restarting in ${formatDelay(delay)}`);
    for (const line of entry.spec.log?.lastLines(3, { telling: true }) ?? []) this.options.say(`[${entry.spec.name}]   ${line}`);
    entry.timer = setTimeout(() => this.launch(entry), delay);
  }

  /**
   * Ends every process: SIGTERM, then SIGKILL for those still there after the grace period (or at once when
   * `immediately`). Resolves when all have exited.
   */
  async stop(immediately = false): Promise<void> {
    this.stopping = true;
    clearInterval(this.watcher);
    const running = this.processes.filter((entry) => {
      clearTimeout(entry.timer);
      return entry.child && entry.child.exitCode === null && entry.child.signalCode === null;
    });
    const exits = running.map((entry) => new Promise<void>((resolve) => entry.child!.once('exit', () => resolve())));
    for (const entry of running) entry.child!.kill(immediately ? 'SIGKILL' : 'SIGTERM');
    const all = Promise.all(exits);
    if (!immediately) {
      const graceOver = await Promise.race([all.then(() => false), sleep(this.options.stopGraceMs).then(() => true)]);
      if (graceOver) {
        for (const entry of running) {
          if (entry.child && entry.child.exitCode === null && entry.child.signalCode === null) {
            this.options.say(`[start] ${entry.spec.name} did not stop within ${this.options.stopGraceMs / 1000} s: killed`);
            entry.child.kill('SIGKILL');
          }
        }
      }
    }
    await all;
    for (const entry of this.processes) entry.spec.log?.close();
  }
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

function formatDelay(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${ms / 1000} s`;
}
