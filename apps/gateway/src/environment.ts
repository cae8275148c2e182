import { GatewayOptions, TargetOverride, TargetOverrides } from './gateway';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export class GatewayEnvironmentError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'GatewayEnvironmentError';
  }
}

function isTargetEntry(value: unknown): value is string | TargetOverride {
  return (
    typeof value === 'string' ||
    (typeof value === 'object' && value !== null && typeof (value as TargetOverride).target === 'string')
  );
}

/**
 * The gateway's settings from the environment, each checked and named when wrong:
 * KONG_CONFIG, GATEWAY_HOST, GATEWAY_PORT, GATEWAY_STATUS_PORT, GATEWAY_TARGETS, REDIS_URL, LOG_LEVEL.
 */
export function gatewayOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): GatewayOptions {
  const problems: string[] = [];
  const value = (name: string) => (env[name] === '' ? undefined : env[name]);
  const port = (name: string, fallback: number) => {
    const text = value(name);
    if (text === undefined) return fallback;
    if (!/^\d{1,5}$/.test(text) || Number(text) > 65535)
      problems.push(`${name}=${JSON.stringify(text)}: must be a port number 0-65535`);
    return Number(text);
  };

  const options: GatewayOptions = {
    configPath: value('KONG_CONFIG') ?? 'kong/kong.yml',
    host: value('GATEWAY_HOST') ?? '0.0.0.0',
    port: port('GATEWAY_PORT', 8000),
    statusPort: port('GATEWAY_STATUS_PORT', 8100),
    logLevel: value('LOG_LEVEL') ?? 'info',
    redisUrl: value('REDIS_URL'),
  };
  if (options.redisUrl !== undefined && !/^rediss?:\/\/[^/]/.test(options.redisUrl)) {
    problems.push(`REDIS_URL=${JSON.stringify(options.redisUrl)}: must be a redis:// or rediss:// URL`);
  }
  if (!LOG_LEVELS.includes(options.logLevel!)) {
    problems.push(`LOG_LEVEL=${JSON.stringify(options.logLevel)}: must be one of ${LOG_LEVELS.join(', ')}`);
  }

  const targets = value('GATEWAY_TARGETS');
  if (targets !== undefined) {
    const shape = 'must be a JSON object: {"<upstream name>": ["host:port", {"target": "host:port", "weight": 50}, ...]}';
    let parsed: unknown;
    try {
      parsed = JSON.parse(targets);
    } catch (error) {
      problems.push(`GATEWAY_TARGETS: not JSON (${(error as Error).message}); ${shape}`);
    }
    if (parsed !== undefined) {
      const valid =
        typeof parsed === 'object' &&
        parsed !== null &&
        !Array.isArray(parsed) &&
        Object.values(parsed).every((entries) => Array.isArray(entries) && entries.every(isTargetEntry));
      if (valid) options.targets = parsed as TargetOverrides;
      else problems.push(`GATEWAY_TARGETS=${JSON.stringify(targets)}: ${shape}`);
    }
  }
  if (problems.length > 0) throw new GatewayEnvironmentError(problems);
  return options;
}
