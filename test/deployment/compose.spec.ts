import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const root = join(__dirname, '..', '..');
const read = (file: string) => parse(readFileSync(join(root, file), 'utf8'), { merge: true });

interface ComposeService {
  image?: string;
  environment?: Record<string, string>;
  networks?: { default?: { aliases?: string[] } };
  depends_on?: string[] | Record<string, unknown>;
  healthcheck?: unknown;
  deploy?: { resources?: { limits?: { memory?: string; cpus?: string } } };
}
interface KongConfig {
  services: Array<{ name: string; host: string; port?: number }>;
  upstreams: Array<{ name: string; targets: Array<{ target: string; weight?: number }> }>;
}

const compose = read('docker-compose.yml') as { services: Record<string, ComposeService> };
const kong = read('kong/kong.yml') as KongConfig;
const APPS = ['inventory', 'ecommerce', 'retail', 'reporting', 'saga-orchestrator'];

describe('docker-compose.yml', () => {
  it('runs two instances of each app, each with a healthcheck (from the image) and resource limits', () => {
    for (const app of APPS) {
      const instances = Object.entries(compose.services).filter(([, s]) => s.environment?.APP === app);
      expect(instances.map(([name]) => name).sort()).toEqual([`${app}-1`, `${app}-2`]);
      for (const [, service] of instances) expect(service.deploy?.resources?.limits?.memory).toBeDefined();
    }
    expect(readFileSync(join(root, 'Dockerfile'), 'utf8')).toMatch(/^HEALTHCHECK /m);
  });

  it("sends Kong's upstream targets to the instances of one app, by the network alias they share", () => {
    const targets = kong.upstreams.flatMap((upstream) => upstream.targets.map((t) => t.target));
    expect(targets.map((target) => target.split(':')[0]).sort()).toEqual([...APPS].sort());
    for (const target of targets) {
      const [host, port] = target.split(':');
      // Every instance of the app carries the target's host name as an alias and listens on the target's port.
      const instances = Object.entries(compose.services).filter(([, s]) => s.networks?.default?.aliases?.includes(host));
      expect({ target, instances: instances.map(([name]) => name).sort() }).toEqual({
        target,
        instances: [`${host}-1`, `${host}-2`],
      });
      for (const [name, service] of instances) {
        expect({ target, name, app: service.environment?.APP, port: service.environment?.PORT }).toEqual({
          target,
          name,
          app: host,
          port,
        });
      }
    }
  });

  it('starts Kong after the Redis where kong.yml counts rate limits', () => {
    const hosts = new Set<string>();
    const visit = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(visit);
      else if (value && typeof value === 'object') {
        const redis = (value as { redis?: { host?: string } }).redis;
        if (redis?.host) hosts.add(redis.host);
        Object.values(value).forEach(visit);
      }
    };
    visit(kong);
    expect(hosts.size).toBeGreaterThan(0);
    const dependsOn = compose.services.kong.depends_on;
    for (const host of hosts) {
      expect(compose.services[host]).toBeDefined();
      expect(Array.isArray(dependsOn) ? dependsOn : Object.keys(dependsOn ?? {})).toContain(host);
    }
  });

  it('mounts the kong.yml the project validates and exposes the proxy on 8000 and metrics on 8100', () => {
    const kongService = compose.services.kong as ComposeService & { image: string; volumes: string[]; ports: string[] };
    expect(kongService.image).toMatch(/^kong:3\.9/);
    expect(kongService.volumes).toContain('./kong/kong.yml:/kong/kong.yml:ro');
    expect(kongService.ports).toEqual(expect.arrayContaining(['8000:8000', '8100:8100']));
    expect(kongService.environment?.KONG_DATABASE).toBe('off');
  });

  it('serves the web console on 8080 from its own image, built from the same sources', () => {
    const consoleService = compose.services.console as ComposeService & { build: { dockerfile: string }; ports: string[] };
    expect(consoleService.ports).toEqual(['8080:8080']);
    const dockerfile = readFileSync(join(root, consoleService.build.dockerfile), 'utf8');
    expect(dockerfile).toMatch(/node tools\/console-build\.mjs --force --check/);
    expect(dockerfile).toMatch(/^CMD \["node", "console-server\.js"\]$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK /m);
  });

  const dockerCompose = spawnSync('docker-compose', ['version'], { encoding: 'utf8' });
  (dockerCompose.status === 0 ? it : it.skip)(
    'passes `docker-compose config` (skipped where docker-compose is not installed)',
    () => {
      execFileSync('docker-compose', ['config', '-q'], { cwd: root, stdio: 'pipe' });
    },
  );
});
