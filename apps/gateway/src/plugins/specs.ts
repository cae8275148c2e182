import { Problems, Spec, readFields } from '../config/fields';
import { PluginName } from '../config/model';

/**
 * The plugins the local gateway implements, their Kong 3.9 priorities (higher runs first) and the config
 * fields it implements, with Kong's defaults. Any other plugin, field or value stops the gateway at start.
 */
export interface PluginSpec {
  priority: number;
  /** Whether Kong allows the plugin on a consumer (key-auth and cors are `no_consumer` in Kong). */
  consumerScope: boolean;
  fields: Spec;
  check?(config: Record<string, unknown>, where: string, problems: Problems): void;
}

export const RATE_LIMIT_PERIODS = ['second', 'minute', 'hour', 'day', 'month', 'year'] as const;
export type RateLimitPeriod = (typeof RATE_LIMIT_PERIODS)[number];

/** Inert with what is implemented: Kong reads them only for limit_by header/path. */
const INERT_RATE_LIMITING_FIELDS = ['header_name', 'path'];

/** Kong 3.9's `redis` record of rate-limiting, and the older `redis_<field>` shorthands of the same fields. */
const REDIS_FIELDS: Spec = {
  host: { kind: 'string' },
  port: { kind: 'integer', min: 0, max: 65535 },
  timeout: { kind: 'integer', min: 0, max: 2147483646 },
  username: { kind: 'string' },
  password: { kind: 'string' },
  database: { kind: 'integer', min: 0 },
  ssl: { kind: 'boolean' },
  ssl_verify: { kind: 'boolean' },
  server_name: { kind: 'string' },
};

const ALL_METHODS = ['GET', 'HEAD', 'PUT', 'PATCH', 'POST', 'DELETE', 'OPTIONS', 'TRACE', 'CONNECT'];

export const PLUGIN_SPECS: Record<PluginName, PluginSpec> = {
  'correlation-id': {
    priority: 100001,
    consumerScope: false,
    fields: {
      header_name: { kind: 'string', default: 'Kong-Request-ID' },
      generator: { kind: 'string', default: 'uuid#counter', oneOf: ['uuid', 'uuid#counter'] },
      echo_downstream: { kind: 'boolean', default: false },
    },
  },
  cors: {
    priority: 2000,
    consumerScope: false,
    fields: {
      origins: { kind: 'strings' },
      headers: { kind: 'strings' },
      exposed_headers: { kind: 'strings' },
      methods: { kind: 'strings', default: ALL_METHODS },
      max_age: { kind: 'number' },
      credentials: { kind: 'boolean', default: false },
      private_network: { kind: 'boolean', default: false },
      preflight_continue: { kind: 'boolean', default: false },
      allow_origin_absent: { kind: 'boolean', default: true },
    },
    check(config, where, problems) {
      for (const origin of (config.origins as string[] | undefined) ?? []) {
        if (!/[^A-Za-z0-9.:/-]/.test(origin) || origin === '*') continue;
        try {
          new RegExp(origin);
        } catch (error) {
          problems.add(where, `origin ${JSON.stringify(origin)} is not a valid regular expression: ${(error as Error).message}`);
        }
      }
    },
  },
  'key-auth': {
    priority: 1250,
    consumerScope: false,
    fields: {
      key_names: { kind: 'strings', default: ['apikey'] },
      hide_credentials: { kind: 'boolean', default: false },
      key_in_header: { kind: 'boolean', default: true },
      key_in_query: { kind: 'boolean', default: true },
      key_in_body: { kind: 'boolean', default: false, oneOf: [false] },
      run_on_preflight: { kind: 'boolean', default: true },
      realm: { kind: 'string' },
      // A consumer (id or username) that a request without a valid key proceeds as, instead of a 401.
      anonymous: { kind: 'string' },
    },
    check(config, where, problems) {
      if ((config.key_names as string[]).length === 0) problems.add(where, 'key_names must not be empty');
    },
  },
  'rate-limiting': {
    priority: 910,
    consumerScope: true,
    fields: {
      ...Object.fromEntries(RATE_LIMIT_PERIODS.map((period) => [period, { kind: 'number' as const, min: 0 }])),
      limit_by: { kind: 'string', default: 'consumer', oneOf: ['consumer', 'credential', 'ip'] },
      policy: { kind: 'string', default: 'local', oneOf: ['local', 'redis'] },
      // -1: every request reads and counts in Redis at once (Kong's default); periodic sync is not implemented.
      sync_rate: { kind: 'number', default: -1, oneOf: [-1] },
      redis: { kind: 'object' },
      ...Object.fromEntries(Object.entries(REDIS_FIELDS).map(([name, spec]) => [`redis_${name}`, spec])),
      fault_tolerant: { kind: 'boolean', default: true },
      hide_client_headers: { kind: 'boolean', default: false },
      error_code: { kind: 'integer', default: 429, min: 100, max: 599 },
      error_message: { kind: 'string', default: 'API rate limit exceeded' },
      ...Object.fromEntries(INERT_RATE_LIMITING_FIELDS.map((name) => [name, { kind: 'any' as const }])),
    },
    check(config, where, problems) {
      const redis = readFields(config.redis, REDIS_FIELDS, `${where}: redis`, problems);
      if (config.policy === 'redis' && typeof (redis.host ?? config.redis_host) !== 'string') {
        problems.add(where, 'redis.host is required when policy is redis');
      }
      const set = RATE_LIMIT_PERIODS.filter((period) => config[period] !== undefined);
      if (set.length === 0) problems.add(where, `at least one of ${RATE_LIMIT_PERIODS.join(', ')} is required`);
      for (let i = 1; i < set.length; i++) {
        const [shorter, longer] = [set[i - 1], set[i]];
        if ((config[longer] as number) < (config[shorter] as number)) {
          problems.add(
            where,
            `the limit for ${longer} (${config[longer] as number}) cannot be lower than the limit for ${shorter} (${config[shorter] as number})`,
          );
        }
      }
    },
  },
  prometheus: {
    priority: 13,
    consumerScope: false,
    fields: {
      per_consumer: { kind: 'boolean', default: false },
      status_code_metrics: { kind: 'boolean', default: false },
      latency_metrics: { kind: 'boolean', default: false },
      bandwidth_metrics: { kind: 'boolean', default: false },
      upstream_health_metrics: { kind: 'boolean', default: false },
      ai_metrics: { kind: 'boolean', default: false, oneOf: [false] },
      wasm_metrics: { kind: 'boolean', default: false, oneOf: [false] },
    },
  },
};

export function isPluginName(name: unknown): name is PluginName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(PLUGIN_SPECS, name);
}
