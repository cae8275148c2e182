import { Socket, connect } from 'node:net';
import type { BodySink, GatewayRequest } from './client-connection';
import { BodyReader, CRLF2, HttpParseError, LAST_CHUNK, ResponseHead, chunkHeader, parseResponseHead } from './message';

/**
 * Keep-alive HTTP/1.1 connections to one target, one request at a time on each (as Kong's upstream keepalive
 * pools: no pipelining, so a slow answer never holds up another request).
 */

/** Kong's upstream_keepalive_idle_timeout and upstream_keepalive_pool_size defaults. */
const IDLE_TIMEOUT_MS = 60_000;
const MAX_IDLE = 512;
const MAX_RESPONSE_HEAD_BYTES = 64 * 1024;

export interface UpstreamRequest {
  method: string;
  path: string;
  /** Names and values alternating, `Host` included. A body goes with its Content-Length if this has one, else chunked. */
  headers: string[];
  body: GatewayRequest | null;
  /** Kong's read_timeout: for the response head, then between two reads. */
  readTimeoutMs: number;
}

/** What a try reports, in this order: start, response head, data…, end — or an error at any point. */
export interface UpstreamHandler {
  onRequestStart(): void;
  onResponseStart(status: number, rawHeaders: string[]): void;
  /** False asks for a pause until `UpstreamCall.resume()`. */
  onResponseData(data: Buffer): boolean;
  onResponseEnd(): void;
  onResponseError(error: UpstreamError): void;
}

export class UpstreamError extends Error {
  constructor(
    message: string,
    /**
     * CONNECT_TIMEOUT, READ_TIMEOUT, CONNECTION_CLOSED (before the response was complete), INVALID_RESPONSE, or the
     * system's code (ECONNREFUSED, ECONNRESET, …).
     */
    readonly code: string,
    /** On a kept-alive connection that had served before, and nothing of the answer had come: the upstream had closed it while idle. */
    readonly staleConnection = false,
  ) {
    super(message);
    this.name = 'UpstreamError';
  }
}

export class UpstreamPool {
  private readonly idle: PooledConnection[] = [];
  private readonly all = new Set<PooledConnection>();

  constructor(
    readonly host: string,
    readonly port: number,
    private readonly connectTimeoutMs: number,
  ) {}

  request(request: UpstreamRequest, handler: UpstreamHandler): UpstreamCall {
    const call = new UpstreamCall(request, handler);
    const reused = this.idle.pop();
    if (reused) reused.assign(call);
    else {
      const connection = new PooledConnection(this, this.connectTimeoutMs);
      this.all.add(connection);
      connection.assign(call);
    }
    return call;
  }

  release(connection: PooledConnection): void {
    if (this.idle.length >= MAX_IDLE) {
      connection.socket.destroy();
      return;
    }
    connection.setTimeout(IDLE_TIMEOUT_MS);
    this.idle.push(connection);
  }

  forget(connection: PooledConnection): void {
    this.all.delete(connection);
    const at = this.idle.indexOf(connection);
    if (at >= 0) this.idle.splice(at, 1);
  }

  close(): void {
    for (const connection of this.all) connection.socket.destroy();
    this.all.clear();
    this.idle.length = 0;
  }
}

class PooledConnection {
  readonly socket: Socket;
  private call?: UpstreamCall;
  private connected = false;
  private timeoutMs = 0;
  served = 0;

  constructor(
    private readonly pool: UpstreamPool,
    connectTimeoutMs: number,
  ) {
    const socket = connect({ host: pool.host, port: pool.port, noDelay: true });
    this.socket = socket;
    this.setTimeout(connectTimeoutMs);
    socket.once('connect', () => {
      this.connected = true;
      this.call?.connected();
    });
    socket.on('data', (chunk: Buffer) => (this.call ? this.call.onData(chunk) : socket.destroy()));
    socket.on('drain', () => this.call?.bodyDrained());
    socket.on('timeout', () => {
      if (!this.call) return socket.destroy();
      const code = this.connected ? 'READ_TIMEOUT' : 'CONNECT_TIMEOUT';
      this.call.fail(new UpstreamError(`upstream ${code === 'READ_TIMEOUT' ? 'read' : 'connect'} timed out`, code));
    });
    socket.on('error', (error: NodeJS.ErrnoException) =>
      this.call?.fail(new UpstreamError(error.message, error.code ?? 'CONNECTION_CLOSED', this.call.stale)),
    );
    socket.on('close', () => {
      this.pool.forget(this);
      this.call?.closed();
    });
  }

  /** Re-armed only when the value changes: a socket timer costs a little on every request otherwise. */
  setTimeout(ms: number): void {
    if (ms === this.timeoutMs) return;
    this.timeoutMs = ms;
    this.socket.setTimeout(ms);
  }

  assign(call: UpstreamCall): void {
    this.call = call;
    call.attach(this);
    if (this.connected) call.connected();
  }

  /** The call is over: the connection goes back to the pool if it can carry another request, else it is closed. */
  detach(reusable: boolean): void {
    this.call = undefined;
    if (!reusable || this.socket.destroyed) return void this.socket.destroy();
    this.served++;
    this.pool.release(this);
  }

  destroy(): void {
    this.call = undefined;
    this.socket.destroy();
  }
}

/** One request on one connection. `abort` ends it without any further report. */
export class UpstreamCall {
  private connection?: PooledConnection;
  private head?: ResponseHead;
  private body?: BodyReader;
  private buffer?: Buffer;
  private requestSent = false;
  private chunkedBody = false;
  private over = false;
  private gotBytes = false;

  constructor(
    private readonly request: UpstreamRequest,
    private readonly handler: UpstreamHandler,
  ) {}

  /** Nothing of the answer has come on a connection that had already served: the upstream closed it while idle. */
  get stale(): boolean {
    return !this.gotBytes && (this.connection?.served ?? 0) > 0;
  }

  attach(connection: PooledConnection): void {
    this.connection = connection;
  }

  connected(): void {
    if (this.over) return;
    const { request } = this;
    const socket = this.connection!.socket;
    this.connection!.setTimeout(request.readTimeoutMs);
    this.handler.onRequestStart();
    if (this.over) return;
    let head = `${request.method} ${request.path} HTTP/1.1\r\n`;
    let hasLength = false;
    const headers = request.headers;
    for (let i = 0; i < headers.length; i += 2) {
      const name = headers[i];
      if (name.length === 14 && name.toLowerCase() === 'content-length') hasLength = true;
      head += `${name}: ${headers[i + 1]}\r\n`;
    }
    const body = request.body;
    if (body && !hasLength) {
      this.chunkedBody = true;
      head += 'Transfer-Encoding: chunked\r\n';
    }
    socket.write(`${head}\r\n`, 'latin1');
    if (!body) {
      this.requestSent = true;
      return;
    }
    const sink: BodySink = {
      write: (data) => {
        if (this.over) return true;
        if (this.chunkedBody) {
          socket.cork();
          socket.write(chunkHeader(data.length), 'latin1');
          socket.write(data);
          socket.write('\r\n', 'latin1');
          socket.uncork();
          return !socket.writableNeedDrain;
        }
        return socket.write(data);
      },
      end: () => {
        if (this.over) return;
        if (this.chunkedBody) socket.write(LAST_CHUNK, 'latin1');
        this.requestSent = true;
      },
    };
    body.readBody(sink);
  }

  bodyDrained(): void {
    this.request.body?.resumeBody();
  }

  resume(): void {
    this.connection?.socket.resume();
  }

  /** Stops the call; its connection is closed, since an answer may still be on its way. */
  abort(): void {
    if (this.over) return;
    this.over = true;
    this.connection?.destroy();
  }

  onData(chunk: Buffer): void {
    if (this.over) return;
    this.gotBytes = true;
    try {
      if (!this.body) {
        this.buffer = this.buffer ? Buffer.concat([this.buffer, chunk]) : chunk;
        if (!this.readHead()) return;
        chunk = this.buffer!;
        this.buffer = undefined;
      }
      const body = this.body!;
      let paused = false;
      const used = body.read(chunk, 0, (data) => {
        if (!this.handler.onResponseData(data)) paused = true;
      });
      if (this.over) return;
      if (body.done) return this.finish(used === chunk.length);
      if (paused) this.connection!.socket.pause();
    } catch (error) {
      if (error instanceof HttpParseError) this.fail(new UpstreamError(error.message, 'INVALID_RESPONSE'));
      else throw error;
    }
  }

  /** Reads response heads from the buffer, skipping interim (1xx) ones; true once the final head is read. */
  private readHead(): boolean {
    for (;;) {
      const buffer = this.buffer!;
      const end = buffer.indexOf(CRLF2);
      if (end < 0 || end > MAX_RESPONSE_HEAD_BYTES) {
        if (buffer.length > MAX_RESPONSE_HEAD_BYTES) throw new HttpParseError('response head too large');
        return false;
      }
      const head = parseResponseHead(buffer.toString('latin1', 0, end));
      this.buffer = buffer.subarray(end + 4);
      if (head.status >= 100 && head.status < 200) continue;
      this.head = head;
      const bodyless = this.request.method === 'HEAD' || head.status === 204 || head.status === 304;
      this.body = new BodyReader(bodyless ? { contentLength: 0, chunked: false } : head);
      this.handler.onResponseStart(head.status, head.rawHeaders);
      return !this.over;
    }
  }

  /** The response is complete; `clean`: nothing came after it. */
  private finish(clean: boolean): void {
    this.over = true;
    const reusable = clean && this.requestSent && !this.head!.close && !this.body!.untilClose;
    this.connection!.detach(reusable);
    this.handler.onResponseEnd();
  }

  /** The connection closed under the call. */
  closed(): void {
    if (this.over) return;
    // A body delimited by the end of the connection has ended.
    if (this.body?.untilClose) {
      this.over = true;
      this.handler.onResponseEnd();
      return;
    }
    this.fail(new UpstreamError('upstream closed the connection', 'CONNECTION_CLOSED', this.stale));
  }

  fail(error: UpstreamError): void {
    if (this.over) return;
    this.over = true;
    this.connection?.destroy();
    this.handler.onResponseError(error);
  }
}

/** Connection pools by target address (and connect timeout, a pool setting). */
export class UpstreamPools {
  private readonly pools = new Map<string, UpstreamPool>();

  for(address: string, port: number, connectTimeoutMs: number): UpstreamPool {
    const key = `${address}:${port}/${connectTimeoutMs}`;
    let pool = this.pools.get(key);
    if (!pool) {
      pool = new UpstreamPool(address, port, connectTimeoutMs);
      this.pools.set(key, pool);
    }
    return pool;
  }

  close(): void {
    for (const pool of this.pools.values()) pool.close();
    this.pools.clear();
  }
}
