import type { KnipConfig } from 'knip';

// Unused files, exports and dependencies (`npm run lint`). Nest wires classes through decorators and modules, but
// always by importing them, which is what knip follows; the `@app/*` libraries resolve through tsconfig.json's paths.
const config: KnipConfig = {
  entry: [
    'apps/*/src/main.ts',
    'tools/src/main.ts',
    // Started by path (tools/src/registry.ts) or loaded lazily with require() by tools/src/main.ts.
    'tools/src/{console-server,migrations,registry,start-system}.ts',
    'apps/reporting/src/read-model/rebuild.ts',
    'apps/reporting/src/reporting.service.ts',
    'tools/*.mjs',
    'load-tests/*.mjs',
    'load-tests/k6/*.js',
    'load-tests/lib/minimal-proxy.mjs',
    // Scripts and fixtures that tests and CI run as processes.
    '**/test/fixtures/*.{js,mjs}',
    'test/**/*.mjs',
    'apps/console/e2e/*.mjs',
  ],
  project: ['**/*.{ts,tsx,mts,js,mjs,cjs}', '!docs/**', '!apps/console/src/api/generated/**'],
  // A type exported beside the value whose signature uses it is part of that value's API.
  ignoreExportsUsedInFile: { interface: true, type: true },
  jest: { entry: ['**/*.{spec,e2e-spec}.ts'] },
  ignoreDependencies: [
    // k6's modules come with the k6 binary that runs load-tests/k6.
    'k6',
    // nest-cli.json names it for `nest generate`, which no script runs.
    '@nestjs/schematics',
    // Types only (FastifyReply, FastifyRequest), of the fastify that @nestjs/platform-fastify brings and pins.
    'fastify',
  ],
  // Installed from Debian's packages by .ci/run when missing; iproute2's `ip` makes test/netns's hosts.
  ignoreBinaries: ['docker-compose', 'ip'],
};

export default config;
