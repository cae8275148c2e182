import { randomUUID } from 'node:crypto';
import { createServer as createHttpServer } from 'node:http';
import { AddressInfo, Server, Socket, createServer } from 'node:net';
import { resolve as resolvePath } from 'node:path';
import pino, { Logger } from 'pino';
import { Balancer } from './balancer/balancer';
import { HealthChecker } from './balancer/health-checker';
import { compileKongConfig, loadKongConfig } from './config/kong-config';
import { GatewayConfig, Healthchecks, TargetDef, UpstreamDef, parseTarget } from './config/model';
import { serveHttp1 } from './http1/client-connection';
import { PrometheusConfig, ServerStats, renderMetrics } from './plugins/prometheus';
import { KONG_VERSION, LineSink, ProxyHandler } from './proxy/proxy-handler';
import { RedisCounterServers } from './plugins/redis-rate-limiting';
import { PluginInstances, RoutePlan } from './proxy/route-plan';
import { Router } from './proxy/router';

export interface TargetOverride {
  target: string;
  weight?: number;
}

/** Per upstream name, the targets that replace the file's (locally: the addresses of the local processes). */
export type TargetOverrides = Record<string, ReadonlyArray<string | TargetOverride>>;

export interface GatewayOptions {
  /** kong.yml to serve (default `kong/kong.yml` from the working directory). */
  configPath?: string;
  /** An already parsed kong.yml instead of a file (tests derive fixtures from the real file this way). */
  configDocument?: unknown;
  host?: string;
  /** Proxy port (default 8000; 0 picks a free one). */
  port?: number;
  /** Status API port: /metrics, /status, /status/ready (default 8100; 0 picks a free one). */
  statusPort?: number;
  targets?: TargetOverrides;
  /** Where `policy: redis` rate limits count, instead of the file's Redis (REDIS_URL); unset: in this process. */
  redisUrl?: string;
  logLevel?: string;
  logger?: Logger;
  /** The stream under `logger`: access log lines are then written to it directly (the default logger's always are). */
  logLines?: LineSink;
}

export interface RunningGateway {
  port: number;
  statusPort: number;
  config: GatewayConfig;
  close(): Promise<void>;
}

/** Kong's health checks with every counter off: what a service that names a host (no upstream) gets. */
const NO_HEALTHCHECKS: Healthchecks = {
  threshold: 0,
  active: {
    httpPath: '/',
    timeoutMs: 1000,
    concurrency: 10,
    healthyIntervalMs: 0,
    healthySuccesses: 0,
    healthyStatuses: new Set(),
    unhealthyIntervalMs: 0,
    unhealthyHttpFailures: 0,
    unhealthyTcpFailures: 0,
    unhealthyTimeouts: 0,
    unhealthyStatuses: new Set(),
  },
  passive: {
    healthySuccesses: 0,
    healthyStatuses: new Set(),
    unhealthyHttpFailures: 0,
    unhealthyTcpFailures: 0,
    unhealthyTimeouts: 0,
    unhealthyStatuses: new Set(),
  },
};

export class TargetOverrideError extends Error {
  constructor(problems: string[]) {
    super(`Invalid target overrides:\n  - ${problems.join('\n  - ')}`);
    this.name = 'TargetOverrideError';
  }
}

/** Replaces the targets of the named upstreams; routes, plugins and consumers stay the file's. */
export function applyTargetOverrides(config: GatewayConfig, overrides: TargetOverrides = {}): Map<string, UpstreamDef> {
  const problems: string[] = [];
  const upstreams = new Map(config.upstreams);
  for (const [name, entries] of Object.entries(overrides)) {
    const upstream = upstreams.get(name);
    if (!upstream) {
      problems.push(`upstream "${name}" is not in ${config.label} (it has: ${[...upstreams.keys()].join(', ')})`);
      continue;
    }
    const targets: TargetDef[] = [];
    for (const entry of entries) {
      const { target, weight = 100 } = typeof entry === 'string' ? { target: entry } : entry;
      const parsed = typeof target === 'string' ? parseTarget(target) : undefined;
      if (!parsed || !Number.isInteger(weight) || weight < 0 || weight > 65535) {
        problems.push(
          `upstream "${name}": target ${JSON.stringify(entry)} must be "host:port" or {"target":"host:port","weight":0..65535}`,
        );
        continue;
      }
      targets.push({ target, ...parsed, weight });
    }
    if (targets.length === 0) problems.push(`upstream "${name}": no targets given`);
    upstreams.set(name, { ...upstream, targets });
  }
  if (problems.length > 0) throw new TargetOverrideError(problems);
  return upstreams;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function close(server: Server, connections: Set<Socket>): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    for (const socket of connections) socket.destroy();
  });
}

/** Open connections of a server, so that closing it does not wait for idle keep-alive clients. */
function trackConnections(server: Server): Set<Socket> {
  const connections = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    connections.add(socket);
    socket.once('close', () => connections.delete(socket));
  });
  return connections;
}

/**
 * JSON lines on stdout (pretty in a terminal), written in batches of 8 KB: one system call per request would cost
 * more than the proxying. Written synchronously: an asynchronous write costs the event loop more (the hand-off to
 * libuv's thread pool) than the write itself.
 */
function defaultLogger(level: string): { logger: Logger; lines?: LineSink; stop(): void } {
  if (process.stdout.isTTY && level !== 'silent' && canResolve('pino-pretty')) {
    const transport = pino.transport({ target: 'pino-pretty', options: { singleLine: true, translateTime: 'SYS:HH:MM:ss.l' } });
    return { logger: pino({ name: 'gateway', level }, transport), stop: () => undefined };
  }
  const destination = pino.destination({ dest: 1, sync: true, minLength: 8 * 1024 });
  const flusher = setInterval(() => destination.flush(), 250);
  flusher.unref();
  return {
    logger: pino({ name: 'gateway', level }, destination),
    // The access log's lines go to the same stream, already serialised.
    lines: destination,
    stop: () => {
      clearInterval(flusher);
      destination.flushSync();
    },
  };
}

function canResolve(id: string): boolean {
  try {
    require.resolve(id);
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts the local Kong-compatible gateway: the proxy on `port`, the status API on `statusPort`. Refuses
 * (rejects) a kong.yml with anything it does not implement, naming each entity.
 */
export async function startGateway(options: GatewayOptions = {}): Promise<RunningGateway> {
  const configPath = resolvePath(options.configPath ?? 'kong/kong.yml');
  const config = options.configDocument !== undefined ? compileKongConfig(options.configDocument) : loadKongConfig(configPath);
  const upstreams = applyTargetOverrides(config, options.targets);
  const ownLogger = options.logger ? undefined : defaultLogger(options.logLevel ?? 'info');
  const logger = options.logger ?? ownLogger!.logger;
  const host = options.host ?? '0.0.0.0';

  const onChange = (balancer: Balancer, target: { label: string; state: string }, from: string) =>
    logger.warn({ upstream: balancer.name, target: target.label, from, to: target.state }, 'upstream target health changed');
  const balancers = new Map<string, Balancer>();
  for (const upstream of upstreams.values()) {
    balancers.set(
      upstream.name,
      new Balancer(upstream.name, upstream.targets, upstream.healthchecks, upstream.hostHeader, onChange),
    );
  }
  for (const service of config.services) {
    // A service naming a host rather than an upstream: one target, no health checks, as Kong does.
    if (!balancers.has(service.host)) {
      const target = { target: `${service.host}:${service.port}`, host: service.host, port: service.port, weight: 100 };
      balancers.set(service.host, new Balancer(service.host, [target], NO_HEALTHCHECKS, undefined, onChange));
    }
  }
  await Promise.all([...balancers.values()].map((balancer) => balancer.resolve()));

  const instances = new PluginInstances(options.redisUrl ? new RedisCounterServers(options.redisUrl, logger) : undefined, logger);
  const plans = config.routes.map((route) => new RoutePlan(route, balancers.get(route.service.host)!, config, instances));
  await instances.connect();
  const stats = new ServerStats();
  let proxyPort = 0;
  const proxy = new ProxyHandler({
    router: new Router(plans),
    credentials: config.credentials,
    stats,
    logger,
    accessLogLines: ownLogger ? ownLogger.lines : options.logLines,
    port: () => proxyPort,
  });

  // Half-open allowed: a client that has sent its request and shut its side still gets the answer.
  const proxyServer = createServer({ allowHalfOpen: true, noDelay: true }, (socket) => {
    stats.accepted++;
    stats.active++;
    socket.once('close', () => stats.active--);
    serveHttp1(socket, proxy.handle, { keepAliveTimeoutMs: 60_000 });
  });
  const proxyConnections = trackConnections(proxyServer);

  const nodeId = randomUUID();
  const prometheusConfigs = config.plugins
    .filter((p) => p.name === 'prometheus')
    .map((p) => p.config as unknown as PrometheusConfig);
  const metricSources = {
    nodeId,
    version: KONG_VERSION,
    routes: plans.filter((plan) => plan.prometheus).map((plan) => plan.metrics),
    balancers: [...balancers.values()].filter((balancer) => upstreams.has(balancer.name)),
    upstreamHealth: prometheusConfigs.some((c) => c.upstream_health_metrics),
    stats,
    rateLimitCounters: () => instances.rateLimiters.reduce((sum, limiter) => sum + limiter.size, 0),
  };
  const statusServer = createHttpServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', Server: `kong/${KONG_VERSION}` });
      res.end(JSON.stringify(body));
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return json(405, { message: 'Method not allowed' });
    if (path === '/metrics') {
      res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8', Server: `kong/${KONG_VERSION}` });
      return res.end(renderMetrics(metricSources));
    }
    if (path === '/status/ready') return json(200, { message: 'ready' });
    if (path === '/status') {
      return json(200, {
        database: { reachable: true },
        server: {
          connections_accepted: stats.accepted,
          connections_handled: stats.accepted,
          connections_active: stats.active,
          connections_reading: 0,
          connections_writing: stats.writing,
          connections_waiting: Math.max(0, stats.active - stats.writing),
          total_requests: stats.requests,
        },
        memory: { workers_lua_vms: [{ pid: process.pid, http_allocated_gc: process.memoryUsage().heapUsed }] },
      });
    }
    json(404, { message: 'Not found' });
  });

  const statusConnections = trackConnections(statusServer);
  const checkers = [...balancers.values()].map((balancer) => new HealthChecker(balancer));
  let port: number;
  let statusPort: number;
  try {
    port = await listen(proxyServer, options.port ?? 8000, host);
    statusPort = await listen(statusServer, options.statusPort ?? 8100, host);
  } catch (error) {
    proxyServer.close();
    await instances.close();
    throw error;
  }
  proxyPort = port;
  for (const checker of checkers) checker.start();
  if (instances.redisCountedLocally) {
    logger.warn(
      'rate-limiting: policy redis counted in this process (no REDIS_URL): right for one gateway; set REDIS_URL to share the limits between gateways',
    );
  }
  logger.info(
    {
      port,
      status_port: statusPort,
      config: options.configDocument !== undefined ? '(document)' : configPath,
      routes: config.routes.length,
    },
    `gateway listening on http://${host}:${port} (status and metrics on :${statusPort})`,
  );

  return {
    port,
    statusPort,
    config,
    async close() {
      for (const checker of checkers) checker.stop();
      await Promise.all([close(proxyServer, proxyConnections), close(statusServer, statusConnections)]);
      await instances.close();
      proxy.close();
      if (ownLogger) ownLogger.stop();
      else logger.flush();
    },
  };
}
