// The web console's production build (Vite, into dist/console), only when its sources changed since the last one,
// and its budget: the JavaScript a first visit loads (the entry and what index.html preloads), gzipped.
//   node tools/console-build.mjs [--force] [--check]   (--check: exit 1 over the budget)
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE = join(ROOT, 'apps/console');
const OUT = join(ROOT, 'dist/console');
export const INITIAL_JS_BUDGET_BYTES = 250 * 1024;

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'e2e' || entry.name === 'test') continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds when dist/console is older than any source (or forced); returns whether it built. */
export async function buildConsole({ force = false, quiet = false } = {}) {
  const index = join(OUT, 'index.html');
  if (!force && existsSync(index) && statSync(index).mtimeMs >= newestSource(SOURCE)) return false;
  const started = Date.now();
  const { build } = await import('vite');
  await build({ configFile: join(SOURCE, 'vite.config.mts'), logLevel: quiet ? 'warn' : 'info' });
  if (!quiet) console.log(`[build] console built in ${Date.now() - started} ms`);
  return true;
}

/** Sizes, gzipped: what the first page load fetches, and every chunk. */
export function consoleBudget() {
  const html = readFileSync(join(OUT, 'index.html'), 'utf8');
  const initial = [...html.matchAll(/<(?:script[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="\/([^"]+\.js)"/g)].map(
    (m) => m[1],
  );
  const gz = (file) => gzipSync(readFileSync(join(OUT, file))).length;
  const chunks = readdirSync(join(OUT, 'assets'))
    .filter((file) => file.endsWith('.js'))
    .map((file) => ({ file: `assets/${file}`, gzip: gz(`assets/${file}`) }))
    .sort((a, b) => b.gzip - a.gzip);
  const initialBytes = initial.reduce((sum, file) => sum + gz(file), 0);
  return { initial, initialBytes, chunks };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  try {
    await buildConsole({ force: args.includes('--force') });
    const { initial, initialBytes, chunks } = consoleBudget();
    const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
    console.log(`initial JavaScript (gzip): ${kb(initialBytes)} of ${kb(INITIAL_JS_BUDGET_BYTES)} (${initial.join(', ')})`);
    for (const chunk of chunks.slice(0, 12)) console.log(`  ${chunk.file.padEnd(48)} ${kb(chunk.gzip)}`);
    if (args.includes('--check') && initialBytes > INITIAL_JS_BUDGET_BYTES) {
      console.error('over budget');
      process.exit(1);
    }
  } catch (error) {
    console.error(`[build] console: ${error.message ?? error}`);
    process.exit(1);
  }
}
