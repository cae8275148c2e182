import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { SERVICES, ServiceName } from '@app/contracts';
import { KongConfigError, compileKongConfig, loadKongConfig } from '../src';
import { Router } from '../src/proxy/router';
import { redisSettingsOf } from '../src/plugins/redis-rate-limiting';
import { KONG_YML, KongDocument, PUBLIC_PATHS, ROOT, kongDocument, testGateway } from './gateway-test-kit';

const CHECK_TOOL = join(ROOT, '..', 'shared', 'tools', 'check-kong-config');

function problemsOf(document: unknown): string[] {
  try {
    compileKongConfig(document);
  } catch (error) {
    if (error instanceof KongConfigError) return error.message.split('\n');
    throw error;
  }
  throw new Error('the document was accepted');
}

describe('kong/kong.yml', () => {
  const toolPresent = existsSync(CHECK_TOOL);
  const title = toolPresent
    ? 'passes ../shared/tools/check-kong-config'
    : `SKIPPED: ../shared/tools/check-kong-config not found at ${CHECK_TOOL}`;
  (toolPresent ? it : it.skip)(title, () => {
    const result = spawnSync(CHECK_TOOL, [KONG_YML], { encoding: 'utf8', timeout: 120_000 });
    expect({ status: result.status, output: result.stdout + result.stderr }).toEqual({
      status: 0,
      output: expect.stringMatching(/valid/),
    });
  });

  it('routes every public path of the architecture to its service, the saga paths to the orchestrator', () => {
    const config = loadKongConfig(KONG_YML);
    const router = new Router(config.routes.map((def) => ({ def })));
    const answers = PUBLIC_PATHS.map(([path]) => [path, router.match('GET', path.split('?')[0])?.route.def.service.name]);
    expect(answers).toEqual(PUBLIC_PATHS);
    // Not public: the services' own health, metrics and docs.
    for (const path of ['/health', '/metrics', '/docs', '/docs-json']) expect(router.match('GET', path)).toBeUndefined();
  });

  it('lets DELETE through to categories and suppliers, browsers included (cors)', () => {
    const router = new Router(loadKongConfig(KONG_YML).routes.map((def) => ({ def })));
    for (const path of ['/api/v1/categories/7', '/api/v1/suppliers/7']) {
      expect(router.match('DELETE', path)?.route.def.service.name).toBe('inventory');
    }
    const cors = kongDocument().plugins.find((plugin) => plugin.name === 'cors');
    expect(cors?.config.methods).toContain('DELETE');
  });

  it("keeps the full path for the services and balances each over its service's name, health-checked", () => {
    const config = loadKongConfig(KONG_YML);
    expect(config.routes.every((route) => !route.stripPath)).toBe(true);
    for (const service of config.services) {
      const upstream = config.upstreams.get(service.host);
      // One host name per upstream: Kong expands it into a target per address (compose aliases, headless Services).
      expect({ service: service.name, targets: upstream?.targets.map((t) => [t.target, t.weight]) }).toEqual({
        service: service.name,
        targets: [[`${service.name}:${SERVICES[service.name as ServiceName].httpPort}`, 100]],
      });
      expect(upstream!.healthchecks.active).toMatchObject({
        httpPath: '/health',
        healthyIntervalMs: 5000,
        unhealthyIntervalMs: 2000,
      });
      expect(upstream!.healthchecks.passive.unhealthyTcpFailures).toBeGreaterThan(0);
    }
  });

  it('has the development consumers with their own minute limits, and a global limit for anyone else', () => {
    const config = loadKongConfig(KONG_YML);
    const limitOf = (username?: string) => {
      const consumer = config.consumers.find((c) => c.username === username);
      return config.plugins.find((p) => p.name === 'rate-limiting' && p.consumerId === consumer?.id)?.config.minute;
    };
    expect(config.credentials.get('admin-key-12345')?.consumer.username).toBe('admin');
    expect(config.credentials.get('frontend-key-67890')?.consumer.username).toBe('frontend');
    expect([limitOf('admin'), limitOf('frontend'), limitOf(undefined)]).toEqual([1000, 500, 60]);
    expect(limitOf('bench')).toBeGreaterThanOrEqual(1_000_000);
    const keyAuth = config.plugins.filter((p) => p.name === 'key-auth');
    expect(keyAuth.find((p) => p.routeId === undefined)).toMatchObject({
      serviceId: undefined,
      consumerId: undefined,
      config: { key_names: ['X-API-Key'], hide_credentials: true },
    });
    // The one exception: the system's health, open to monitors without a key (as the consumer "anonymous").
    const routeNameOf = (id?: string) => config.routes.find((route) => route.id === id)?.name;
    expect(keyAuth.filter((p) => p.routeId !== undefined).map((p) => [routeNameOf(p.routeId), p.config])).toEqual([
      [
        'saga-system-health',
        expect.objectContaining({ key_names: ['X-API-Key'], hide_credentials: true, anonymous: 'anonymous' }),
      ],
    ]);
    expect(config.consumers.find((c) => c.username === 'anonymous')).toBeDefined();
    expect([...config.credentials.values()].some((credential) => credential.consumer.username === 'anonymous')).toBe(false);
  });
});

describe('kong/consumers.production.yml', () => {
  const overlayText = readFileSync(join(ROOT, 'kong', 'consumers.production.yml'), 'utf8');
  const overlay = parse(overlayText) as {
    consumers: Array<{ username: string; keyauth_credentials?: Array<{ key: string }>; plugins: unknown[] }>;
  };

  it('holds no key, only decK environment placeholders', () => {
    const keys = overlay.consumers.flatMap((c) => (c.keyauth_credentials ?? []).map((k) => k.key));
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) expect(key).toMatch(/^\$\{\{ env "DECK_[A-Z0-9_]+" \}\}$/);
  });

  it('rendered over kong.yml without its development consumers, gives a configuration the gateway accepts', () => {
    // What `deck file patch … --value 'consumers:'` then `deck file render … --populate-env-vars` produce.
    const env: Record<string, string> = {
      DECK_ADMIN_API_KEY: 'prod-admin-secret',
      DECK_FRONTEND_API_KEY: 'prod-frontend-secret',
    };
    const rendered = parse(
      overlayText.replace(/\$\{\{ env "(DECK_[A-Z0-9_]+)" \}\}/g, (_, name: string) => env[name]),
    ) as typeof overlay;
    const base = kongDocument();
    const development = base.consumers.map((c) => c.username);
    const config = compileKongConfig({ ...base, consumers: rendered.consumers });
    expect([...config.credentials.keys()].sort()).toEqual(['prod-admin-secret', 'prod-frontend-secret']);
    expect(rendered.consumers.map((c) => c.username)).toEqual(development.filter((name) => name !== 'bench'));
    expect(rendered.consumers.map((c) => c.plugins)).toEqual(
      base.consumers.filter((c) => c.username !== 'bench').map((c) => c.plugins),
    );
  });
});

describe(compileKongConfig.name, () => {
  it('refuses a plugin it does not implement, naming the plugin and where it is, and the gateway does not start', async () => {
    const document = kongDocument();
    document.services[0].routes[0] = {
      ...document.services[0].routes[0],
      plugins: [{ name: 'acl', config: { allow: ['x'] } }],
    } as never;
    expect(problemsOf(document)).toEqual([
      'kong.yml: plugin "acl" on route "inventory-products" is not supported by the local gateway',
    ]);
    await expect(testGateway(document, {})).rejects.toThrow('plugin "acl" on route "inventory-products" is not supported');
    const topLevel = kongDocument();
    topLevel.plugins.push({ name: 'request-termination', service: 'retail', config: { status_code: 503 } } as never);
    expect(problemsOf(topLevel)).toEqual([
      'kong.yml: plugin "request-termination" on service "retail" is not supported by the local gateway',
    ]);
  });

  it('refuses fields and values it does not implement instead of ignoring them', () => {
    const document = kongDocument();
    Object.assign(document.services[1].routes[0], { hosts: ['shop.example.com'] });
    document.plugins.find((p) => p.name === 'rate-limiting')!.config.sync_rate = 10;
    document.upstreams[0].algorithm = 'least-connections';
    document.routes = [{ name: 'loose', paths: ['/x'], service: 'inventory' }];
    expect(problemsOf(document)).toEqual([
      'kong.yml: top-level "routes" is not supported by the local gateway',
      'kong.yml: upstream "inventory-upstream": algorithm="least-connections" (supported: "round-robin") is not supported by the local gateway',
      'kong.yml: route "ecommerce-customers": field "hosts" is not supported by the local gateway',
      'kong.yml: plugin "rate-limiting" (global) config: sync_rate=10 (supported: -1) is not supported by the local gateway',
    ]);
  });

  it("reads rate-limiting's redis record as Kong 3.9 does, the redis_* shorthands too, and needs its host", () => {
    const global = (document: KongDocument) => document.plugins.find((p) => p.name === 'rate-limiting')!.config;
    const shorthand = kongDocument();
    Object.assign(global(shorthand), { policy: 'redis', redis: null, redis_host: 'counters.internal', redis_port: 6380 });
    const compiled = compileKongConfig(shorthand).plugins.find((p) => p.name === 'rate-limiting' && !p.consumerId)!;
    expect(redisSettingsOf(compiled.config)).toMatchObject({ host: 'counters.internal', port: 6380, timeout: 2000, database: 0 });

    const wrong = kongDocument();
    Object.assign(global(wrong), { policy: 'redis', redis: { port: 'six', sentinel_master: 'm' } });
    expect(problemsOf(wrong)).toEqual([
      'kong.yml: plugin "rate-limiting" (global) config: redis: field "sentinel_master" is not supported by the local gateway',
      'kong.yml: plugin "rate-limiting" (global) config: redis: port must be an integer (got "six")',
      'kong.yml: plugin "rate-limiting" (global) config: redis.host is required when policy is redis',
    ]);
  });

  it('refuses what Kong itself refuses: a dangling reference, a duplicate key, a lower limit for a longer period', () => {
    const document = kongDocument();
    document.services[0].host = 'inventory-upstrem';
    document.consumers[1].keyauth_credentials[0].key = 'admin-key-12345';
    document.consumers[0].plugins = [{ name: 'rate-limiting', config: { second: 100, minute: 50 } }];
    expect(problemsOf(document)).toEqual([
      'kong.yml: consumer "frontend" keyauth_credential: key used by two credentials',
      'kong.yml: plugin "rate-limiting" on consumer "admin" config: the limit for minute (50) cannot be lower than the limit for second (100)',
      'kong.yml: service "inventory": host "inventory-upstrem" names no upstream in this file',
    ]);
  });
});
