// `npm start`'s build: every app, lib and tool compiled file by file with SWC into one tree under dist/
// (dist/apps/<app>/src/main.js), only the files whose source changed since the last build. Types are checked by
// `npm run typecheck` (part of `npm test`), not here: this is what makes a restart take seconds (ADR 14).
import { transformFile } from '@swc/core';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'dist');
/** Only what runs: not the tests or their helpers (libs/testing), nor the browser app, which Vite builds. */
const SKIPPED = [/\.spec\.ts$/, /\.d\.ts$/, /^libs\/testing\//, /^apps\/console\//];

/** apps/<app>/src, libs/<lib>/src and tools/src: their outputs mirror them under dist/. */
function sourceRoots() {
  const roots = ['tools/src'];
  for (const parent of ['apps', 'libs']) {
    for (const entry of readdirSync(join(ROOT, parent), { withFileTypes: true })) {
      if (entry.isDirectory()) roots.push(`${parent}/${entry.name}/src`);
    }
  }
  return roots.filter((root) => !SKIPPED.some((pattern) => pattern.test(`${root}/`)) && mtime(join(ROOT, root)) >= 0);
}

/** The `@app/*` aliases of tsconfig.json, which SWC rewrites into relative paths. */
function aliases() {
  const { compilerOptions } = JSON.parse(readFileSync(join(ROOT, 'tsconfig.json'), 'utf8'));
  return compilerOptions.paths;
}

function swcOptions(paths) {
  return {
    // tsconfig.json's settings, so that what runs behaves as what the type check and the tests see.
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: true },
      target: 'es2023',
      keepClassNames: true,
      baseUrl: ROOT,
      paths,
    },
    module: { type: 'commonjs', strictMode: true },
    sourceMaps: true,
    swcrc: false,
    configFile: false,
  };
}

function* sources(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') yield* sources(path);
    } else if (entry.name.endsWith('.ts')) {
      const rel = relative(ROOT, path);
      if (!SKIPPED.some((pattern) => pattern.test(rel))) yield rel;
    }
  }
}

function* outputs(dir) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* outputs(path);
    else if (entry.name.endsWith('.js') || entry.name.endsWith('.js.map')) yield path;
  }
}

const mtime = (path) => {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return -1;
  }
};

export async function build({ quiet = false } = {}) {
  const started = Date.now();
  const options = swcOptions(aliases());
  const wanted = new Set();
  const stale = [];
  const roots = sourceRoots();
  for (const root of roots) {
    for (const source of sources(join(ROOT, root))) {
      const target = join(OUT, source.replace(/\.ts$/, '.js'));
      wanted.add(target).add(`${target}.map`);
      if (mtime(target) < mtime(join(ROOT, source))) stale.push({ source, target });
    }
  }
  await Promise.all(
    stale.map(async ({ source, target }) => {
      const { code, map } = await transformFile(join(ROOT, source), { ...options, filename: join(ROOT, source) });
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, `${code}\n//# sourceMappingURL=${target.split('/').pop()}.map\n`);
      writeFileSync(`${target}.map`, map);
    }),
  );
  // A source that was deleted or renamed must not keep running from its old output.
  let removed = 0;
  for (const root of roots) {
    for (const output of outputs(join(OUT, root))) {
      if (!wanted.has(output)) {
        rmSync(output);
        removed++;
      }
    }
  }
  if (!quiet) {
    const changed = stale.length ? `${stale.length} file(s) compiled` : 'up to date';
    console.log(`[build] ${changed}${removed ? `, ${removed} stale output(s) removed` : ''} in ${Date.now() - started} ms`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  build().catch((error) => {
    console.error(`[build] ${error.message ?? error}`);
    process.exit(1);
  });
}
