import { closeSync, copyFileSync, fstatSync, mkdirSync, openSync, readSync, statSync, truncateSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

const PINO_LEVELS: Record<number, string> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };

/** A log line as a person reads it: pino's JSON as `error: message (cause)`, anything else as it is. */
export function readable(line: string): string {
  if (!line.startsWith('{')) return line;
  try {
    const entry = JSON.parse(line) as { level?: number; msg?: string; err?: { message?: string }; context?: string };
    const level = PINO_LEVELS[entry.level ?? 30] ?? String(entry.level);
    const cause = entry.err?.message && entry.err.message !== entry.msg ? ` (${entry.err.message})` : '';
    return `${level}: ${entry.msg ?? ''}${cause}`;
  } catch {
    return line;
  }
}

function levelOf(line: string): number | undefined {
  if (!line.startsWith('{')) return undefined;
  const level = /"level":(\d+)/.exec(line);
  return level ? Number(level[1]) : undefined;
}

const isError = (line: string) => (levelOf(line) ?? 0) >= 50;

/** The parts of a printed error that are not its message: stack frames, the fields of its dump, Node's version. */
const ERROR_DUMP = /^\s+at |^\s*[{}]\s*$|^\s+\w+: |^Node\.js v\d/;

/** What explains an exit: warnings and errors, and the messages of what is not pino's (a crash, a config error). */
const isTelling = (line: string) => {
  const level = levelOf(line);
  return level === undefined ? !ERROR_DUMP.test(line) : level >= 40;
};

/**
 * One process's log file under `.data/logs/`. The process writes to it directly (no pipe through the
 * supervisor, which would put a second process on every log line's path); the supervisor caps its size by
 * copying it to `<file>.1` and truncating it (the process appends, so it carries on at the new end; lines
 * written between the copy and the truncation are lost, as with logrotate's copytruncate), and reads what was
 * appended to show errors in the terminal.
 */
export class LogFile {
  private readOffset = 0;
  /** Where the running process's lines begin (an exit is explained by its own lines, not an earlier run's). */
  private launchOffset = 0;
  private writer?: number;

  constructor(
    readonly path: string,
    private readonly maxBytes = 10 * 1024 * 1024,
  ) {
    mkdirSync(dirname(path), { recursive: true });
  }

  /** A descriptor for a child's stdout and stderr, in append mode. */
  open(): number {
    this.launchOffset = this.size();
    return openSync(this.path, 'a');
  }

  /** The supervisor's copy of a child's descriptor, once the child has its own. */
  closeChild(fd: number): void {
    closeSync(fd);
  }

  /** Appends a line written by the supervisor itself (e.g. PostgreSQL's messages). */
  write(line: string): void {
    this.writer ??= openSync(this.path, 'a');
    writeSync(this.writer, line.endsWith('\n') ? line : `${line}\n`);
  }

  close(): void {
    if (this.writer !== undefined) closeSync(this.writer);
    this.writer = undefined;
  }

  private size(): number {
    try {
      return statSync(this.path).size;
    } catch {
      return 0;
    }
  }

  /** Copies the file to `<file>.1` and empties it when it has grown past the cap. */
  rotateIfLarge(): boolean {
    if (this.size() <= this.maxBytes) return false;
    copyFileSync(this.path, `${this.path}.1`);
    truncateSync(this.path, 0);
    this.readOffset = 0;
    this.launchOffset = 0;
    return true;
  }

  /** Complete lines appended since the last call. */
  appended(): string[] {
    const size = this.size();
    if (size < this.readOffset) this.readOffset = 0; // truncated by a rotation
    if (size === this.readOffset) return [];
    const fd = openSync(this.path, 'r');
    try {
      const length = Math.min(size - this.readOffset, 4 * 1024 * 1024);
      const buffer = Buffer.alloc(length);
      const read = readSync(fd, buffer, 0, length, this.readOffset);
      const text = buffer.subarray(0, read).toString('utf8');
      const end = text.lastIndexOf('\n');
      if (end < 0) return [];
      this.readOffset += Buffer.byteLength(text.slice(0, end + 1));
      return text.slice(0, end).split('\n');
    } finally {
      closeSync(fd);
    }
  }

  /** The error and fatal lines appended since the last call, readable. */
  newErrors(): string[] {
    return this.appended().filter(isError).map(readable);
  }

  /** Skips what is in the file already (a restart appends to the last run's log). */
  skipExisting(): void {
    this.readOffset = this.size();
  }

  /**
   * The last `count` lines of the file, readable (or as written); `telling`: only those that explain an exit,
   * from the last process started.
   */
  lastLines(count: number, options: { asReadable?: boolean; telling?: boolean } = {}): string[] {
    const { asReadable = true, telling = false } = options;
    let fd: number;
    try {
      fd = openSync(this.path, 'r');
    } catch {
      return [];
    }
    try {
      const size = fstatSync(fd).size;
      const from = Math.max(size - 64 * 1024, telling && this.launchOffset <= size ? this.launchOffset : 0);
      const buffer = Buffer.alloc(size - from);
      readSync(fd, buffer, 0, size - from, from);
      const lines = buffer
        .toString('utf8')
        .split('\n')
        .filter((line) => line.trim() !== '' && (!telling || isTelling(line)));
      const last = lines.slice(-count);
      return asReadable ? last.map(readable) : last;
    } finally {
      closeSync(fd);
    }
  }
}
