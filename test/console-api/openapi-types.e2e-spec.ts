import { createTestApp } from '@app/testing';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import request from 'supertest';
import { SERVICE_DEFINITIONS } from '../../tools/src/registry';

jest.setTimeout(120_000);

const GENERATED = join(__dirname, '../../apps/console/src/api/generated');
// The package's exports do not list its CLI: found from its package.json.
const CLI = join(dirname(require.resolve('openapi-typescript/package.json')), 'bin/cli.js');

/** openapi-typescript's output for a service's OpenAPI document, as the console's types are generated. */
function typesOf(document: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'openapi-'));
  try {
    writeFileSync(join(dir, 'openapi.json'), JSON.stringify(document));
    execFileSync(process.execPath, [CLI, join(dir, 'openapi.json'), '--output', join(dir, 'types.ts')], { stdio: 'pipe' });
    return readFileSync(join(dir, 'types.ts'), 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The console's API types (apps/console/src/api/generated) are what openapi-typescript makes of each service's
 * OpenAPI document today: an API change without `npm run console:api` fails here.
 */
describe('the console API types', () => {
  it.each(SERVICE_DEFINITIONS.map((definition) => [definition.service, definition] as const))(
    'are in step with %s OpenAPI document',
    async (service, definition) => {
      const app = await createTestApp(definition);
      try {
        const document = (await request(app.http).get('/docs-json').expect(200)).body as unknown;
        const generated = typesOf(document);
        const file = join(GENERATED, `${service}.ts`);
        if (process.env.UPDATE_API_TYPES === '1') writeFileSync(file, generated);
        const committed = readFileSync(file, 'utf8');
        if (committed !== generated) {
          throw new Error(`${file} is out of step with ${service}'s OpenAPI document: run npm run console:api`);
        }
      } finally {
        await app.close();
      }
    },
  );
});
