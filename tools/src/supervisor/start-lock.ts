import { mkdirSync, openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs';
import { dirname } from 'node:path';

export class AlreadyRunningError extends Error {
  constructor(
    readonly pid: number,
    lockPath: string,
  ) {
    super(`npm start is already running here (pid ${pid}, ${lockPath}): stop it first (Ctrl-C in its terminal, or kill ${pid})`);
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface StartLock {
  /** A previous `npm start` that held the lock died without releasing it (its PostgreSQL may still run). */
  readonly tookOverStale: boolean;
  release(): void;
}

/**
 * One `npm start` per data folder: the lock file holds the running supervisor's pid, created exclusively so that
 * two starts at the same moment cannot both get it. A lock whose process is gone is taken over.
 */
export function acquireStartLock(path: string): StartLock {
  mkdirSync(dirname(path), { recursive: true });
  let tookOverStale = false;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return {
        tookOverStale,
        release: () => {
          if (Number(readFileSync(path, 'utf8')) === process.pid) rmSync(path, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    let holder = NaN;
    try {
      holder = Number(readFileSync(path, 'utf8').trim());
    } catch {
      // removed meanwhile: try again
    }
    if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && alive(holder)) {
      throw new AlreadyRunningError(holder, path);
    }
    rmSync(path, { force: true });
    tookOverStale = true;
  }
  throw new Error(`could not take the start lock ${path}`);
}
