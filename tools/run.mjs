// `npm start`, `npm run migrate`, …: builds what changed (tools/build.mjs), then runs the command in this same
// process, so that npm's signals (Ctrl-C, SIGTERM) reach the supervisor itself and not a shell in between.
import { createRequire } from 'node:module';
import { build } from './build.mjs';
import { buildConsole } from './console-build.mjs';

const starting = process.argv[2] === 'start';
try {
  await build({ quiet: !starting });
  if (starting) await buildConsole({ quiet: true });
} catch (error) {
  console.error(`[build] ${error.message ?? error}`);
  process.exit(1);
}
// main.js reads its command from argv[2], as it would run on its own.
createRequire(import.meta.url)('../dist/tools/src/main.js');
