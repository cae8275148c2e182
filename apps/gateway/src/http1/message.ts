/**
 * HTTP/1.x message heads and body framing (RFC 9112), strict: whatever could be read two ways (both
 * Content-Length and Transfer-Encoding, two different lengths, folded header lines, a bare LF) is refused rather
 * than guessed at, so that no request can mean one thing to the gateway and another to the upstream.
 */

export const CRLF2 = Buffer.from('\r\n\r\n');
/** nginx's default large_client_header_buffers is 4 × 8k; a head beyond this is refused. */
export const MAX_HEAD_BYTES = 32 * 1024;

export class HttpParseError extends Error {
  constructor(
    message: string,
    /** The status a server answers a client with for it. */
    readonly status = 400,
  ) {
    super(message);
    this.name = 'HttpParseError';
  }
}

/** What a head says about the message's body and the connection. */
export interface Framing {
  /** -1 when the head names no length. */
  contentLength: number;
  chunked: boolean;
  /** The sender will close the connection after this message (HTTP/1.0 without keep-alive, `Connection: close`). */
  close: boolean;
}

export interface RequestHead extends Framing {
  method: string;
  url: string;
  /** 0 for HTTP/1.0, 1 for HTTP/1.1. */
  minorVersion: number;
  /** Names and values alternating, names as sent. */
  rawHeaders: string[];
  expectContinue: boolean;
}

export interface ResponseHead extends Framing {
  status: number;
  minorVersion: number;
  rawHeaders: string[];
}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const REQUEST_LINE = /^([!#$%&'*+\-.^_`|~0-9A-Za-z]+) (\S+) HTTP\/1\.([01])$/;
const STATUS_LINE = /^HTTP\/1\.([01]) (\d{3})(?: .*)?$/;
// Field values: visible characters, spaces and tabs (obs-text allowed); no CR, LF or NUL.
const BAD_VALUE = /[\0\r\n]/;

/** Parses a request head (without the blank line that ends it); throws HttpParseError. */
export function parseRequestHead(text: string): RequestHead {
  const lines = text.split('\r\n');
  const line = REQUEST_LINE.exec(lines[0]);
  if (!line) throw new HttpParseError(lines[0].includes('HTTP/') ? 'Bad request line' : 'Not an HTTP/1.x request');
  const head: RequestHead = {
    method: line[1],
    url: line[2],
    minorVersion: Number(line[3]),
    rawHeaders: [],
    contentLength: -1,
    chunked: false,
    close: false,
    expectContinue: false,
  };
  readFields(lines, head);
  if (!head.chunked && head.contentLength < 0) head.contentLength = 0;
  return head;
}

/** Parses a response head; throws HttpParseError (the upstream's answer is then a 502). */
export function parseResponseHead(text: string): ResponseHead {
  const lines = text.split('\r\n');
  const line = STATUS_LINE.exec(lines[0]);
  if (!line) throw new HttpParseError('Not an HTTP/1.x response', 502);
  const head: ResponseHead = {
    status: Number(line[2]),
    minorVersion: Number(line[1]),
    rawHeaders: [],
    contentLength: -1,
    chunked: false,
    close: false,
  };
  readFields(lines, head, 502);
  return head;
}

function readFields(
  lines: string[],
  head: Framing & { rawHeaders: string[]; minorVersion: number; expectContinue?: boolean },
  status = 400,
): void {
  let keepAlive = false;
  let transferEncoding: string | undefined;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon) : '';
    if (!TOKEN.test(name)) throw new HttpParseError(`Bad header line ${JSON.stringify(line.slice(0, 40))}`, status);
    const value = line.slice(colon + 1).trim();
    if (BAD_VALUE.test(value)) throw new HttpParseError(`Bad value in header ${name}`, status);
    head.rawHeaders.push(name, value);
    switch (name.length) {
      case 6:
        if (head.expectContinue !== undefined && name.toLowerCase() === 'expect') {
          head.expectContinue = value.toLowerCase() === '100-continue';
        }
        break;
      case 10:
        if (name.toLowerCase() === 'connection') {
          const tokens = value.toLowerCase();
          if (/(^|,)\s*close\s*(,|$)/.test(tokens)) head.close = true;
          if (/(^|,)\s*keep-alive\s*(,|$)/.test(tokens)) keepAlive = true;
        }
        break;
      case 14:
        if (name.toLowerCase() === 'content-length') {
          if (!/^\d{1,15}$/.test(value)) throw new HttpParseError('Bad Content-Length', status);
          const length = Number(value);
          if (head.contentLength >= 0 && head.contentLength !== length)
            throw new HttpParseError('Two different Content-Lengths', status);
          head.contentLength = length;
        }
        break;
      case 17:
        if (name.toLowerCase() === 'transfer-encoding') {
          transferEncoding = transferEncoding === undefined ? value : `${transferEncoding}, ${value}`;
        }
        break;
    }
  }
  if (transferEncoding !== undefined) {
    // Only chunked is spoken here, and it must be the last coding (RFC 9112 §6.3).
    if (transferEncoding.toLowerCase() !== 'chunked')
      throw new HttpParseError(`Transfer-Encoding "${transferEncoding}" is not supported`, status === 400 ? 501 : status);
    if (head.contentLength >= 0) throw new HttpParseError('Both Content-Length and Transfer-Encoding', status);
    head.chunked = true;
  }
  if (head.minorVersion === 0 && !keepAlive) head.close = true;
}

const ChunkState = { Fixed: 0, Size: 1, Data: 2, DataEnd: 3, Trailers: 4, Done: 5 } as const;
type ChunkState = (typeof ChunkState)[keyof typeof ChunkState];

/**
 * Reads a body's bytes out of the stream that carries it, by its framing: a fixed length or chunks. Gives the
 * body's data (without chunk framing) and says when the body has ended, leaving whatever follows it.
 */
export class BodyReader {
  private remaining: number;
  private state: ChunkState;
  private line = '';
  /** The body is delimited by the connection's end (a response with neither length nor chunks). */
  readonly untilClose: boolean;

  constructor(framing: Pick<Framing, 'contentLength' | 'chunked'>) {
    this.untilClose = !framing.chunked && framing.contentLength < 0;
    this.remaining = framing.chunked ? 0 : Math.max(framing.contentLength, 0);
    this.state = framing.chunked ? ChunkState.Size : ChunkState.Fixed;
  }

  get done(): boolean {
    return this.state === ChunkState.Done || (this.state === ChunkState.Fixed && this.remaining === 0 && !this.untilClose);
  }

  /**
   * Takes bytes from `buffer` starting at `offset`; calls `onData` for each piece of body data. Returns how many
   * bytes belonged to the body (the rest belongs to the next message). Throws HttpParseError on bad chunk framing.
   */
  read(buffer: Buffer, offset: number, onData: (data: Buffer) => void): number {
    let at = offset;
    while (at < buffer.length && !this.done) {
      switch (this.state) {
        case ChunkState.Fixed: {
          const end = this.untilClose ? buffer.length : Math.min(buffer.length, at + this.remaining);
          onData(buffer.subarray(at, end));
          if (!this.untilClose) this.remaining -= end - at;
          at = end;
          break;
        }
        case ChunkState.Data: {
          const end = Math.min(buffer.length, at + this.remaining);
          onData(buffer.subarray(at, end));
          this.remaining -= end - at;
          at = end;
          if (this.remaining === 0) this.state = ChunkState.DataEnd;
          break;
        }
        default: {
          const lineEnd = buffer.indexOf(10, at);
          const end = lineEnd < 0 ? buffer.length : lineEnd + 1;
          this.line += buffer.toString('latin1', at, end);
          at = end;
          if (this.line.length > 4096) throw new HttpParseError('Chunk framing line too long');
          if (lineEnd >= 0) this.endOfLine();
        }
      }
    }
    return at - offset;
  }

  private endOfLine(): void {
    if (!this.line.endsWith('\r\n')) throw new HttpParseError('Bad chunk framing');
    const line = this.line.slice(0, -2);
    this.line = '';
    switch (this.state) {
      case ChunkState.Size: {
        const size = /^([0-9A-Fa-f]{1,12})[ \t]*(;.*)?$/.exec(line);
        if (!size) throw new HttpParseError('Bad chunk size');
        this.remaining = parseInt(size[1], 16);
        this.state = this.remaining === 0 ? ChunkState.Trailers : ChunkState.Data;
        break;
      }
      case ChunkState.DataEnd:
        if (line !== '') throw new HttpParseError('Chunk longer than its size');
        this.state = ChunkState.Size;
        break;
      case ChunkState.Trailers:
        // Trailer fields are read and dropped (nginx does not pass them on either).
        if (line === '') this.state = ChunkState.Done;
        break;
      default:
        // Fixed, Data and Done read bytes, not framing lines.
        break;
    }
  }
}

/** The framing of a chunk of body data on a chunked connection. */
export function chunkHeader(length: number): string {
  return `${length.toString(16)}\r\n`;
}

export const LAST_CHUNK = '0\r\n\r\n';
