import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { createServer, Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const RUNNER = resolve(__dirname, '../run.mjs');

/** A scenario of two seconds against `path`: up to 4 users, thinking 10-20 ms. */
const scenarioModule = (path: string) => `export default {
  name: 'probe',
  description: 'runner test',
  stages: [{ duration: '1s', target: 4 }, { duration: '1s', target: 4 }],
  thinkTime: { min: 0.01, max: 0.02 },
  thresholds: { http_req_duration: ['p(95)<1000'], http_req_failed: ['rate<0.1'] },
  actions: [{ name: 'probe', weight: 1, steps: [{ method: 'GET', path: '${path}' }] }],
};
`;

describe('Node runner (run.mjs)', () => {
  let server: Server;
  let baseUrl: string;
  let dir: string;
  const seen: Array<{ url?: string; key?: string | string[] }> = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      seen.push({ url: request.url, key: request.headers['x-api-key'] });
      response.writeHead(request.url === '/api/v1/ok' ? 200 : 500, { 'content-type': 'application/json' });
      response.end('{}');
    });
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    dir = mkdtempSync(join(tmpdir(), 'runner-test-'));
  });

  afterAll(async () => {
    await new Promise((closed) => server.close(closed));
    rmSync(dir, { recursive: true, force: true });
  });

  function run(path: string) {
    const scenario = join(dir, `${path.replace(/\W/g, '')}.mjs`);
    writeFileSync(scenario, scenarioModule(path));
    const out = join(dir, `${path.replace(/\W/g, '')}.json`);
    return new Promise<{
      code: number;
      stdout: string;
      report: { passed: boolean; all: { requests: number; failed_rate: number } };
    }>((done) =>
      execFile(
        process.execPath,
        [RUNNER, scenario, '--base-url', baseUrl, '--api-key', 'test-key', '--quiet', '--out', out],
        { timeout: 20_000 },
        (error, stdout) => done({ code: error ? Number(error.code) : 0, stdout, report: JSON.parse(readFileSync(out, 'utf8')) }),
      ),
    );
  }

  it('ramps users, sends the key, reports figures and exits 0 when the thresholds hold', async () => {
    seen.length = 0;
    const { code, stdout, report } = await run('/api/v1/ok');
    expect(code).toBe(0);
    expect(report.passed).toBe(true);
    // 4 users for about 1.5 s at 10-20 ms each: far more than one request per user.
    expect(report.all.requests).toBeGreaterThan(50);
    expect(report.all.requests).toBe(seen.length);
    expect(report.all.failed_rate).toBe(0);
    expect(seen.every((request) => request.key === 'test-key')).toBe(true);
    expect(stdout).toContain('PASS  http_req_failed rate<0.1');
  });

  it('exits 1 and names the threshold that failed', async () => {
    const { code, stdout, report } = await run('/api/v1/broken');
    expect(code).toBe(1);
    expect(report.passed).toBe(false);
    expect(report.all.failed_rate).toBe(1);
    expect(stdout).toContain('FAIL  http_req_failed rate<0.1  (1)');
  });
});
