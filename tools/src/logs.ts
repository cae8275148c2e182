import { existsSync, readdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { LogFile, readable } from './supervisor/log-file';

type Format = (line: string) => string;

/** pino-pretty where it is installed (a development install), else the supervisor's one-line summary. */
function formatter(): Format {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { prettyFactory } = require('pino-pretty') as typeof import('pino-pretty');
    const pretty = prettyFactory({ colorize: process.stdout.isTTY, translateTime: 'SYS:HH:MM:ss.l', singleLine: true });
    return (line) => (line.startsWith('{') ? (pretty(line) ?? line).trimEnd() : line);
  } catch {
    return readable;
  }
}

/**
 * `npm run logs -- [service...] [--lines N] [--no-follow]`: the services' JSON logs from LOG_DIR, readable, then
 * what they append (through rotations) until Ctrl-C. With no service named, every log, each line prefixed.
 */
export async function followLogs(logDir: string, args: string[]): Promise<void> {
  const lines = args.includes('--lines') ? Number(args[args.indexOf('--lines') + 1]) : 20;
  const follow = !args.includes('--no-follow');
  const names = args.filter((arg, index) => !arg.startsWith('--') && args[index - 1] !== '--lines');
  const dir = resolve(logDir);
  const available = existsSync(dir)
    ? readdirSync(dir)
        .filter((file) => file.endsWith('.log'))
        .map((file) => basename(file, '.log'))
    : [];
  const unknown = names.filter((name) => !available.includes(name));
  if (unknown.length) {
    throw new Error(
      `no log for ${unknown.join(', ')} in ${dir}; there are: ${available.join(', ') || 'none (has npm start run?)'}`,
    );
  }
  const chosen = names.length ? names : available;
  const format = formatter();
  const prefix = (name: string) => (chosen.length > 1 ? `${name.padEnd(18)} | ` : '');
  const files = chosen.map((name) => ({ name, file: new LogFile(join(dir, `${name}.log`)) }));
  for (const { name, file } of files) {
    for (const line of file.lastLines(lines, { asReadable: false })) console.log(prefix(name) + format(line));
    file.skipExisting();
  }
  while (follow) {
    for (const { name, file } of files) for (const line of file.appended()) console.log(prefix(name) + format(line));
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
