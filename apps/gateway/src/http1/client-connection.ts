import type { Socket } from 'node:net';
import {
  BodyReader,
  CRLF2,
  HttpParseError,
  LAST_CHUNK,
  MAX_HEAD_BYTES,
  RequestHead,
  chunkHeader,
  parseRequestHead,
} from './message';

/**
 * The gateway's HTTP/1.1 server side, on a plain socket: Node's `http` server costs more CPU per request than the
 * whole proxy hop it serves (ADR 13). Requests on a connection are answered one after the other; a pipelined
 * request waits in the buffer until the one before it has its answer.
 */

export interface ConnectionOptions {
  /** How long an idle keep-alive connection stays open, and how long a client may take to send a head. */
  keepAliveTimeoutMs: number;
}

export type RequestListener = (req: GatewayRequest, res: GatewayResponse) => void;

/** Where a request body goes: `write` returning false asks for a pause until `GatewayRequest.resumeBody()`. */
export interface BodySink {
  write(data: Buffer): boolean;
  end(): void;
}

/** Beyond this, body bytes that nobody has asked for yet stop being read from the client. */
const QUEUED_BODY_LIMIT = 64 * 1024;
/** The rest of a body the answer did not wait for is read and dropped up to this size; beyond, the connection closes. */
const DISCARD_LIMIT = 1024 * 1024;

export function serveHttp1(socket: Socket, listener: RequestListener, options: ConnectionOptions): void {
  new ClientConnection(socket, listener, options);
}

/** A client's request: its head at once, its body when someone reads it. */
export class GatewayRequest {
  readonly method: string;
  readonly url: string;
  readonly rawHeaders: string[];
  readonly minorVersion: number;
  readonly hasBody: boolean;
  private sink?: BodySink;
  private queued: Buffer[] = [];
  private queuedBytes = 0;
  bodyEnded: boolean;

  constructor(
    head: RequestHead,
    readonly socket: Socket,
    private readonly connection: ClientConnection,
  ) {
    this.method = head.method;
    this.url = head.url;
    this.rawHeaders = head.rawHeaders;
    this.minorVersion = head.minorVersion;
    this.hasBody = head.chunked || head.contentLength > 0;
    this.bodyEnded = !this.hasBody;
  }

  /** Sends the body (without its framing) to `sink` as it arrives, starting with what has arrived already. */
  readBody(sink: BodySink): void {
    this.sink = sink;
    const queued = this.queued;
    this.queued = [];
    this.queuedBytes = 0;
    let flowing = true;
    for (const data of queued) flowing = sink.write(data) && flowing;
    if (this.bodyEnded) sink.end();
    else if (!flowing) this.connection.pause();
    else this.connection.resume();
  }

  /** The sink has room again. */
  resumeBody(): void {
    this.connection.resume();
  }

  /** From the connection: a piece of the body. */
  data(data: Buffer): void {
    if (this.sink) {
      if (!this.sink.write(data)) this.connection.pause();
      return;
    }
    this.queued.push(data);
    this.queuedBytes += data.length;
    if (this.queuedBytes > QUEUED_BODY_LIMIT) this.connection.pause();
  }

  /** From the connection: the body is complete. */
  end(): void {
    this.bodyEnded = true;
    this.sink?.end();
  }
}

/** The answer to one request. `writeHead` takes names and values alternating; the framing is chosen here. */
export class GatewayResponse {
  headersSent = false;
  finished = false;
  private pendingHead?: string;
  private chunked = false;
  private noBody: boolean;
  private closeListener?: () => void;
  private drainListener?: () => void;

  constructor(
    private readonly connection: ClientConnection,
    private readonly request: GatewayRequest,
  ) {
    this.noBody = request.method === 'HEAD';
  }

  /** Called once, when the response has been written in full or the client has gone. */
  onClose(listener: () => void): void {
    this.closeListener = listener;
  }

  /** Called when the client has taken what was written, after `write` returned false. */
  onDrain(listener: () => void): void {
    this.drainListener = listener;
  }

  writeHead(status: number, headers: string[]): void {
    if (this.headersSent) return;
    this.headersSent = true;
    if (status === 204 || status === 304 || status < 200) this.noBody = true;
    let hasLength = false;
    let hasDate = false;
    let head = `HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? 'Unknown'}\r\n`;
    for (let i = 0; i < headers.length; i += 2) {
      const name = headers[i];
      if (name.length === 14 && name.toLowerCase() === 'content-length') hasLength = true;
      else if (name.length === 4 && name.toLowerCase() === 'date') hasDate = true;
      head += `${name}: ${headers[i + 1]}\r\n`;
    }
    const close = this.connection.closeAfter(this.request, !hasLength && !this.noBody);
    if (!hasDate) head += `Date: ${httpDate()}\r\n`;
    if (!hasLength && !this.noBody && this.request.minorVersion === 1) {
      this.chunked = true;
      head += 'Transfer-Encoding: chunked\r\n';
    }
    head += close ? 'Connection: close\r\n\r\n' : 'Connection: keep-alive\r\n\r\n';
    this.pendingHead = head;
    // Written with the first piece of the body when that comes in the same turn (one system call), else alone.
    process.nextTick(() => this.flushHead());
  }

  /** False when the client is slow to take it: wait for the drain listener. */
  write(data: Buffer | string): boolean {
    if (this.finished) return false;
    const socket = this.connection.socket;
    if (this.noBody || data.length === 0) {
      this.flushHead();
      return !socket.writableNeedDrain;
    }
    const head = this.pendingHead;
    if (head !== undefined && !this.chunked) {
      // One buffer, one plain write: cheaper than a vectored write of two.
      this.pendingHead = undefined;
      const headLength = Buffer.byteLength(head, 'latin1');
      const bytes = typeof data === 'string' ? Buffer.from(data) : data;
      const message = Buffer.allocUnsafe(headLength + bytes.length);
      message.write(head, 0, 'latin1');
      bytes.copy(message, headLength);
      return socket.write(message);
    }
    socket.cork();
    this.flushHead();
    if (this.chunked) {
      socket.write(chunkHeader(typeof data === 'string' ? Buffer.byteLength(data) : data.length), 'latin1');
      socket.write(data);
      socket.write('\r\n', 'latin1');
    } else socket.write(data);
    socket.uncork();
    return !socket.writableNeedDrain;
  }

  end(data?: Buffer | string): void {
    if (this.finished) return;
    const socket = this.connection.socket;
    socket.cork();
    if (data !== undefined) this.write(data);
    else this.flushHead();
    if (this.chunked && !this.noBody) socket.write(LAST_CHUNK, 'latin1');
    socket.uncork();
    this.finished = true;
    this.connection.responseEnded(this);
  }

  /** The client has closed its connection: nothing more can reach it. */
  get gone(): boolean {
    return this.connection.socket.destroyed;
  }

  /** Cuts the connection: a response that cannot be completed must not look complete. */
  destroy(): void {
    this.connection.socket.destroy();
  }

  /** From the connection: over, one way or the other. */
  closed(): void {
    const listener = this.closeListener;
    this.closeListener = undefined;
    this.drainListener = undefined;
    listener?.();
  }

  drained(): void {
    this.drainListener?.();
  }

  private flushHead(): void {
    const head = this.pendingHead;
    if (head === undefined) return;
    this.pendingHead = undefined;
    this.connection.socket.write(head, 'latin1');
  }
}

class ClientConnection {
  private buffer?: Buffer;
  private request?: GatewayRequest;
  private response?: GatewayResponse;
  /** The body being read: the current request's, or after its answer the rest of it, dropped. */
  private body?: BodyReader;
  private discarded = 0;
  private closeAfterResponse = false;
  private ended = false;
  private paused = false;

  constructor(
    readonly socket: Socket,
    private readonly listener: RequestListener,
    private readonly options: ConnectionOptions,
  ) {
    socket.setNoDelay(true);
    socket.setTimeout(options.keepAliveTimeoutMs);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('drain', () => this.response?.drained());
    socket.on('end', () => this.onEnd());
    // Armed once: any read or write restarts it. While a request is in flight the upstream's timeouts apply.
    socket.on('timeout', () => {
      if (!this.request) socket.destroy();
    });
    // 'close' follows; a reset client is an ordinary event for a server.
    socket.on('error', () => undefined);
    socket.on('close', () => this.onClose());
  }

  pause(): void {
    if (!this.paused) {
      this.paused = true;
      this.socket.pause();
    }
  }

  resume(): void {
    if (this.paused) {
      this.paused = false;
      this.socket.resume();
    }
  }

  /** Decides at the response's head whether the connection ends with it. */
  closeAfter(request: GatewayRequest, delimitedByClose: boolean): boolean {
    // An HTTP/1.0 client cannot read chunks: the end of the body is the end of the connection.
    if (delimitedByClose && request.minorVersion === 0) this.closeAfterResponse = true;
    return this.closeAfterResponse || this.ended;
  }

  responseEnded(response: GatewayResponse): void {
    if (response !== this.response) return;
    this.request = undefined;
    this.response = undefined;
    response.closed();
    if (this.closeAfterResponse || this.ended) {
      this.socket.end();
      return;
    }
    this.resume();
    this.next();
  }

  private onData(chunk: Buffer): void {
    if (this.body && !this.body.done) {
      let used: number;
      try {
        used = this.readBody(chunk, 0);
      } catch (error) {
        return this.fail(error);
      }
      if (used === chunk.length) return;
      chunk = chunk.subarray(used);
    }
    this.buffer = this.buffer ? Buffer.concat([this.buffer, chunk]) : chunk;
    this.next();
  }

  private readBody(chunk: Buffer, offset: number): number {
    const body = this.body!;
    // No request any more: it has had its answer, and the rest of its body is dropped before the next one is read.
    const request = this.request;
    const used = body.read(chunk, offset, (data) => {
      if (request) request.data(data);
      else this.discarded += data.length;
    });
    if (body.done) {
      this.body = undefined;
      request?.end();
    } else if (this.discarded > DISCARD_LIMIT) {
      this.socket.destroy();
    }
    return used;
  }

  /** Parses the next request from the buffer, if the one before it is done. */
  private next(): void {
    while (!this.request && !this.body && this.buffer && !this.socket.destroyed) {
      const buffer = this.buffer;
      const end = buffer.indexOf(CRLF2);
      if (end < 0) {
        if (buffer.length > MAX_HEAD_BYTES) this.fail(new HttpParseError('Request head too large', 431));
        return;
      }
      if (end > MAX_HEAD_BYTES) return this.fail(new HttpParseError('Request head too large', 431));
      let head: RequestHead;
      try {
        head = parseRequestHead(buffer.toString('latin1', 0, end));
      } catch (error) {
        return this.fail(error);
      }
      const request = new GatewayRequest(head, this.socket, this);
      const response = new GatewayResponse(this, request);
      this.request = request;
      this.response = response;
      if (head.close) this.closeAfterResponse = true;
      let offset = end + 4;
      if (request.hasBody) {
        this.body = new BodyReader(head);
        this.discarded = 0;
        if (head.expectContinue && head.minorVersion === 1) this.socket.write('HTTP/1.1 100 Continue\r\n\r\n', 'latin1');
        try {
          offset += this.readBody(buffer, offset);
        } catch (error) {
          return this.fail(error);
        }
      }
      this.buffer = offset < buffer.length ? buffer.subarray(offset) : undefined;
      // No reading ahead without limit while a request is in flight.
      if (this.buffer && this.buffer.length > MAX_HEAD_BYTES) this.pause();
      this.listener(request, response);
    }
  }

  private fail(error: unknown): void {
    const status = error instanceof HttpParseError ? error.status : 400;
    const message = error instanceof Error ? error.message : 'Bad request';
    const body = JSON.stringify({ message });
    if (!this.response?.headersSent) {
      this.socket.end(
        `HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? 'Bad Request'}\r\nContent-Type: application/json; charset=utf-8\r\n` +
          `Content-Length: ${Buffer.byteLength(body)}\r\nDate: ${httpDate()}\r\nConnection: close\r\n\r\n${body}`,
      );
    } else this.socket.destroy();
    this.buffer = undefined;
    this.body = undefined;
  }

  private onEnd(): void {
    this.ended = true;
    // Half-closed by the client: answer what it asked for, then close.
    if (!this.request) this.socket.end();
    // A request body cut short can never be completed.
    else if (this.body && !this.body.done) this.socket.destroy();
  }

  private onClose(): void {
    const response = this.response;
    this.request = undefined;
    this.response = undefined;
    response?.closed();
  }
}

let dateCache = '';
let dateCachedAt = 0;

/** The Date header's value, formatted at most once a second. */
function httpDate(): string {
  const now = Date.now();
  if (now - dateCachedAt >= 1000 || now < dateCachedAt) {
    dateCachedAt = now - (now % 1000);
    dateCache = new Date(dateCachedAt).toUTCString();
  }
  return dateCache;
}

const STATUS_TEXT: Record<number, string> = {
  100: 'Continue',
  101: 'Switching Protocols',
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  203: 'Non-Authoritative Information',
  204: 'No Content',
  206: 'Partial Content',
  301: 'Moved Permanently',
  302: 'Found',
  303: 'See Other',
  304: 'Not Modified',
  307: 'Temporary Redirect',
  308: 'Permanent Redirect',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  408: 'Request Timeout',
  409: 'Conflict',
  410: 'Gone',
  411: 'Length Required',
  412: 'Precondition Failed',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  499: 'Client Closed Request',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};
