import { hostname } from 'node:os';
import type { Logger } from 'pino';
import { ConsumerDef, CredentialDef } from '../config/model';
import type { GatewayRequest, GatewayResponse } from '../http1/client-connection';
import { UpstreamCall, UpstreamError, UpstreamHandler, UpstreamPools } from '../http1/upstream-pool';
import { ServerStats } from '../plugins/prometheus';
import { RateLimit, RateLimitDecision } from '../plugins/rate-limiting';
import { Exchange } from './exchange';
import { HeaderRole, KeyAuthPlugin, RoutePlan } from './route-plan';
import { Router, normalizePath, upstreamPath } from './router';

export const KONG_VERSION = '3.9.1';
const SERVER = `kong/${KONG_VERSION}`;
const VIA = `1.1 ${SERVER}`;

const MESSAGES = {
  noRoute: 'no Route matched with those values',
  noKey: 'No API key found in request',
  duplicateKey: 'Duplicate API key found',
  badKey: 'Unauthorized',
  noPeer: 'failure to get a peer from the ring-balancer',
  badGateway: 'An invalid response was received from the upstream server',
  timeout: 'The upstream server is timing out',
  unexpected: 'An unexpected error occurred',
} as const;

/** Errors before the request reached the target (system codes, UpstreamError's): safe to try the next one. */
const CONNECT_ERRORS = new Set([
  'CONNECT_TIMEOUT',
  'ECONNREFUSED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNABORTED',
]);
const TIMEOUTS = new Set(['CONNECT_TIMEOUT', 'READ_TIMEOUT']);
/** The connection closed under the request. */
const CONNECTION_LOST = new Set(['ECONNRESET', 'EPIPE', 'CONNECTION_CLOSED']);
const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'TRACE']);

/** Request ids like nginx's $request_id: 32 hex characters, unique per process run. */
function requestIdGenerator(): () => string {
  const prefix = Array.from({ length: 4 }, () =>
    Math.floor(Math.random() * 0x100000000)
      .toString(16)
      .padStart(8, '0'),
  )
    .join('')
    .slice(0, 18);
  let counter = 0;
  return () => prefix + (++counter).toString(16).padStart(14, '0');
}

export interface LineSink {
  write(line: string): unknown;
}

export interface ProxyOptions {
  router: Router<RoutePlan>;
  credentials: ReadonlyMap<string, CredentialDef>;
  stats: ServerStats;
  logger: Logger;
  /**
   * The stream under `logger`, if there is one: access log lines are then written to it directly, in pino's
   * format, rather than through pino (which would cost a fifth of the gateway's own time).
   */
  accessLogLines?: LineSink;
  /** The port clients reach (X-Forwarded-Port). */
  port: () => number;
}

/**
 * The proxy: Kong's request phases for the plugins this gateway implements — correlation-id, cors,
 * key-auth, rate-limiting (access), then the balancer and the upstream call, then header filter and log
 * (prometheus, access log). Bodies are streamed both ways.
 */
export class ProxyHandler {
  private readonly pools = new UpstreamPools();
  private readonly nextRequestId = requestIdGenerator();
  private readonly logEnabled: boolean;
  private readonly accessLogs = new Map<RoutePlan, Logger>();
  /** Per route, the start of its access log lines after the time (pino's base fields and the route's). */
  private readonly accessLinePrefixes = new Map<RoutePlan, string>();
  private readonly logBase: string;

  constructor(private readonly options: ProxyOptions) {
    this.logEnabled = options.logger.isLevelEnabled('info');
    const bindings = options.logger.bindings();
    this.logBase = `,"pid":${process.pid},"hostname":${JSON.stringify(hostname())}${Object.entries(bindings)
      .map(([key, value]) => `,${JSON.stringify(key)}:${JSON.stringify(value)}`)
      .join('')}`;
  }

  readonly handle = (req: GatewayRequest, res: GatewayResponse): void => {
    const startedAt = performance.now();
    const { stats } = this.options;
    stats.requests++;
    const url = req.url;
    const queryAt = url.indexOf('?');
    const path = normalizePath(queryAt < 0 ? url : url.slice(0, queryAt));
    const match = this.options.router.match(req.method, path);
    if (!match) return this.respondWithoutRoute(res, startedAt);

    stats.writing++;
    let clientIp = req.socket.remoteAddress ?? '';
    if (clientIp.startsWith('::ffff:')) clientIp = clientIp.slice(7);
    const ex = new Exchange(req, res, match.route, match.matched, path, startedAt, this.nextRequestId(), clientIp);
    res.onClose(() => this.logPhase(ex));
    this.readHeaders(ex);
    const access = this.access(ex);
    if (access === true) this.forward(ex);
    else if (access !== false) void access.then((go) => go && !res.gone && this.forward(ex));
  };

  /** One pass over the client's headers: what the plugins read, and the upstream request's headers. */
  private readHeaders(ex: Exchange): void {
    const { req, plan, seen } = ex;
    const raw = req.rawHeaders;
    const out = ex.upstreamHeaders;
    const roles = plan.headerRoles;
    const keyAuth = plan.keyAuth;
    let keyIndex = -1;
    let headerBytes = req.method.length + req.url.length + 12;
    for (let i = 0; i < raw.length; i += 2) {
      const name = raw[i];
      const value = raw[i + 1];
      headerBytes += name.length + value.length + 4;
      const lower = name.toLowerCase();
      const role = roles.get(lower);
      switch (role) {
        case undefined:
          out.push(name, value);
          break;
        case HeaderRole.Drop:
          break;
        case HeaderRole.Host:
          seen[role] = value;
          if (plan.def.preserveHost) out.push(name, value);
          break;
        case HeaderRole.ForwardedFor:
          seen[role] = seen[role] === undefined ? value : `${seen[role]}, ${value}`;
          break;
        case HeaderRole.ApiKey:
          // The first configured name present wins, as in Kong; that header twice is a duplicate key.
          if (keyAuth!.inHeader) {
            const index = keyAuth!.headerNames.indexOf(lower);
            if (keyIndex < 0 || index < keyIndex) [keyIndex, ex.apiKey, ex.apiKeys] = [index, value, 1];
            else if (index === keyIndex) ex.apiKeys++;
          }
          if (!keyAuth!.hideCredentials) out.push(name, value);
          break;
        case HeaderRole.ContentLength:
          if (value !== '0') ex.hasBody = true;
          headerBytes += Number(value) || 0;
          out.push(name, value);
          break;
        case HeaderRole.TransferEncoding:
          // Re-framed (chunked) on the way out; the body is streamed.
          ex.hasBody = true;
          break;
        default:
          // Read by a plugin (Origin, Access-Control-Request-*, the correlation id) and passed on.
          if (value === '' && role === HeaderRole.Correlation) break;
          seen[role] = value;
          out.push(name, value);
      }
    }
    ex.ingressBytes = headerBytes;
  }

  /**
   * The access phase of the plugins, in Kong's priority order. False when a plugin has answered; a promise when
   * the rate limit is counted elsewhere (policy redis).
   */
  private access(ex: Exchange): boolean | Promise<boolean> {
    const { plan, seen } = ex;
    const method = ex.req.method;
    // correlation-id (priority 100001)
    const correlation = plan.correlationId;
    if (seen[HeaderRole.Correlation]) ex.correlationId = seen[HeaderRole.Correlation];
    else if (correlation) {
      ex.correlationId = correlation.generate();
      ex.upstreamHeaders.push(correlation.headerName, ex.correlationId);
    }

    // cors (2000): a preflight is answered here.
    const cors = plan.cors;
    const origin = seen[HeaderRole.Origin];
    if (cors) {
      if (method === 'OPTIONS' && origin !== undefined && seen[HeaderRole.RequestMethod] !== undefined) {
        if (!cors.preflightContinue) {
          const privateNetwork = seen[HeaderRole.PrivateNetwork] === 'true';
          this.respond(ex, 200, undefined, cors.preflightHeaders(origin, seen[HeaderRole.RequestHeaders], privateNetwork));
          return false;
        }
      } else {
        ex.corsHeaders = cors.responseHeaders(origin);
      }
    }

    // key-auth (1250)
    const keyAuth = plan.keyAuth;
    if (keyAuth && (keyAuth.runOnPreflight || method !== 'OPTIONS') && !this.authenticate(ex, keyAuth)) return false;

    // rate-limiting (910): the consumer's own instance if it has one, else the route's.
    const limiter = plan.rateLimiterFor(ex.consumer);
    if (limiter) {
      const by = limiter.config.limit_by;
      const identifier =
        (by === 'consumer' ? (ex.consumer?.id ?? ex.credential?.id) : by === 'credential' ? ex.credential?.id : undefined) ??
        ex.clientIp;
      const decision = limiter.take(identifier, Date.now());
      if ('then' in decision) {
        return decision.then((settled) => {
          if (!this.rateLimited(ex, limiter, settled)) return false;
          this.prepareUpstreamRequest(ex);
          return true;
        });
      }
      if (!this.rateLimited(ex, limiter, decision)) return false;
    }
    this.prepareUpstreamRequest(ex);
    return true;
  }

  /** Applies a rate-limiting decision: false when the request has been answered (429, or 500 as Kong when the counters failed). */
  private rateLimited(ex: Exchange, limiter: RateLimit, decision: RateLimitDecision): boolean {
    if (decision.headers.length > 0) ex.rateLimitHeaders = decision.headers;
    if (decision.failed) {
      this.respond(ex, 500, MESSAGES.unexpected);
      return false;
    }
    if (!decision.allowed) {
      this.respond(ex, limiter.config.error_code, limiter.config.error_message);
      return false;
    }
    return true;
  }

  /** key-auth: the consumer behind the key, told to the upstream; else the anonymous consumer, or a 401. */
  private authenticate(ex: Exchange, keyAuth: KeyAuthPlugin): boolean {
    const fail = (message: string) => {
      // As Kong: any failure (no key, an unknown key, two keys) makes the request the anonymous consumer's.
      if (keyAuth.anonymous) return this.identify(ex, keyAuth.anonymous);
      this.respond(ex, 401, message, ['WWW-Authenticate', keyAuth.wwwAuthenticate]);
      return false;
    };
    if (ex.apiKeys > 1) return fail(MESSAGES.duplicateKey);
    if (keyAuth.inQuery && ex.query !== '') {
      if (ex.apiKey === undefined) {
        const params = new URLSearchParams(ex.query);
        for (const name of keyAuth.queryNames) {
          const values = params.getAll(name);
          if (values.length > 1) return fail(MESSAGES.duplicateKey);
          if (values.length === 1) {
            ex.apiKey = values[0];
            break;
          }
        }
      }
      if (keyAuth.hideCredentials) ex.query = withoutQueryArguments(ex.query, keyAuth.queryNames);
    }
    if (ex.apiKey === undefined || ex.apiKey === '') return fail(MESSAGES.noKey);
    const credential = this.options.credentials.get(ex.apiKey);
    if (!credential) return fail(MESSAGES.badKey);
    return this.identify(ex, credential.consumer, credential);
  }

  /** The consumer told to the upstream; without a credential it is the anonymous one (X-Anonymous-Consumer). */
  private identify(ex: Exchange, consumer: ConsumerDef, credential?: CredentialDef): true {
    ex.credential = credential;
    ex.consumer = consumer;
    ex.consumerName = consumer.username ?? '';
    const out = ex.upstreamHeaders;
    out.push('X-Consumer-ID', consumer.id);
    if (consumer.customId !== undefined) out.push('X-Consumer-Custom-ID', consumer.customId);
    if (consumer.username !== undefined) out.push('X-Consumer-Username', consumer.username);
    if (credential) out.push('X-Credential-Identifier', credential.id);
    else out.push('X-Anonymous-Consumer', 'true');
    return true;
  }

  /** What Kong adds towards the upstream, and the path it sends. */
  private prepareUpstreamRequest(ex: Exchange): void {
    const { plan, seen, clientIp } = ex;
    const forwardedFor = seen[HeaderRole.ForwardedFor];
    const out = ex.upstreamHeaders;
    out.push(
      'X-Forwarded-For',
      forwardedFor === undefined ? clientIp : `${forwardedFor}, ${clientIp}`,
      'X-Forwarded-Proto',
      'http',
      'X-Forwarded-Host',
      hostWithoutPort(seen[HeaderRole.Host] ?? ''),
      'X-Forwarded-Port',
      String(this.options.port()),
      'X-Forwarded-Path',
      ex.path,
      'X-Real-IP',
      clientIp,
      'X-Kong-Request-Id',
      ex.requestId,
    );
    const servicePath = plan.service.path;
    const stripped = plan.def.stripPath && ex.matched.length > 0;
    if (stripped) out.push('X-Forwarded-Prefix', ex.matched);
    // Last, so each try can set it for its target.
    if (!plan.def.preserveHost) out.push('Host', '');
    const query = ex.query === '' ? '' : `?${ex.query}`;
    const url = ex.req.url;
    const queryAt = url.indexOf('?');
    // The client's own path, unless Kong rewrites it (strip_path, a service path).
    const path =
      !stripped && servicePath === undefined
        ? queryAt < 0
          ? url
          : url.slice(0, queryAt)
        : upstreamPath(servicePath, ex.path, ex.matched, plan.def.stripPath);
    ex.upstreamPath = path + query;
  }

  private forward(ex: Exchange): void {
    const target = ex.plan.balancer.getPeer();
    if (!target) return this.respond(ex, 503, MESSAGES.noPeer);
    ex.target = target;
    ex.tries++;
    const { plan, req } = ex;
    const service = plan.service;
    const headers = ex.upstreamHeaders;
    if (!plan.def.preserveHost) {
      const port = target.def.port;
      headers[headers.length - 1] = plan.balancer.hostHeader ?? (port === 80 ? target.def.host : `${target.def.host}:${port}`);
    }
    if (ex.tries === 1) {
      ex.upstreamStartedAt = performance.now();
      ex.proxyLatencyMs = Math.round(ex.upstreamStartedAt - ex.startedAt);
    }
    const attempt = new UpstreamTry(this, ex);
    ex.upstream = attempt;
    attempt.call = this.pools.for(target.address, target.def.port, service.connectTimeoutMs).request(
      {
        method: req.method,
        path: ex.upstreamPath,
        headers,
        // Read only once the request is on a connection; if the try fails before, the body is still unread (for
        // the next try, or the error response).
        body: ex.hasBody ? req : null,
        readTimeoutMs: service.readTimeoutMs,
      },
      attempt,
    );
  }

  /** The try `attempt` failed: the next target if Kong would retry, else 502/504 (or a cut response). */
  upstreamFailed(ex: Exchange, attempt: UpstreamTry, error: UpstreamError): void {
    if (ex.upstream !== attempt || ex.done) return;
    ex.upstream = undefined;
    const target = ex.target!;
    if (ex.res.headersSent) {
      // The body broke off midway: nothing to answer with, so the client sees the connection end.
      target.reportFailure('tcp', 'passive');
      ex.res.destroy();
      return;
    }
    const code = error.code;
    const timeout = TIMEOUTS.has(code);
    const connectFailure = CONNECT_ERRORS.has(code);
    const connectionLost = CONNECTION_LOST.has(code);
    // A pooled connection the upstream closed while it was idle: not the target's fault.
    const staleSocket = connectionLost && error.staleConnection;
    if (!staleSocket) target.reportFailure(timeout ? 'timeout' : 'tcp', 'passive');
    // Another try only if the request can be sent again and has not been seen by the target (an idempotent one may).
    const replayable = !ex.bodyStarted || !ex.hasBody;
    const unseen = connectFailure || staleSocket || (connectionLost && IDEMPOTENT.has(ex.req.method));
    if (replayable && unseen && ex.tries <= ex.plan.service.retries) return this.forward(ex);
    if (timeout) return this.respond(ex, 504, MESSAGES.timeout);
    this.respond(ex, 502, MESSAGES.badGateway);
  }

  /** The response head of the try `attempt`: Kong's headers added, the client's response begun. */
  upstreamResponded(ex: Exchange, attempt: UpstreamTry, status: number, raw: string[]): void {
    const now = performance.now();
    ex.headersAt = now;
    ex.upstreamLatencyMs = Math.round(now - ex.upstreamStartedAt);
    ex.target!.reportStatus(status);
    ex.status = status;
    ex.fromService = true;

    const drop = ex.plan.responseDrop;
    const headers: string[] = [];
    let via: string | undefined;
    for (let i = 0; i < raw.length; i += 2) {
      // Read as latin1, so the bytes go out as they came.
      const name = raw[i];
      const lower = name.toLowerCase();
      if (lower === 'via') via = via === undefined ? raw[i + 1] : `${via}, ${raw[i + 1]}`;
      else if (!drop.has(lower)) headers.push(name, raw[i + 1]);
    }
    this.pluginHeaders(ex, headers);
    headers.push(
      'Via',
      via === undefined ? VIA : `${via}, ${VIA}`,
      'X-Kong-Upstream-Latency',
      String(ex.upstreamLatencyMs),
      'X-Kong-Proxy-Latency',
      String(ex.proxyLatencyMs),
      'X-Kong-Request-Id',
      ex.requestId,
    );
    ex.res.writeHead(status, headers);
    ex.res.onDrain(() => attempt.resume());
  }

  /** Headers the plugins' header_filter phases add to any response on the route. */
  private pluginHeaders(ex: Exchange, headers: string[]): void {
    const correlation = ex.plan.correlationId;
    if (correlation?.echo && ex.correlationId !== undefined) headers.push(correlation.headerName, ex.correlationId);
    if (ex.corsHeaders) for (let i = 0; i < ex.corsHeaders.length; i++) headers.push(ex.corsHeaders[i]);
    if (ex.rateLimitHeaders) for (let i = 0; i < ex.rateLimitHeaders.length; i++) headers.push(ex.rateLimitHeaders[i]);
  }

  /** A response the gateway makes itself (Kong's kong.response.exit / error). */
  private respond(ex: Exchange, status: number, message: string | undefined, extra?: string[]): void {
    if (ex.done || ex.res.headersSent) return;
    ex.status = status;
    ex.fromService = false;
    const headers: string[] = [];
    const body = message === undefined ? '' : JSON.stringify({ message, request_id: ex.requestId });
    if (message !== undefined) headers.push('Content-Type', 'application/json; charset=utf-8');
    headers.push('Content-Length', String(Buffer.byteLength(body)));
    if (extra) for (let i = 0; i < extra.length; i++) headers.push(extra[i]);
    this.pluginHeaders(ex, headers);
    headers.push(
      'X-Kong-Response-Latency',
      String(Math.round(performance.now() - ex.startedAt)),
      'Server',
      SERVER,
      'X-Kong-Request-Id',
      ex.requestId,
    );
    ex.res.writeHead(status, headers);
    ex.res.end(body);
  }

  private respondWithoutRoute(res: GatewayResponse, startedAt: number): void {
    const requestId = this.nextRequestId();
    const body = JSON.stringify({ message: MESSAGES.noRoute, request_id: requestId });
    res.writeHead(404, [
      'Content-Type',
      'application/json; charset=utf-8',
      'Content-Length',
      String(Buffer.byteLength(body)),
      'X-Kong-Response-Latency',
      String(Math.round(performance.now() - startedAt)),
      'Server',
      SERVER,
      'X-Kong-Request-Id',
      requestId,
    ]);
    res.end(body);
  }

  /** Closes the connections to the upstreams. */
  close(): void {
    this.pools.close();
  }

  /** Kong's log phase: prometheus and the access log line, once the response is over (or the client left). */
  private logPhase(ex: Exchange): void {
    ex.done = true;
    this.options.stats.writing--;
    const res = ex.res;
    if (ex.upstream) {
      // The client went away before the upstream finished.
      ex.upstream.abort();
      ex.upstream = undefined;
    }
    // nginx's code for a client that left before the response began.
    if (!res.headersSent) ex.status = 499;
    const now = performance.now();
    ex.requestLatencyMs = Math.round(now - ex.startedAt);
    ex.kongLatencyMs = ex.fromService ? ex.proxyLatencyMs + Math.round(now - ex.headersAt) : ex.requestLatencyMs;
    ex.egressBytes = ex.socket.bytesWritten - ex.bytesWrittenBefore;
    const prometheus = ex.plan.prometheus;
    if (prometheus) ex.plan.metrics.record(prometheus, ex);
    if (!this.logEnabled) return;
    if (this.options.accessLogLines) return this.writeAccessLine(ex, this.options.accessLogLines);
    // Flat fields of cheap values: pino serialises a nested object through a slower path.
    this.accessLog(ex.plan).info(
      {
        correlation_id: ex.correlationId,
        request_id: ex.requestId,
        method: ex.req.method,
        path: ex.req.url,
        status: ex.status,
        source: ex.fromService ? 'service' : 'kong',
        upstream: ex.target?.label,
        tries: ex.tries,
        consumer: ex.consumer?.username ?? ex.consumer?.id,
        client_ip: ex.clientIp,
        request_ms: ex.requestLatencyMs,
        kong_ms: ex.kongLatencyMs,
        upstream_ms: ex.upstreamLatencyMs,
      },
      'request',
    );
  }

  /** The same line as `accessLog(plan).info(…)` would write, built directly; fields that are undefined are left out, as pino does. */
  private writeAccessLine(ex: Exchange, sink: LineSink): void {
    let prefix = this.accessLinePrefixes.get(ex.plan);
    if (prefix === undefined) {
      const route = ex.plan.def.name ?? ex.plan.def.id;
      const service = ex.plan.service.name ?? ex.plan.service.host;
      prefix = `${this.logBase},"route":${JSON.stringify(route)},"service":${JSON.stringify(service)}`;
      this.accessLinePrefixes.set(ex.plan, prefix);
    }
    const consumer = ex.consumer?.username ?? ex.consumer?.id;
    sink.write(
      `{"level":30,"time":${Date.now()}${prefix}` +
        (ex.correlationId === undefined ? '' : `,"correlation_id":${JSON.stringify(ex.correlationId)}`) +
        `,"request_id":"${ex.requestId}","method":${JSON.stringify(ex.req.method)},"path":${JSON.stringify(ex.req.url)}` +
        `,"status":${ex.status},"source":"${ex.fromService ? 'service' : 'kong'}"` +
        (ex.target === undefined ? '' : `,"upstream":${JSON.stringify(ex.target.label)}`) +
        `,"tries":${ex.tries}` +
        (consumer === undefined ? '' : `,"consumer":${JSON.stringify(consumer)}`) +
        `,"client_ip":${JSON.stringify(ex.clientIp)},"request_ms":${ex.requestLatencyMs},"kong_ms":${ex.kongLatencyMs}` +
        `,"upstream_ms":${ex.upstreamLatencyMs},"msg":"request"}\n`,
    );
  }

  /** The access log of a route: a child logger, so its route and service names are serialised once. */
  private accessLog(plan: RoutePlan): Logger {
    let log = this.accessLogs.get(plan);
    if (!log) {
      log = this.options.logger.child({ route: plan.def.name ?? plan.def.id, service: plan.service.name ?? plan.service.host });
      this.accessLogs.set(plan, log);
    }
    return log;
  }
}

/**
 * One try of an exchange towards one target. Once the exchange has moved on (another try, the client gone) the
 * try is aborted and its reports are ignored.
 */
export class UpstreamTry implements UpstreamHandler {
  call?: UpstreamCall;

  constructor(
    private readonly proxy: ProxyHandler,
    private readonly ex: Exchange,
  ) {}

  private get current(): boolean {
    return this.ex.upstream === this && !this.ex.done;
  }

  /** Stops the try (the client left). */
  abort(): void {
    this.call?.abort();
  }

  resume(): void {
    this.call?.resume();
  }

  onRequestStart(): void {
    if (!this.current) return this.abort();
    // From here the body is being read: no other target can be given it.
    this.ex.bodyStarted = true;
  }

  onResponseStart(status: number, rawHeaders: string[]): void {
    if (!this.current) return this.abort();
    this.proxy.upstreamResponded(this.ex, this, status, rawHeaders);
  }

  onResponseData(data: Buffer): boolean {
    // Backpressure: the upstream is not read until the client has taken what was written (drain).
    return this.ex.res.write(data);
  }

  onResponseEnd(): void {
    // Over: nothing to abort when the client's response closes.
    this.ex.upstream = undefined;
    this.ex.res.end();
  }

  onResponseError(error: UpstreamError): void {
    this.proxy.upstreamFailed(this.ex, this, error);
  }
}

function hostWithoutPort(host: string): string {
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  const colon = host.indexOf(':');
  return colon < 0 ? host : host.slice(0, colon);
}

function withoutQueryArguments(query: string, names: string[]): string {
  if (!names.some((name) => query.includes(name))) return query;
  const params = new URLSearchParams(query);
  for (const name of names) params.delete(name);
  return params.toString();
}
