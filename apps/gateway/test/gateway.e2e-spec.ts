import { existsSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import pino from 'pino';
import { RunningGateway } from '../src';
import {
  KongDocument,
  PUBLIC_PATHS,
  ROOT,
  Upstream,
  awayFromMinuteEnd,
  call,
  kongDocument,
  metrics,
  startUpstream,
  testGateway,
} from './gateway-test-kit';

const ADMIN = 'admin-key-12345';
const FRONTEND = 'frontend-key-67890';
const TINY = 'tiny-key-3-per-minute';
const OTHER = 'other-key-global-limit';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const DASHBOARD = join(ROOT, '..', 'shared', 'reference', 'kong', 'kong-official-dashboard.json');

/** kong.yml plus two test consumers: one with a tiny limit of its own, one under the global limit. */
function fixture(): KongDocument {
  const document = kongDocument();
  document.consumers.push(
    {
      username: 'tiny',
      keyauth_credentials: [{ key: TINY }],
      plugins: [{ name: 'rate-limiting', config: { minute: 3, policy: 'local' } }],
    },
    { username: 'other', keyauth_credentials: [{ key: OTHER }] },
  );
  // Short enough for the timeout test; the file's value is 60 s.
  document.services.find((s) => s.name === 'reporting')!.read_timeout = 300;
  return document;
}

describe('local gateway (kong.yml in front of upstream servers)', () => {
  let gateway: RunningGateway;
  const upstreams = new Map<string, Upstream>();

  beforeAll(async () => {
    const document = fixture();
    for (const upstream of document.upstreams) upstreams.set(upstream.name, await startUpstream(upstream.name));
    const targets = Object.fromEntries([...upstreams].map(([name, upstream]) => [name, [upstream.address]]));
    gateway = await testGateway(document, targets);
  });

  afterAll(async () => {
    await gateway?.close();
    await Promise.all([...upstreams.values()].map((upstream) => upstream.close()));
  });

  describe('routing', () => {
    it.each(PUBLIC_PATHS)('sends %s to %s with the path intact', async (path, service) => {
      const reply = await call(gateway, path, { key: ADMIN });
      expect({ status: reply.status, upstream: reply.json.upstream, url: reply.json.url }).toEqual({
        status: 200,
        upstream: `${service}-upstream`,
        url: path,
      });
    });

    it('reaches every route of kong.yml', async () => {
      const reached: string[] = [];
      for (const service of kongDocument().services) {
        for (const route of service.routes) {
          for (const path of route.paths) {
            // A concrete path for a regex route: its one variable segment filled in.
            const concrete = path.startsWith('~') ? path.slice(1).replace('[^/]+', '17').replace(/\$$/, '') : `${path}/17`;
            const reply = await call(gateway, concrete, { key: ADMIN, method: route.methods?.[0] ?? 'GET' });
            if (reply.json.upstream === service.host && reply.json.url === concrete) reached.push(route.name);
          }
        }
      }
      expect(reached).toEqual(kongDocument().services.flatMap((s) => s.routes.map((r) => r.name)));
    });

    it('answers a path no route matches as Kong does', async () => {
      const reply = await call(gateway, '/health', { key: ADMIN });
      expect(reply.status).toBe(404);
      expect(reply.json).toEqual({
        message: 'no Route matched with those values',
        request_id: expect.stringMatching(/^[0-9a-f]{32}$/),
      });
      expect(reply.headers.get('x-kong-response-latency')).toMatch(/^\d+$/);
      expect(reply.headers.get('server')).toBe('kong/3.9.1');
    });

    it('streams a request body to the upstream and its answer back', async () => {
      const body = JSON.stringify({ sku: 'X-1', name: 'x'.repeat(100_000) });
      const reply = await call(gateway, '/api/v1/products', {
        key: ADMIN,
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json' },
      });
      expect({ status: reply.status, method: reply.json.method, length: reply.json.body?.length }).toEqual({
        status: 200,
        method: 'POST',
        length: body.length,
      });
      expect(reply.headers.get('via')).toBe('1.1 kong/3.9.1');
      expect(reply.headers.get('x-kong-upstream-latency')).toMatch(/^\d+$/);
      expect(reply.headers.get('x-kong-proxy-latency')).toMatch(/^\d+$/);
      expect(reply.headers.get('x-kong-request-id')).toMatch(/^[0-9a-f]{32}$/);
    });

    it('streams a chunked body sent after 100 Continue, without passing Expect on', async () => {
      const chunks = ['{"sku":"X-2",', '"name":"', 'y'.repeat(50_000), '"}'];
      const reply = await new Promise<{ status: number; json: { body: string; headers: Record<string, string> } }>(
        (resolve, reject) => {
          const headers = { 'X-API-Key': ADMIN, 'Content-Type': 'application/json', Expect: '100-continue' };
          const req = request(
            { host: '127.0.0.1', port: gateway.port, path: '/api/v1/products', method: 'POST', headers },
            (res) => {
              let text = '';
              res.setEncoding('utf8');
              res.on('data', (chunk: string) => (text += chunk));
              res.on('end', () => resolve({ status: res.statusCode!, json: JSON.parse(text) }));
            },
          );
          req.on('error', reject);
          // No Content-Length: Node sends the body chunked, once the gateway has said 100 Continue.
          req.on('continue', () => {
            for (const chunk of chunks) req.write(chunk);
            req.end();
          });
        },
      );
      expect(reply.status).toBe(200);
      expect(reply.json.body).toBe(chunks.join(''));
      expect(reply.json.headers.expect).toBeUndefined();
    });
  });

  describe('key-auth', () => {
    it('refuses a request without a key', async () => {
      const before = upstreams.get('inventory-upstream')!.state.requests;
      const reply = await call(gateway, '/api/v1/products');
      expect(reply.status).toBe(401);
      expect(reply.json).toEqual({ message: 'No API key found in request', request_id: reply.headers.get('x-kong-request-id') });
      expect(reply.headers.get('www-authenticate')).toBe('Key');
      expect(upstreams.get('inventory-upstream')!.state.requests).toBe(before);
    });

    it('refuses an unknown key and a key sent twice', async () => {
      const wrong = await call(gateway, '/api/v1/products', { key: 'admin-key-12346' });
      expect([wrong.status, wrong.json.message]).toEqual([401, 'Unauthorized']);
      // Two header lines (fetch would join them into one value).
      const twice = await new Promise<{ status?: number; body: string }>((resolve, reject) => {
        const headers = ['Host', `127.0.0.1:${gateway.port}`, 'X-API-Key', ADMIN, 'x-api-key', ADMIN];
        const req = request({ host: '127.0.0.1', port: gateway.port, path: '/api/v1/products', headers }, (res) => {
          let body = '';
          res.on('data', (chunk) => (body += chunk));
          res.on('end', () => resolve({ status: res.statusCode, body }));
        });
        req.on('error', reject);
        req.end();
      });
      expect([twice.status, JSON.parse(twice.body).message]).toEqual([401, 'Duplicate API key found']);
    });

    it('tells the upstream who the consumer is, never who the client claims to be, and hides the key', async () => {
      const reply = await call(gateway, '/api/v1/orders', {
        key: FRONTEND,
        headers: {
          'X-Consumer-ID': 'spoofed',
          'X-Consumer-Username': 'admin',
          'X-Credential-Identifier': 'x',
          'X-Anonymous-Consumer': 'true',
        },
      });
      const headers = reply.json.headers!;
      expect(headers['x-consumer-username']).toBe('frontend');
      expect(headers['x-consumer-id']).toMatch(UUID);
      expect(headers['x-credential-identifier']).toMatch(UUID);
      expect(headers['x-anonymous-consumer']).toBeUndefined();
      expect(headers['x-api-key']).toBeUndefined();
      expect(headers).toMatchObject({
        'x-forwarded-proto': 'http',
        'x-forwarded-path': '/api/v1/orders',
        'x-real-ip': '127.0.0.1',
      });
    });

    it('lets GET /api/v1/health in without a key, or with a bad one, as the anonymous consumer with its own limit', async () => {
      for (const key of [undefined, 'not-a-key']) {
        const reply = await call(gateway, '/api/v1/health', { key, headers: { 'X-Consumer-Username': 'admin' } });
        expect({ status: reply.status, upstream: reply.json.upstream }).toEqual({
          status: 200,
          upstream: 'saga-orchestrator-upstream',
        });
        expect(reply.json.headers).toMatchObject({ 'x-consumer-username': 'anonymous', 'x-anonymous-consumer': 'true' });
        expect(reply.json.headers!['x-credential-identifier']).toBeUndefined();
        expect(reply.json.headers!['x-api-key']).toBeUndefined();
        expect(reply.headers.get('x-ratelimit-limit-minute')).toBe('120');
      }
    });

    it('knows the consumer on GET /api/v1/health when the key is valid, and still wants a key everywhere else', async () => {
      const reply = await call(gateway, '/api/v1/health', { key: ADMIN });
      expect(reply.status).toBe(200);
      expect(reply.json.headers!['x-consumer-username']).toBe('admin');
      expect(reply.json.headers!['x-anonymous-consumer']).toBeUndefined();
      expect(reply.headers.get('x-ratelimit-limit-minute')).toBe('1000');
      for (const path of ['/api/v1/sagas', '/api/v1/healthz', '/api/v1/orders']) {
        expect([path, (await call(gateway, path, { method: 'POST' })).status]).toEqual([
          path,
          path === '/api/v1/healthz' ? 404 : 401,
        ]);
      }
    });
  });

  describe('rate-limiting', () => {
    it('refuses the request over the limit with 429 and the headers, without counting it', async () => {
      await awayFromMinuteEnd();
      const before = upstreams.get('inventory-upstream')!.state.requests;
      const allowed = [];
      for (let i = 0; i < 3; i++) allowed.push(await call(gateway, '/api/v1/stock', { key: TINY }));
      expect(
        allowed.map((r) => [r.status, r.headers.get('x-ratelimit-remaining-minute'), r.headers.get('ratelimit-remaining')]),
      ).toEqual([
        [200, '2', '2'],
        [200, '1', '1'],
        [200, '0', '0'],
      ]);
      const refused = await call(gateway, '/api/v1/stock', { key: TINY });
      expect(refused.status).toBe(429);
      expect(refused.json).toEqual({ message: 'API rate limit exceeded', request_id: expect.any(String) });
      expect(refused.headers.get('x-ratelimit-limit-minute')).toBe('3');
      expect(refused.headers.get('x-ratelimit-remaining-minute')).toBe('0');
      expect(refused.headers.get('ratelimit-limit')).toBe('3');
      const reset = Number(refused.headers.get('ratelimit-reset'));
      expect(reset).toBeGreaterThanOrEqual(1);
      expect(reset).toBeLessThanOrEqual(60);
      expect(refused.headers.get('retry-after')).toBe(String(reset));
      expect(upstreams.get('inventory-upstream')!.state.requests).toBe(before + 3);
    });

    it("applies a consumer's own limit instead of the global one, and the global one to others", async () => {
      const limits = [];
      for (const key of [ADMIN, FRONTEND, OTHER])
        limits.push((await call(gateway, '/api/v1/categories', { key })).headers.get('x-ratelimit-limit-minute'));
      expect(limits).toEqual(['1000', '500', '60']);
    });
  });

  describe('cors', () => {
    it('answers a preflight from an allowed origin itself', async () => {
      const before = upstreams.get('retail-upstream')!.state.requests;
      const reply = await call(gateway, '/api/v1/sales', {
        method: 'OPTIONS',
        headers: {
          Origin: 'http://localhost:5173',
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'content-type,x-api-key',
        },
      });
      expect(reply.status).toBe(200);
      expect(Object.fromEntries([...reply.headers].filter(([name]) => name.startsWith('access-control')))).toEqual({
        'access-control-allow-origin': 'http://localhost:5173',
        'access-control-allow-methods': 'GET,HEAD,POST,PUT,PATCH,DELETE,OPTIONS',
        'access-control-allow-headers': 'Accept,Content-Type,Idempotency-Key,X-API-Key,X-Correlation-ID',
        'access-control-max-age': '3600',
      });
      expect(upstreams.get('retail-upstream')!.state.requests).toBe(before);
    });

    it('does not allow another origin, and marks every response with the origin it allows', async () => {
      const foreign = await call(gateway, '/api/v1/sales', {
        method: 'OPTIONS',
        headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' },
      });
      expect([foreign.status, foreign.headers.get('access-control-allow-origin')]).toEqual([200, null]);
      const simple = await call(gateway, '/api/v1/sales', { key: ADMIN, headers: { Origin: 'http://127.0.0.1:3000' } });
      expect(simple.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:3000');
      expect(simple.headers.get('vary')).toBe('Origin');
      expect(simple.headers.get('access-control-expose-headers')).toContain('X-Correlation-ID');
    });
  });

  describe('correlation-id', () => {
    it("passes the caller's id to the upstream and echoes it", async () => {
      const reply = await call(gateway, '/api/v1/sagas', { key: ADMIN, headers: { 'X-Correlation-ID': 'trace-me-42' } });
      expect(reply.json.headers!['x-correlation-id']).toBe('trace-me-42');
      expect(reply.headers.get('x-correlation-id')).toBe('trace-me-42');
    });

    it('makes a UUID when there is none, the same upstream and downstream, also on a refusal', async () => {
      const reply = await call(gateway, '/api/v1/sagas', { key: ADMIN });
      expect(reply.headers.get('x-correlation-id')).toMatch(UUID);
      expect(reply.json.headers!['x-correlation-id']).toBe(reply.headers.get('x-correlation-id'));
      expect((await call(gateway, '/api/v1/sagas')).headers.get('x-correlation-id')).toMatch(UUID);
    });
  });

  describe('access log', () => {
    it('writes the same line whether built directly or through pino', async () => {
      const logged = async (direct: boolean) => {
        const lines: string[] = [];
        const sink = { write: (line: string) => lines.push(line) };
        const logger = pino({ name: 'gateway', level: 'info' }, sink);
        const document = fixture();
        const targets = Object.fromEntries([...upstreams].map(([name, upstream]) => [name, [upstream.address]]));
        const logging = await testGateway(document, targets, { logger, logLines: direct ? sink : undefined });
        try {
          await call(logging, '/api/v1/products/7?x=%22quoted%22', {
            key: ADMIN,
            headers: { 'X-Correlation-ID': 'a "quoted" id' },
          });
          await call(logging, '/api/v1/products', { key: 'no-such-key', headers: { 'X-Correlation-ID': 'refused' } });
        } finally {
          await logging.close();
        }
        return lines
          .map((line) => JSON.parse(line) as Record<string, unknown>)
          .filter((entry) => entry.msg === 'request')
          .map(({ time, request_id, request_ms, kong_ms, upstream_ms, ...rest }) => {
            expect([time, request_id, request_ms, kong_ms, upstream_ms].every((v) => v !== undefined)).toBe(true);
            return rest;
          });
      };
      const [direct, throughPino] = [await logged(true), await logged(false)];
      expect(direct).toEqual(throughPino);
      expect(direct).toEqual([
        expect.objectContaining({
          path: '/api/v1/products/7?x=%22quoted%22',
          correlation_id: 'a "quoted" id',
          status: 200,
          consumer: 'admin',
        }),
        expect.objectContaining({ path: '/api/v1/products', status: 401, source: 'kong', tries: 0 }),
      ]);
      expect(Object.keys(direct[1])).not.toContain('consumer');
    });
  });

  describe('upstream failures', () => {
    it('answers 502 for a response that is not HTTP and 504 for one that comes too late', async () => {
      const garbage = await call(gateway, '/api/v1/returns?garbage=1', { key: ADMIN });
      expect([garbage.status, garbage.json.message]).toEqual([502, 'An invalid response was received from the upstream server']);
      const late = await call(gateway, '/api/v1/reports/slow?delay=1000', { key: ADMIN });
      expect([late.status, late.json.message]).toEqual([504, 'The upstream server is timing out']);
      expect(late.headers.get('x-kong-response-latency')).toMatch(/^\d+$/);
    });
  });

  describe('status API', () => {
    it("exposes Kong's metrics with Kong's names, labels and buckets", async () => {
      const labels = 'service="inventory",route="inventory-suppliers"';
      const series = {
        ok: `kong_http_requests_total{${labels},code="200",source="service",workspace="default",consumer="admin"}`,
        refused: `kong_http_requests_total{${labels},code="401",source="kong",workspace="default",consumer=""}`,
        kongLatency: `kong_kong_latency_ms_bucket{${labels},workspace="default",le="6000"}`,
        requestLatency: `kong_request_latency_ms_count{${labels},workspace="default"}`,
        upstreamLatency: `kong_upstream_latency_ms_bucket{${labels},workspace="default",le="60000"}`,
        egress: `kong_bandwidth_bytes{${labels},direction="egress",workspace="default",consumer="admin"}`,
        ingress: `kong_bandwidth_bytes{${labels},direction="ingress",workspace="default",consumer="admin"}`,
      };
      const read = (text: string) =>
        Object.fromEntries(
          Object.entries(series).map(([key, name]) => [
            key,
            Number(
              text
                .split('\n')
                .find((line) => line.startsWith(`${name} `))
                ?.split(' ')[1] ?? 0,
            ),
          ]),
        );
      const before = read(await metrics(gateway));
      await call(gateway, '/api/v1/suppliers', { key: ADMIN });
      await call(gateway, '/api/v1/suppliers');
      const text = await metrics(gateway);
      const after = read(text);
      expect({ ...after, egress: after.egress > before.egress, ingress: after.ingress > before.ingress }).toEqual({
        ok: before.ok + 1,
        refused: before.refused + 1,
        kongLatency: before.kongLatency + 2,
        requestLatency: before.requestLatency + 2,
        upstreamLatency: before.upstreamLatency + 1,
        egress: true,
        ingress: true,
      });
      expect(text).toMatch(/^# TYPE kong_upstream_latency_ms histogram$/m);
      expect(text).toMatch(
        /^kong_kong_latency_ms_bucket\{service="inventory",route="inventory-suppliers",workspace="default",le="1"\} \d+$/m,
      );
      const inventory = upstreams.get('inventory-upstream')!.address;
      expect(text).toContain(
        `kong_upstream_target_health{upstream="inventory-upstream",target="${inventory}",address="${inventory}",state="healthy",subsystem="http"} 1`,
      );
      expect(text).toMatch(/^kong_nginx_connections_total\{node_id="[0-9a-f-]{36}",subsystem="http",state="active"\} \d+$/m);
      expect(text).toMatch(/^kong_node_info\{node_id="[0-9a-f-]{36}",version="3\.9\.1"\} 1$/m);
      expect(text).toMatch(/^kong_datastore_reachable 1$/m);
      // Requests no route matched are not counted.
      expect(text).not.toContain('code="404"');
    });

    (existsSync(DASHBOARD) ? it : it.skip)("serves every metric Kong's official Grafana dashboard queries", async () => {
      const queries: string[] = [];
      const collect = (node: unknown): void => {
        if (Array.isArray(node)) node.forEach(collect);
        else if (node && typeof node === 'object') {
          for (const [key, value] of Object.entries(node)) {
            if ((key === 'expr' || key === 'query') && typeof value === 'string') queries.push(value);
            else collect(value);
          }
        }
      };
      collect(JSON.parse(readFileSync(DASHBOARD, 'utf8')));
      const names = queries.flatMap((query) => [...query.matchAll(/\bkong_[a-z_]+(?=\s*[{[(,)])/g)].map(([name]) => name));
      const queried = new Set(names.map((name) => name.replace(/_(bucket|count|sum)$/, '')));
      expect(queried.size).toBeGreaterThan(8);
      const text = await metrics(gateway);
      const served = new Set([...text.matchAll(/^# TYPE (\S+)/gm)].map(([, name]) => name));
      expect([...queried].filter((name) => !served.has(name))).toEqual([]);
    });

    it('answers readiness on /status/ready', async () => {
      const ready = await fetch(`http://127.0.0.1:${gateway.statusPort}/status/ready`);
      expect([ready.status, await ready.json()]).toEqual([200, { message: 'ready' }]);
    });
  });
});
