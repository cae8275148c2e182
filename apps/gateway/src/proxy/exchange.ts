import type { Socket } from 'node:net';
import type { Target } from '../balancer/balancer';
import type { ConsumerDef, CredentialDef } from '../config/model';
import type { GatewayRequest, GatewayResponse } from '../http1/client-connection';
import type { RequestRecord } from '../plugins/prometheus';
import type { UpstreamTry } from './proxy-handler';
import type { RoutePlan } from './route-plan';

/** One client request on its way through the gateway: what the plugins decided and how the proxying went. */
export class Exchange implements RequestRecord {
  /** Headers for the upstream request (flat name/value list); `Host` is last, its value set per try. */
  readonly upstreamHeaders: string[] = [];
  upstreamPath = '';
  /** Client header values the plugins read, by HeaderRole. */
  readonly seen: Array<string | undefined> = [];
  correlationId?: string;
  consumer?: ConsumerDef;
  credential?: CredentialDef;
  /** Headers the plugins add to whatever response goes back. */
  corsHeaders?: string[];
  rateLimitHeaders?: string[];
  hasBody = false;
  /** The key found in the headers, and how many times that header came. */
  apiKey?: string;
  apiKeys = 0;
  /** The query string (without `?`) as it goes upstream. */
  query: string;

  tries = 0;
  target?: Target;
  /** The current try, until it has failed or the exchange is over. */
  upstream?: UpstreamTry;
  bodyStarted = false;
  upstreamStartedAt = 0;
  headersAt = 0;
  proxyLatencyMs = 0;
  done = false;

  // RequestRecord (the log phase)
  status = 0;
  fromService = false;
  consumerName = '';
  kongLatencyMs = 0;
  upstreamLatencyMs = -1;
  requestLatencyMs = 0;
  ingressBytes = 0;
  egressBytes = 0;
  readonly bytesWrittenBefore: number;
  readonly socket: Socket;

  constructor(
    readonly req: GatewayRequest,
    readonly res: GatewayResponse,
    readonly plan: RoutePlan,
    /** What the route matched of the path (what strip_path removes). */
    readonly matched: string,
    /** The path routes were matched against (normalized). */
    readonly path: string,
    readonly startedAt: number,
    readonly requestId: string,
    readonly clientIp: string,
  ) {
    this.socket = req.socket;
    this.bytesWrittenBefore = this.socket.bytesWritten;
    const queryAt = req.url.indexOf('?');
    this.query = queryAt < 0 ? '' : req.url.slice(queryAt + 1);
  }
}
