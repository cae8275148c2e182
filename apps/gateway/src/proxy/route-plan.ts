import { randomUUID } from 'node:crypto';
import { Balancer } from '../balancer/balancer';
import { ConsumerDef, GatewayConfig, PluginDef, PluginName, RouteDef, anonymousConsumerOf } from '../config/model';
import { Cors, CorsConfig } from '../plugins/cors';
import { PrometheusConfig, RouteMetrics } from '../plugins/prometheus';
import { Logger } from 'pino';
import { RedisCounterServers, RedisRateLimiter, redisSettingsOf } from '../plugins/redis-rate-limiting';
import { RateLimit, RateLimiter, RateLimitingConfig } from '../plugins/rate-limiting';

/** What a request header means to the gateway (lower-cased name → role); absent: passed upstream as is. */
export const HeaderRole = {
  Drop: 1,
  Host: 2,
  ForwardedFor: 3,
  Origin: 4,
  RequestMethod: 5,
  RequestHeaders: 6,
  PrivateNetwork: 7,
  Correlation: 8,
  ApiKey: 9,
  ContentLength: 10,
  TransferEncoding: 11,
} as const;
export type HeaderRole = (typeof HeaderRole)[keyof typeof HeaderRole];

/**
 * Hop-by-hop headers (RFC 9110 §7.6.1) and what Kong sets itself towards the upstream. `Expect: 100-continue`
 * is answered by the gateway itself, when it reads the request.
 */
const REQUEST_HEADERS_SET_BY_GATEWAY = [
  'connection',
  'expect',
  'keep-alive',
  'proxy-connection',
  'te',
  'trailer',
  'upgrade',
  'x-real-ip',
  'x-forwarded-proto',
  'x-forwarded-host',
  'x-forwarded-port',
  'x-forwarded-path',
  'x-forwarded-prefix',
  'x-kong-request-id',
];
/** key-auth clears these before setting its own, so a client cannot pose as a consumer. */
const CONSUMER_HEADERS = [
  'x-consumer-id',
  'x-consumer-custom-id',
  'x-consumer-username',
  'x-credential-identifier',
  'x-anonymous-consumer',
];
const RESPONSE_HEADERS_SET_BY_GATEWAY = [
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'trailer',
  'upgrade',
  'via',
  'x-kong-upstream-latency',
  'x-kong-proxy-latency',
  'x-kong-request-id',
];
const CORS_RESPONSE_HEADERS = [
  'access-control-allow-origin',
  'access-control-allow-credentials',
  'access-control-expose-headers',
];

export interface CorrelationIdPlugin {
  headerName: string;
  echo: boolean;
  generate(): string;
}

export interface KeyAuthPlugin {
  /** Lower-cased header names, in configured order. */
  headerNames: string[];
  /** Query argument names (case-sensitive, as Kong). */
  queryNames: string[];
  inHeader: boolean;
  inQuery: boolean;
  hideCredentials: boolean;
  runOnPreflight: boolean;
  wwwAuthenticate: string;
  /** Who a request without a valid key is, instead of a 401 (Kong's `anonymous`). */
  anonymous?: ConsumerDef;
}

/** Kong's plugin precedence: the most specific instance for (route, service, consumer) wins. */
function precedence(plugin: PluginDef, routeId: string, serviceId: string, consumerId: string | undefined): number {
  const onRoute = plugin.routeId !== undefined;
  const onService = plugin.serviceId !== undefined;
  const onConsumer = plugin.consumerId !== undefined;
  if (
    (onRoute && plugin.routeId !== routeId) ||
    (onService && plugin.serviceId !== serviceId) ||
    (onConsumer && plugin.consumerId !== consumerId)
  ) {
    return 0;
  }
  // route+service+consumer > route+consumer > service+consumer > route+service > consumer > route > service > global
  if (onRoute && onService && onConsumer) return 8;
  if (onRoute && onConsumer) return 7;
  if (onService && onConsumer) return 6;
  if (onRoute && onService) return 5;
  if (onConsumer) return 4;
  if (onRoute) return 3;
  if (onService) return 2;
  return 1;
}

function resolve(plugins: PluginDef[], name: PluginName, route: RouteDef, consumer?: ConsumerDef): PluginDef | undefined {
  let best: PluginDef | undefined;
  let bestRank = 0;
  for (const plugin of plugins) {
    if (plugin.name !== name) continue;
    const rank = precedence(plugin, route.id, route.service.id, consumer?.id);
    if (rank > bestRank) [best, bestRank] = [plugin, rank];
  }
  return best;
}

function correlationIdPlugin(config: Record<string, unknown>): CorrelationIdPlugin {
  const headerName = config.header_name as string;
  const echo = config.echo_downstream as boolean;
  if (config.generator === 'uuid') return { headerName, echo, generate: randomUUID };
  // "uuid#counter": one UUID per worker, then a counter.
  const prefix = `${randomUUID()}#`;
  let counter = 0;
  return { headerName, echo, generate: () => prefix + ++counter };
}

function keyAuthPlugin(config: Record<string, unknown>, consumers: readonly ConsumerDef[]): KeyAuthPlugin {
  const names = config.key_names as string[];
  const realm = config.realm as string | undefined;
  const anonymous = config.anonymous as string | undefined;
  return {
    headerNames: names.map((name) => name.toLowerCase()),
    queryNames: names,
    inHeader: config.key_in_header as boolean,
    inQuery: config.key_in_query as boolean,
    hideCredentials: config.hide_credentials as boolean,
    runOnPreflight: config.run_on_preflight as boolean,
    wwwAuthenticate: realm === undefined ? 'Key' : `Key realm="${realm}"`,
    anonymous: anonymous === undefined ? undefined : anonymousConsumerOf(consumers, anonymous),
  };
}

/**
 * Plugin instances shared by every route they apply to (a rate limiter's counters belong to its instance).
 * `redis` holds the connections of `policy: redis` instances; without it (no REDIS_URL under npm start) they
 * count in this process, which for a single gateway is the same limit.
 */
export class PluginInstances {
  private readonly cors = new Map<string, Cors>();
  private readonly limiters = new Map<string, RateLimit>();

  constructor(
    private readonly redis?: RedisCounterServers,
    private readonly logger?: Logger,
  ) {}

  corsFor(plugin: PluginDef): Cors {
    let cors = this.cors.get(plugin.id);
    if (!cors) this.cors.set(plugin.id, (cors = new Cors(plugin.config as unknown as CorsConfig)));
    return cors;
  }

  limiterFor(plugin: PluginDef): RateLimit {
    let limiter = this.limiters.get(plugin.id);
    if (!limiter) {
      const config = plugin.config as unknown as RateLimitingConfig;
      limiter =
        config.policy === 'redis' && this.redis
          ? new RedisRateLimiter(config, plugin, this.redis.clientFor(redisSettingsOf(plugin.config)), this.logger)
          : new RateLimiter(config);
      this.limiters.set(plugin.id, limiter);
    }
    return limiter;
  }

  get rateLimiters(): RateLimit[] {
    return [...this.limiters.values()];
  }

  /** Whether an instance says `policy: redis` but counts here (no Redis given). */
  get redisCountedLocally(): boolean {
    return !this.redis && [...this.limiters.values()].some((limiter) => limiter.config.policy === 'redis');
  }

  /** Connects the counter stores the instances use. */
  async connect(): Promise<void> {
    await this.redis?.connect();
  }

  async close(): Promise<void> {
    for (const limiter of this.limiters.values()) limiter.close();
    await this.redis?.close();
  }
}

/** Everything a request on one route needs, worked out at start-up. */
export class RoutePlan {
  readonly correlationId?: CorrelationIdPlugin;
  readonly cors?: Cors;
  readonly keyAuth?: KeyAuthPlugin;
  readonly prometheus?: PrometheusConfig;
  readonly metrics: RouteMetrics;
  /** The rate limiter for requests without a consumer, and per consumer (its own instance, or the route's). */
  private readonly anonymousLimiter?: RateLimit;
  private readonly consumerLimiters = new Map<string, RateLimit | undefined>();
  readonly headerRoles = new Map<string, HeaderRole>();
  readonly responseDrop = new Set<string>(RESPONSE_HEADERS_SET_BY_GATEWAY);

  constructor(
    readonly def: RouteDef,
    readonly balancer: Balancer,
    config: GatewayConfig,
    instances: PluginInstances,
  ) {
    const plugins = config.plugins;
    const correlation = resolve(plugins, 'correlation-id', def);
    const cors = resolve(plugins, 'cors', def);
    const keyAuth = resolve(plugins, 'key-auth', def);
    const prometheus = resolve(plugins, 'prometheus', def);
    this.correlationId = correlation && correlationIdPlugin(correlation.config);
    this.cors = cors && instances.corsFor(cors);
    this.keyAuth = keyAuth && keyAuthPlugin(keyAuth.config, config.consumers);
    this.prometheus = prometheus?.config as PrometheusConfig | undefined;
    this.metrics = new RouteMetrics(def.service.name ?? def.service.host, def.name ?? def.id);

    const limiters = new Set<RateLimit>();
    const anonymous = resolve(plugins, 'rate-limiting', def);
    this.anonymousLimiter = anonymous && instances.limiterFor(anonymous);
    if (this.anonymousLimiter) limiters.add(this.anonymousLimiter);
    for (const consumer of config.consumers) {
      const plugin = resolve(plugins, 'rate-limiting', def, consumer);
      const limiter = plugin && instances.limiterFor(plugin);
      this.consumerLimiters.set(consumer.id, limiter);
      if (limiter) limiters.add(limiter);
    }

    const roles = this.headerRoles;
    for (const name of REQUEST_HEADERS_SET_BY_GATEWAY) roles.set(name, HeaderRole.Drop);
    roles.set('host', HeaderRole.Host);
    roles.set('x-forwarded-for', HeaderRole.ForwardedFor);
    roles.set('content-length', HeaderRole.ContentLength);
    roles.set('transfer-encoding', HeaderRole.TransferEncoding);
    if (this.cors) {
      roles.set('origin', HeaderRole.Origin);
      roles.set('access-control-request-method', HeaderRole.RequestMethod);
      roles.set('access-control-request-headers', HeaderRole.RequestHeaders);
      roles.set('access-control-request-private-network', HeaderRole.PrivateNetwork);
      for (const name of CORS_RESPONSE_HEADERS) this.responseDrop.add(name);
    }
    if (this.keyAuth) {
      for (const name of CONSUMER_HEADERS) roles.set(name, HeaderRole.Drop);
      for (const name of this.keyAuth.headerNames) roles.set(name, HeaderRole.ApiKey);
    }
    if (this.correlationId) {
      roles.set(this.correlationId.headerName.toLowerCase(), HeaderRole.Correlation);
      if (this.correlationId.echo) this.responseDrop.add(this.correlationId.headerName.toLowerCase());
    }
    for (const limiter of limiters) for (const name of limiter.headerNames) this.responseDrop.add(name.toLowerCase());
  }

  get service() {
    return this.def.service;
  }

  rateLimiterFor(consumer: ConsumerDef | undefined): RateLimit | undefined {
    return consumer ? this.consumerLimiters.get(consumer.id) : this.anonymousLimiter;
  }
}
