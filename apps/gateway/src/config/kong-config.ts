import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parse } from 'yaml';
import { PLUGIN_SPECS, isPluginName } from '../plugins/specs';
import { FieldSpec, Problems, Spec, isObject, readFields } from './fields';
import {
  ConsumerDef,
  CredentialDef,
  GatewayConfig,
  Healthchecks,
  RouteDef,
  ServiceDef,
  TargetDef,
  anonymousConsumerOf,
  parseTarget,
} from './model';

export class KongConfigError extends Error {
  constructor(
    readonly label: string,
    readonly problems: string[],
  ) {
    super(problems.map((problem) => `${label}: ${problem}`).join('\n'));
    this.name = 'KongConfigError';
  }
}

const TOP_LEVEL = new Set(['_format_version', '_transform', 'services', 'upstreams', 'consumers', 'plugins']);

const list = (kind: 'strings' | 'integers' | 'array' | 'object' = 'array'): FieldSpec => ({ kind });
const int = (defaultValue?: number, min?: number, max?: number): FieldSpec => ({
  kind: 'integer',
  default: defaultValue,
  min,
  max,
});
const str = (defaultValue?: string, oneOf?: readonly string[]): FieldSpec => ({ kind: 'string', default: defaultValue, oneOf });
const bool = (defaultValue: boolean, oneOf?: readonly boolean[]): FieldSpec => ({
  kind: 'boolean',
  default: defaultValue,
  oneOf,
});

const SERVICE: Spec = {
  id: str(),
  name: str(),
  url: str(),
  host: str(),
  port: int(80, 0, 65535),
  protocol: str('http', ['http']),
  path: str(),
  retries: int(5, 0, 32767),
  connect_timeout: int(60000, 1),
  read_timeout: int(60000, 1),
  write_timeout: int(60000, 1),
  enabled: bool(true, [true]),
  tags: list('strings'),
  routes: list(),
  plugins: list(),
};

const ROUTE: Spec = {
  id: str(),
  name: str(),
  paths: list('strings'),
  methods: list('strings'),
  strip_path: bool(true),
  preserve_host: bool(false),
  regex_priority: int(0),
  path_handling: str('v0', ['v0']),
  protocols: list('strings'),
  request_buffering: bool(true),
  response_buffering: bool(true),
  https_redirect_status_code: int(426),
  tags: list('strings'),
  plugins: list(),
};

const UPSTREAM: Spec = {
  id: str(),
  name: str(),
  algorithm: str('round-robin', ['round-robin']),
  slots: int(10000, 10, 65536),
  hash_on: str('none', ['none']),
  hash_fallback: str('none', ['none']),
  hash_on_cookie_path: str('/', ['/']),
  host_header: str(),
  use_srv_name: bool(false, [false]),
  healthchecks: list('object'),
  tags: list('strings'),
  targets: list(),
};

const TARGET: Spec = { id: str(), target: str(), weight: int(100, 0, 65535), tags: list('strings') };

const CONSUMER: Spec = {
  id: str(),
  username: str(),
  custom_id: str(),
  tags: list('strings'),
  keyauth_credentials: list(),
  plugins: list(),
};

const CREDENTIAL: Spec = { id: str(), key: str(), tags: list('strings') };

const PLUGIN: Spec = {
  id: str(),
  name: str(),
  instance_name: str(),
  config: list('object'),
  enabled: bool(true),
  protocols: list('strings'),
  tags: list('strings'),
  // Top-level plugins name their scope; nested ones get it from where they are.
  service: { kind: 'any' },
  route: { kind: 'any' },
  consumer: { kind: 'any' },
  ordering: { kind: 'any', oneOf: [] },
};

const ACTIVE: Spec = {
  type: str('http', ['http']),
  http_path: str('/'),
  timeout: { kind: 'number', default: 1, min: 0 },
  concurrency: int(10, 1),
  https_verify_certificate: bool(true),
  healthy: list('object'),
  unhealthy: list('object'),
};
const PASSIVE: Spec = { type: str('http', ['http']), healthy: list('object'), unhealthy: list('object') };
const interval: FieldSpec = { kind: 'number', default: 0, min: 0 };
const counter = int(0, 0, 255);
const ACTIVE_HEALTHY: Spec = { interval, successes: counter, http_statuses: { kind: 'integers', default: [200, 302] } };
const ACTIVE_UNHEALTHY: Spec = {
  interval,
  http_failures: counter,
  tcp_failures: counter,
  timeouts: counter,
  http_statuses: { kind: 'integers', default: [429, 404, 500, 501, 502, 503, 504, 505] },
};
const PASSIVE_HEALTHY: Spec = {
  successes: counter,
  http_statuses: {
    kind: 'integers',
    default: [200, 201, 202, 203, 204, 205, 206, 207, 208, 226, 300, 301, 302, 303, 304, 305, 306, 307, 308],
  },
};
const PASSIVE_UNHEALTHY: Spec = {
  http_failures: counter,
  tcp_failures: counter,
  timeouts: counter,
  http_statuses: { kind: 'integers', default: [429, 500, 503] },
};

/** Kong gives entities without an id a UUID; here it is derived from the entity's natural key, so it is stable. */
function stableId(kind: string, key: string): string {
  const hex = createHash('sha1').update(`${kind}:${key}`).digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const quoted = (value: unknown) => JSON.stringify(value);

function readHealthchecks(raw: unknown, where: string, problems: Problems): Healthchecks {
  const top = readFields(
    raw,
    { active: list('object'), passive: list('object'), threshold: { kind: 'number', default: 0, min: 0, max: 100 } },
    where,
    problems,
  );
  const active = readFields(top.active, ACTIVE, `${where} active`, problems);
  const activeHealthy = readFields(active.healthy, ACTIVE_HEALTHY, `${where} active.healthy`, problems);
  const activeUnhealthy = readFields(active.unhealthy, ACTIVE_UNHEALTHY, `${where} active.unhealthy`, problems);
  const passive = readFields(top.passive, PASSIVE, `${where} passive`, problems);
  const passiveHealthy = readFields(passive.healthy, PASSIVE_HEALTHY, `${where} passive.healthy`, problems);
  const passiveUnhealthy = readFields(passive.unhealthy, PASSIVE_UNHEALTHY, `${where} passive.unhealthy`, problems);
  const statuses = (value: unknown) => new Set(value as number[]);
  return {
    threshold: top.threshold as number,
    active: {
      httpPath: active.http_path as string,
      timeoutMs: (active.timeout as number) * 1000,
      concurrency: active.concurrency as number,
      healthyIntervalMs: (activeHealthy.interval as number) * 1000,
      healthySuccesses: activeHealthy.successes as number,
      healthyStatuses: statuses(activeHealthy.http_statuses),
      unhealthyIntervalMs: (activeUnhealthy.interval as number) * 1000,
      unhealthyHttpFailures: activeUnhealthy.http_failures as number,
      unhealthyTcpFailures: activeUnhealthy.tcp_failures as number,
      unhealthyTimeouts: activeUnhealthy.timeouts as number,
      unhealthyStatuses: statuses(activeUnhealthy.http_statuses),
    },
    passive: {
      healthySuccesses: passiveHealthy.successes as number,
      healthyStatuses: statuses(passiveHealthy.http_statuses),
      unhealthyHttpFailures: passiveUnhealthy.http_failures as number,
      unhealthyTcpFailures: passiveUnhealthy.tcp_failures as number,
      unhealthyTimeouts: passiveUnhealthy.timeouts as number,
      unhealthyStatuses: statuses(passiveUnhealthy.http_statuses),
    },
  };
}

/** How a top-level plugin's scope reads in messages: `(global)`, or `on route "x"` from its references. */
function topLevelScope(plugin: unknown): string {
  if (!isObject(plugin)) return '(global)';
  const parts = (['route', 'service', 'consumer'] as const)
    .filter((kind) => plugin[kind] !== undefined && plugin[kind] !== null)
    .map((kind) => {
      const reference = plugin[kind];
      return `${kind} ${quoted(isObject(reference) ? (reference.name ?? reference.username ?? reference.id) : reference)}`;
    });
  return parts.length === 0 ? '(global)' : `on ${parts.join(' and ')}`;
}

/** Validates a parsed kong.yml; throws KongConfigError listing every problem. */
export function compileKongConfig(document: unknown, label = 'kong.yml'): GatewayConfig {
  const problems = new Problems();
  const config: GatewayConfig = {
    label,
    services: [],
    routes: [],
    upstreams: new Map(),
    consumers: [],
    credentials: new Map(),
    plugins: [],
  };
  if (!isObject(document)) throw new KongConfigError(label, ['the file must be a YAML mapping']);
  if (document._format_version !== '3.0')
    problems.add('_format_version', `must be "3.0" (got ${quoted(document._format_version)})`);
  for (const key of Object.keys(document)) {
    if (!TOP_LEVEL.has(key)) problems.unsupportedEntity(`top-level "${key}"`);
  }
  if (document._transform === false) problems.unsupportedEntity('"_transform: false"');

  const arrayOf = (value: unknown, where: string): unknown[] => {
    if (value === undefined || value === null) return [];
    if (Array.isArray(value)) return value;
    problems.add(where, 'must be a list');
    return [];
  };
  const pendingPlugins: Array<{
    raw: unknown;
    where: string;
    scope: Partial<Record<'serviceId' | 'routeId' | 'consumerId', string>>;
  }> = [];

  arrayOf(document.upstreams, 'upstreams').forEach((raw, i) => {
    const fields = readFields(raw, UPSTREAM, `upstream ${quoted((raw as { name?: unknown })?.name ?? i)}`, problems);
    const name = fields.name as string | undefined;
    const where = `upstream ${quoted(name ?? i)}`;
    if (!name) return problems.add(where, 'needs a name');
    if (config.upstreams.has(name)) return problems.add(where, 'duplicate upstream name');
    const targets: TargetDef[] = [];
    arrayOf(fields.targets, `${where} targets`).forEach((rawTarget) => {
      const target = readFields(
        rawTarget,
        TARGET,
        `${where} target ${quoted((rawTarget as { target?: unknown })?.target)}`,
        problems,
      );
      const parsed = typeof target.target === 'string' ? parseTarget(target.target) : undefined;
      if (!parsed) return problems.add(where, `target ${quoted(target.target)} must look like host:port`);
      const address = target.target as string; // parsed, so a string
      if (targets.some((t) => t.target === address)) return problems.add(where, `duplicate target ${address}`);
      targets.push({ target: address, ...parsed, weight: target.weight as number });
    });
    config.upstreams.set(name, {
      id: (fields.id as string) ?? stableId('upstreams', name),
      name,
      hostHeader: fields.host_header as string | undefined,
      healthchecks: readHealthchecks(fields.healthchecks, `${where} healthchecks`, problems),
      targets,
    });
  });

  const serviceNames = new Set<string>();
  const routeNames = new Set<string>();
  arrayOf(document.services, 'services').forEach((raw, i) => {
    const initialWhere = `service ${quoted((raw as { name?: unknown })?.name ?? i)}`;
    const fields = readFields(raw, SERVICE, initialWhere, problems);
    if (typeof fields.url === 'string') {
      try {
        const url = new URL(fields.url);
        if (url.protocol !== 'http:') problems.unsupported(initialWhere, `url protocol ${quoted(url.protocol)}`);
        fields.host = url.hostname;
        fields.port = url.port ? Number(url.port) : 80;
        fields.path = url.pathname === '/' && !fields.url.endsWith('/') ? undefined : url.pathname;
      } catch {
        problems.add(initialWhere, `url ${quoted(fields.url)} is not a URL`);
      }
    }
    const name = fields.name as string | undefined;
    const where = `service ${quoted(name ?? fields.host ?? i)}`;
    if (!fields.host) return problems.add(where, 'needs a host or url');
    if (name && serviceNames.has(name)) problems.add(where, 'duplicate service name');
    if (name) serviceNames.add(name);
    const service: ServiceDef = {
      id: (fields.id as string) ?? stableId('services', name ?? `${fields.host as string}:${i}`),
      name,
      host: fields.host as string,
      port: fields.port as number,
      path: fields.path as string | undefined,
      retries: fields.retries as number,
      connectTimeoutMs: fields.connect_timeout as number,
      readTimeoutMs: fields.read_timeout as number,
      writeTimeoutMs: fields.write_timeout as number,
    };
    config.services.push(service);
    arrayOf(fields.plugins, `${where} plugins`).forEach((plugin) =>
      pendingPlugins.push({ raw: plugin, where: `on ${where}`, scope: { serviceId: service.id } }),
    );

    arrayOf(fields.routes, `${where} routes`).forEach((rawRoute, j) => {
      const routeFields = readFields(
        rawRoute,
        ROUTE,
        `route ${quoted((rawRoute as { name?: unknown })?.name ?? `${j} of ${where}`)}`,
        problems,
      );
      const routeName = routeFields.name as string | undefined;
      const routeWhere = `route ${quoted(routeName ?? `${j} of ${where}`)}`;
      if (routeName && routeNames.has(routeName)) problems.add(routeWhere, 'duplicate route name');
      if (routeName) routeNames.add(routeName);
      const paths = (routeFields.paths as string[] | undefined) ?? [];
      if (paths.length === 0) problems.unsupported(routeWhere, 'a route without paths');
      for (const path of paths) {
        if (path.startsWith('~')) {
          try {
            new RegExp(path.slice(1));
          } catch (error) {
            problems.add(
              routeWhere,
              `path ${quoted(path)} is not a regular expression JavaScript understands: ${(error as Error).message}`,
            );
          }
        } else if (!path.startsWith('/')) problems.add(routeWhere, `path ${quoted(path)} must start with / (or ~ for a regex)`);
      }
      const protocols = routeFields.protocols as string[] | undefined;
      if (protocols && !protocols.includes('http'))
        problems.unsupported(routeWhere, `protocols ${quoted(protocols)} without "http"`);
      const route: RouteDef = {
        id: (routeFields.id as string) ?? stableId('routes', routeName ?? `${service.id}:${j}`),
        name: routeName,
        service,
        paths,
        methods: (routeFields.methods as string[] | undefined)?.map((method) => method.toUpperCase()),
        stripPath: routeFields.strip_path as boolean,
        preserveHost: routeFields.preserve_host as boolean,
        regexPriority: routeFields.regex_priority as number,
        index: config.routes.length,
      };
      config.routes.push(route);
      arrayOf(routeFields.plugins, `${routeWhere} plugins`).forEach((plugin) =>
        pendingPlugins.push({ raw: plugin, where: `on ${routeWhere}`, scope: { routeId: route.id, serviceId: undefined } }),
      );
    });
  });

  const usernames = new Set<string>();
  arrayOf(document.consumers, 'consumers').forEach((raw, i) => {
    const fields = readFields(raw, CONSUMER, `consumer ${quoted((raw as { username?: unknown })?.username ?? i)}`, problems);
    const username = fields.username as string | undefined;
    const customId = fields.custom_id as string | undefined;
    const where = `consumer ${quoted(username ?? customId ?? i)}`;
    if (!username && !customId) return problems.add(where, 'needs a username or custom_id');
    if (username && usernames.has(username)) problems.add(where, 'duplicate username');
    if (username) usernames.add(username);
    const consumer: ConsumerDef = {
      id: (fields.id as string) ?? stableId('consumers', username ?? `custom:${customId}`),
      username,
      customId,
    };
    config.consumers.push(consumer);
    arrayOf(fields.keyauth_credentials, `${where} keyauth_credentials`).forEach((rawCredential) => {
      const credential = readFields(rawCredential, CREDENTIAL, `${where} keyauth_credential`, problems);
      const key = credential.key as string | undefined;
      // Kong would generate a random key: useless in a committed file, so it is refused.
      if (!key) return problems.unsupported(`${where} keyauth_credential`, 'a credential without a key');
      if (config.credentials.has(key)) return problems.add(`${where} keyauth_credential`, 'key used by two credentials');
      const entry: CredentialDef = { id: (credential.id as string) ?? stableId('keyauth_credentials', key), key, consumer };
      config.credentials.set(key, entry);
    });
    arrayOf(fields.plugins, `${where} plugins`).forEach((plugin) =>
      pendingPlugins.push({ raw: plugin, where: `on ${where}`, scope: { consumerId: consumer.id } }),
    );
  });

  arrayOf(document.plugins, 'plugins').forEach((plugin) =>
    pendingPlugins.push({ raw: plugin, where: topLevelScope(plugin), scope: {} }),
  );

  const resolveReference = (value: unknown, kind: 'service' | 'route' | 'consumer', where: string): string | undefined => {
    if (value === undefined || value === null) return undefined;
    const reference = isObject(value) ? (value.id ?? value.name ?? value.username) : value;
    const candidates: Array<{ id: string; names: Array<string | undefined> }> =
      kind === 'service'
        ? config.services.map((s) => ({ id: s.id, names: [s.name] }))
        : kind === 'route'
          ? config.routes.map((r) => ({ id: r.id, names: [r.name] }))
          : config.consumers.map((c) => ({ id: c.id, names: [c.username, c.customId] }));
    const found = candidates.find((candidate) => candidate.id === reference || candidate.names.includes(reference as string));
    if (!found) problems.add(where, `${kind} ${quoted(reference)} not found`);
    return found?.id;
  };

  for (const { raw, where: scopeText, scope } of pendingPlugins) {
    const name = (raw as { name?: unknown })?.name;
    const where = `plugin ${quoted(name)} ${scopeText}`;
    if (!isPluginName(name)) {
      problems.unsupportedEntity(where);
      continue;
    }
    const spec = PLUGIN_SPECS[name];
    const fields = readFields(raw, PLUGIN, where, problems);
    const pluginScope = { ...scope };
    if (!scope.serviceId && !scope.routeId && !scope.consumerId) {
      pluginScope.serviceId = resolveReference(fields.service, 'service', where);
      pluginScope.routeId = resolveReference(fields.route, 'route', where);
      pluginScope.consumerId = resolveReference(fields.consumer, 'consumer', where);
    } else if (fields.service !== undefined || fields.route !== undefined || fields.consumer !== undefined) {
      problems.unsupported(where, 'a service/route/consumer reference on a nested plugin');
    }
    if (pluginScope.consumerId && !spec.consumerScope) problems.add(where, `Kong does not allow ${name} on a consumer`);
    const protocols = fields.protocols as string[] | undefined;
    if (protocols && !protocols.includes('http')) problems.unsupported(where, `protocols ${quoted(protocols)} without "http"`);
    if (fields.enabled === false) continue;
    const pluginConfig = readFields(fields.config, spec.fields, `${where} config`, problems);
    spec.check?.(pluginConfig, `${where} config`, problems);
    // Kong finds out only when a request needs it (a 500); refused here, before anything is served.
    const anonymous = name === 'key-auth' ? (pluginConfig.anonymous as string | undefined) : undefined;
    if (anonymous !== undefined && !anonymousConsumerOf(config.consumers, anonymous)) {
      problems.add(`${where} config`, `anonymous consumer ${quoted(anonymous)} not found`);
    }
    const duplicate = config.plugins.find(
      (p) =>
        p.name === name &&
        p.serviceId === pluginScope.serviceId &&
        p.routeId === pluginScope.routeId &&
        p.consumerId === pluginScope.consumerId,
    );
    if (duplicate) problems.add(where, 'a second instance of this plugin on the same entities');
    config.plugins.push({
      id:
        (fields.id as string) ??
        stableId('plugins', `${name}:${pluginScope.serviceId}:${pluginScope.routeId}:${pluginScope.consumerId}`),
      name,
      config: pluginConfig,
      ...pluginScope,
    });
  }

  for (const service of config.services) {
    if (!config.upstreams.has(service.host) && !/[.:]/.test(service.host) && service.host !== 'localhost') {
      problems.add(
        `service ${quoted(service.name ?? service.host)}`,
        `host ${quoted(service.host)} names no upstream in this file`,
      );
    }
  }
  if (problems.list.length > 0) throw new KongConfigError(label, problems.list);
  return config;
}

export function loadKongConfig(path: string): GatewayConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new KongConfigError(basename(path), [`cannot read ${path}: ${(error as Error).message}`]);
  }
  let document: unknown;
  try {
    document = parse(text);
  } catch (error) {
    throw new KongConfigError(basename(path), [`not valid YAML: ${(error as Error).message}`]);
  }
  return compileKongConfig(document, basename(path));
}
