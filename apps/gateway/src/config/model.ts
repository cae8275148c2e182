/** kong.yml after validation: defaults applied, references resolved, ids assigned. */

export interface ServiceDef {
  id: string;
  name?: string;
  /** An upstream name (the usual case here) or a DNS name / address. */
  host: string;
  port: number;
  path?: string;
  retries: number;
  connectTimeoutMs: number;
  readTimeoutMs: number;
  writeTimeoutMs: number;
}

export interface RouteDef {
  id: string;
  name?: string;
  service: ServiceDef;
  paths: string[];
  methods?: string[];
  stripPath: boolean;
  preserveHost: boolean;
  regexPriority: number;
  /** Position in the file: the tie-breaker between routes of equal priority. */
  index: number;
}

export interface TargetDef {
  /** As written: `host:port`. */
  target: string;
  host: string;
  port: number;
  weight: number;
}

export interface ActiveChecks {
  httpPath: string;
  timeoutMs: number;
  concurrency: number;
  healthyIntervalMs: number;
  healthySuccesses: number;
  healthyStatuses: ReadonlySet<number>;
  unhealthyIntervalMs: number;
  unhealthyHttpFailures: number;
  unhealthyTcpFailures: number;
  unhealthyTimeouts: number;
  unhealthyStatuses: ReadonlySet<number>;
}

export interface PassiveChecks {
  healthySuccesses: number;
  healthyStatuses: ReadonlySet<number>;
  unhealthyHttpFailures: number;
  unhealthyTcpFailures: number;
  unhealthyTimeouts: number;
  unhealthyStatuses: ReadonlySet<number>;
}

export interface Healthchecks {
  active: ActiveChecks;
  passive: PassiveChecks;
  /** Percentage of healthy weight below which the whole upstream counts as down (0: never). */
  threshold: number;
}

export interface UpstreamDef {
  id: string;
  name: string;
  hostHeader?: string;
  healthchecks: Healthchecks;
  targets: TargetDef[];
}

export interface ConsumerDef {
  id: string;
  username?: string;
  customId?: string;
}

export interface CredentialDef {
  id: string;
  key: string;
  consumer: ConsumerDef;
}

export type PluginName = 'correlation-id' | 'cors' | 'key-auth' | 'rate-limiting' | 'prometheus';

export interface PluginDef {
  id: string;
  name: PluginName;
  config: Record<string, unknown>;
  serviceId?: string;
  routeId?: string;
  consumerId?: string;
}

export interface GatewayConfig {
  /** What error messages call the file (its base name). */
  label: string;
  services: ServiceDef[];
  routes: RouteDef[];
  upstreams: Map<string, UpstreamDef>;
  consumers: ConsumerDef[];
  credentials: Map<string, CredentialDef>;
  plugins: PluginDef[];
}

/** key-auth's `anonymous`: a consumer's id or, as Kong also accepts, its username. */
export function anonymousConsumerOf(consumers: readonly ConsumerDef[], anonymous: string): ConsumerDef | undefined {
  return consumers.find((consumer) => consumer.id === anonymous) ?? consumers.find((consumer) => consumer.username === anonymous);
}

/** `host:port` → parts; Kong's default target port is 8000. */
export function parseTarget(target: string): { host: string; port: number } | undefined {
  const match = /^(\[[0-9a-fA-F:.]+\]|[^:\s]+)(?::(\d{1,5}))?$/.exec(target);
  if (!match) return undefined;
  const port = match[2] === undefined ? 8000 : Number(match[2]);
  if (port < 1 || port > 65535) return undefined;
  return { host: match[1].replace(/^\[|\]$/g, ''), port };
}
