import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const root = join(__dirname, '..', '..');
const read = (file: string) => parse(readFileSync(join(root, file), 'utf8'), { merge: true });

interface ComposeService {
  image?: string;
  environment?: Record<string, string>;
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

  it("sends Kong's upstream targets to compose services listening on the target's port", () => {
    const targets = kong.upstreams.flatMap((upstream) => upstream.targets.map((t) => t.target));
    expect(targets.length).toBeGreaterThanOrEqual(APPS.length * 2);
    for (const target of targets) {
      const [host, port] = target.split(':');
      const service = compose.services[host];
      expect({ target, service: service ? 'present' : 'missing' }).toEqual({ target, service: 'present' });
      expect({ target, port: service.environment?.PORT }).toEqual({ target, port });
    }
    // Every app instance receives traffic from Kong.
    const targetHosts = new Set(targets.map((t) => t.split(':')[0]));
    for (const app of APPS) for (const n of [1, 2]) expect(targetHosts).toContain(`${app}-${n}`);
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
