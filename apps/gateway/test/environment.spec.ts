import {
  GatewayEnvironmentError,
  TargetOverrideError,
  applyTargetOverrides,
  gatewayOptionsFromEnv,
  loadKongConfig,
} from '../src';
import { KONG_YML } from './gateway-test-kit';

function messageOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('no error');
}

describe(gatewayOptionsFromEnv.name, () => {
  it("defaults to Kong's ports and the project's kong.yml", () => {
    expect(gatewayOptionsFromEnv({})).toEqual({
      configPath: 'kong/kong.yml',
      host: '0.0.0.0',
      port: 8000,
      statusPort: 8100,
      logLevel: 'info',
      redisUrl: undefined,
    });
  });

  it('reads target overrides as JSON, per upstream', () => {
    const env = {
      GATEWAY_TARGETS: '{"inventory-upstream":["127.0.0.1:3001",{"target":"127.0.0.1:3101","weight":50}]}',
      GATEWAY_PORT: '0',
    };
    expect(gatewayOptionsFromEnv(env)).toMatchObject({
      port: 0,
      targets: { 'inventory-upstream': ['127.0.0.1:3001', { target: '127.0.0.1:3101', weight: 50 }] },
    });
  });

  it('names every bad variable with what it was given', () => {
    const message = messageOf(() =>
      gatewayOptionsFromEnv({
        GATEWAY_PORT: 'eighty',
        GATEWAY_STATUS_PORT: '70000',
        LOG_LEVEL: 'loud',
        GATEWAY_TARGETS: '["127.0.0.1:3001"]',
        REDIS_URL: '127.0.0.1:6379',
      }),
    );
    expect(message).toContain('REDIS_URL="127.0.0.1:6379": must be a redis:// or rediss:// URL');
    expect(message).toContain('GATEWAY_PORT="eighty"');
    expect(message).toContain('GATEWAY_STATUS_PORT="70000"');
    expect(message).toContain('LOG_LEVEL="loud"');
    expect(message).toContain('GATEWAY_TARGETS=');
    expect(() => gatewayOptionsFromEnv({ GATEWAY_TARGETS: '{not json' })).toThrow(GatewayEnvironmentError);
  });
});

describe(applyTargetOverrides.name, () => {
  const config = loadKongConfig(KONG_YML);

  it('replaces only the targets of the upstreams it names', () => {
    const upstreams = applyTargetOverrides(config, {
      'retail-upstream': ['127.0.0.1:3003', { target: '127.0.0.1:3103', weight: 50 }],
    });
    expect(upstreams.get('retail-upstream')!.targets.map((t) => [t.target, t.weight])).toEqual([
      ['127.0.0.1:3003', 100],
      ['127.0.0.1:3103', 50],
    ]);
    expect(upstreams.get('retail-upstream')!.healthchecks).toBe(config.upstreams.get('retail-upstream')!.healthchecks);
    expect(upstreams.get('inventory-upstream')!.targets.map((t) => t.target)).toEqual(['inventory:3001']);
  });

  it('names an upstream that is not in the file and a target that is not host:port', () => {
    const message = messageOf(() =>
      applyTargetOverrides(config, { 'inventroy-upstream': ['127.0.0.1:3001'], 'retail-upstream': ['nowhere:'] }),
    );
    expect(message).toContain('upstream "inventroy-upstream" is not in kong.yml');
    expect(message).toContain('upstream "retail-upstream": target "nowhere:" must be');
    expect(() => applyTargetOverrides(config, { 'retail-upstream': [] })).toThrow(TargetOverrideError);
  });
});
