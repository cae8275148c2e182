import Redis, { RedisOptions } from 'ioredis';
import { Logger } from 'pino';
import {
  Limit,
  RateLimit,
  RateLimitDecision,
  RateLimitingConfig,
  decide,
  headerNamesOf,
  limitsOf,
  windowStart,
} from './rate-limiting';
import { RateLimitPeriod } from './specs';

/** Kong's EXPIRATION table (kong/plugins/rate-limiting/expiration.lua): a counter lives one period after its first request. */
const EXPIRATION: Record<RateLimitPeriod, number> = {
  second: 1,
  minute: 60,
  hour: 3600,
  day: 86400,
  month: 2592000,
  year: 31536000,
};

const EMPTY_UUID = '00000000-0000-0000-0000-000000000000';

/**
 * Kong's realtime redis usage (sync_rate -1), for every window of the instance in one round trip: each counter is
 * incremented before the decision (so concurrent gateways never admit more than the limit, and a refused request
 * counts too, as in Kong), given its expiry when new, and its value before this request returned.
 */
const USAGE_SCRIPT = `
local usage = {}
for i, key in ipairs(KEYS) do
  local count = redis.call('incr', key)
  if count == 1 then redis.call('expire', key, ARGV[i]) end
  usage[i] = count - 1
end
return usage`;

type RedisWithUsage = Redis & { rateLimitUsage(...args: Array<string | number>): Promise<number[]> };

/** The `redis` record of a rate-limiting config (Kong 3.9), with the older `redis_*` shorthand fields folded in. */
export interface RedisSettings {
  host?: string;
  port: number;
  timeout: number;
  username?: string;
  password?: string;
  database: number;
  ssl: boolean;
  sslVerify: boolean;
  serverName?: string;
}

export function redisSettingsOf(config: Record<string, unknown>): RedisSettings {
  const record = (config.redis ?? {}) as Record<string, unknown>;
  const field = <T>(name: string): T | undefined => (record[name] ?? config[`redis_${name}`] ?? undefined) as T | undefined;
  return {
    host: field<string>('host'),
    port: field<number>('port') ?? 6379,
    timeout: field<number>('timeout') ?? 2000,
    username: field<string>('username'),
    password: field<string>('password'),
    database: field<number>('database') ?? 0,
    ssl: field<boolean>('ssl') ?? false,
    sslVerify: field<boolean>('ssl_verify') ?? false,
    serverName: field<string>('server_name'),
  };
}

/**
 * Redis connections for `policy: redis` instances, one per server. `url` (REDIS_URL) replaces the file's server
 * for every instance, as GATEWAY_TARGETS replaces upstream targets: the file names the deployment's Redis.
 */
export class RedisCounterServers {
  private readonly clients = new Map<string, RedisWithUsage>();

  constructor(
    private readonly url: string | undefined,
    private readonly logger?: Logger,
  ) {}

  clientFor(settings: RedisSettings): RedisWithUsage {
    const key = this.url ?? JSON.stringify(settings);
    let client = this.clients.get(key);
    if (!client) {
      const options: RedisOptions = {
        // A request never waits for a connection that is down: it fails at once and fault_tolerant decides.
        enableOfflineQueue: false,
        maxRetriesPerRequest: 0,
        // Connected by `connect()` at start, so the first requests find it ready.
        lazyConnect: true,
        connectTimeout: settings.timeout,
        commandTimeout: settings.timeout,
      };
      client = (
        this.url
          ? new Redis(this.url, options)
          : new Redis({
              ...options,
              host: settings.host,
              port: settings.port,
              username: settings.username,
              password: settings.password,
              db: settings.database,
              tls: settings.ssl ? { rejectUnauthorized: settings.sslVerify, servername: settings.serverName } : undefined,
            })
      ) as RedisWithUsage;
      client.defineCommand('rateLimitUsage', { lua: USAGE_SCRIPT });
      // ioredis reconnects by itself; say so once per outage, not on every retry.
      let down = false;
      client.on('error', (error: Error) => {
        if (down) return;
        down = true;
        this.logger?.error(
          { err: error.message, redis: this.url ?? `${settings.host}:${settings.port}` },
          'rate-limiting: Redis unreachable',
        );
      });
      client.on('ready', () => {
        if (down) this.logger?.info('rate-limiting: Redis reachable again');
        down = false;
      });
      this.clients.set(key, client);
    }
    return client;
  }

  /** Connects every server before the gateway takes traffic; one that does not answer is retried in the background. */
  async connect(): Promise<void> {
    await Promise.all([...this.clients.values()].map((client) => client.connect().catch(() => undefined)));
  }

  async close(): Promise<void> {
    // Nothing is left to send: every count was written before its request went on.
    for (const client of this.clients.values()) client.disconnect();
    this.clients.clear();
  }
}

/**
 * `policy: redis`: the counters live in Redis under Kong's keys
 * (`ratelimit:<route id>:<service id>:<identifier>:<window start, ms>:<period>`, the empty UUID for an instance
 * that is not on a route or service), so every gateway node that shares the Redis enforces one limit.
 * fault_tolerant: when Redis fails, the request goes on without rate-limit headers; otherwise Kong answers 500.
 */
export class RedisRateLimiter implements RateLimit {
  readonly limits: Limit[];
  readonly headerNames: string[];
  readonly size = 0;
  private readonly keyPrefix: string;
  private readonly expirations: number[];
  private failures = 0;
  private lastFailureLog = 0;

  constructor(
    readonly config: RateLimitingConfig,
    scope: { routeId?: string; serviceId?: string },
    private readonly redis: RedisWithUsage,
    private readonly logger?: Logger,
  ) {
    this.limits = limitsOf(config);
    this.headerNames = headerNamesOf(config, this.limits);
    this.keyPrefix = `ratelimit:${scope.routeId ?? EMPTY_UUID}:${scope.serviceId ?? EMPTY_UUID}:`;
    this.expirations = this.limits.map((limit) => EXPIRATION[limit.period]);
  }

  /** Kong's key for one window of one identifier. */
  keyOf(identifier: string, period: RateLimitPeriod, now: number): string {
    return `${this.keyPrefix}${identifier}:${windowStart(period, now)}:${period}`;
  }

  async take(identifier: string, now: number): Promise<RateLimitDecision> {
    const keys = this.limits.map((limit) => this.keyOf(identifier, limit.period, now));
    try {
      const usage = await this.redis.rateLimitUsage(keys.length, ...keys, ...this.expirations);
      return decide(this.config, this.limits, usage, now);
    } catch (error) {
      this.noteFailure(error as Error);
      if (this.config.fault_tolerant === false) return { allowed: false, headers: [], failed: true };
      return { allowed: true, headers: [] };
    }
  }

  /** Kong logs every failed usage read; here at most one line in 10 s, with how many failed since. */
  private noteFailure(error: Error): void {
    this.failures++;
    const now = Date.now();
    if (now - this.lastFailureLog < 10_000) return;
    this.logger?.error(
      { err: error.message, failures: this.failures, fault_tolerant: this.config.fault_tolerant !== false },
      'rate-limiting: failed to get usage from Redis',
    );
    this.lastFailureLog = now;
    this.failures = 0;
  }

  close(): void {
    // The connection belongs to RedisCounterServers, shared by the instances on one server.
  }
}
