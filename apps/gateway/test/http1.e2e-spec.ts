import { connect } from 'node:net';
import { RunningGateway } from '../src';
import { Upstream, kongDocument, startUpstream, testGateway } from './gateway-test-kit';

// The gateway's own HTTP/1.1 (apps/gateway/src/http1) seen from a client writing raw bytes: framing, keep-alive,
// pipelining and refusals, which fetch() would smooth over.

const KEY = 'admin-key-12345';

interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Writes `bytes` on a new connection and reads until the gateway closes it (the last request says so). With
 * `thenWrite`, those bytes follow once the gateway has begun to answer.
 */
function talk(port: number, bytes: string, options: { halfClose?: boolean; thenWrite?: string } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`connection still open after 3 s; received so far:\n${received}`));
    }, 3000);
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      received += chunk;
      if (options.thenWrite !== undefined) socket.write(options.thenWrite, 'latin1');
      options.thenWrite = undefined;
    });
    socket.on('error', reject);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(received);
    });
    socket.write(bytes, 'latin1');
    if (options.halfClose) socket.end();
  });
}

/** Splits what came back into responses; `methods` says which requests were HEAD (no body). */
function responses(text: string, methods: string[]): RawResponse[] {
  const out: RawResponse[] = [];
  let at = 0;
  for (const method of methods) {
    const headEnd = text.indexOf('\r\n\r\n', at);
    if (headEnd < 0) break;
    const [statusLine, ...lines] = text.slice(at, headEnd).split('\r\n');
    const headers: Record<string, string> = {};
    for (const line of lines) {
      const colon = line.indexOf(':');
      headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
    }
    at = headEnd + 4;
    let body = '';
    if (method === 'HEAD') body = '';
    else if (headers['content-length'] !== undefined) {
      body = text.slice(at, at + Number(headers['content-length']));
      at += body.length;
    } else if (headers['transfer-encoding'] === 'chunked') {
      for (;;) {
        const lineEnd = text.indexOf('\r\n', at);
        const size = parseInt(text.slice(at, lineEnd), 16);
        at = lineEnd + 2;
        if (size === 0) {
          at += 2;
          break;
        }
        body += text.slice(at, at + size);
        at += size + 2;
      }
    } else {
      body = text.slice(at);
      at = text.length;
    }
    out.push({ status: Number(statusLine.split(' ')[1]), headers, body });
  }
  if (at !== text.length)
    throw new Error(`unexpected bytes after ${out.length} responses: ${JSON.stringify(text.slice(at, at + 80))}`);
  return out;
}

const get = (path: string, extra = '') => `GET ${path} HTTP/1.1\r\nHost: shop.test\r\nX-API-Key: ${KEY}\r\n${extra}\r\n`;

describe('local gateway HTTP/1.1 on the wire', () => {
  let gateway: RunningGateway;
  let upstream: Upstream;

  beforeAll(async () => {
    const document = kongDocument();
    upstream = await startUpstream('inventory-upstream');
    gateway = await testGateway(document, { 'inventory-upstream': [upstream.address] });
  });

  afterAll(async () => {
    await gateway?.close();
    await upstream?.close();
  });

  it('answers pipelined requests in order on one connection', async () => {
    const text = await talk(
      gateway.port,
      get('/api/v1/products/1') + get('/api/v1/categories') + get('/api/v1/locations', 'Connection: close\r\n'),
    );
    const answers = responses(text, ['GET', 'GET', 'GET']);
    expect(answers.map((r) => [r.status, JSON.parse(r.body).url])).toEqual([
      [200, '/api/v1/products/1'],
      [200, '/api/v1/categories'],
      [200, '/api/v1/locations'],
    ]);
    expect(answers.map((r) => r.headers.connection)).toEqual(['keep-alive', 'keep-alive', 'close']);
  });

  it('sends no body for HEAD and keeps the connection usable', async () => {
    const text = await talk(
      gateway.port,
      get('/api/v1/products/1').replace('GET', 'HEAD') + get('/api/v1/products/2', 'Connection: close\r\n'),
    );
    const [head, next] = responses(text, ['HEAD', 'GET']);
    expect([head.status, head.body, Number(head.headers['content-length']) > 0]).toEqual([200, '', true]);
    expect(JSON.parse(next.body).url).toBe('/api/v1/products/2');
  });

  it('passes a chunked answer on in chunks, and to an HTTP/1.0 client as a body ending with the connection', async () => {
    const chunked = responses(await talk(gateway.port, get('/api/v1/products/1?chunked=1&pad=20000', 'Connection: close\r\n')), [
      'GET',
    ])[0];
    expect(chunked.headers['transfer-encoding']).toBe('chunked');
    expect(JSON.parse(chunked.body).padding).toHaveLength(20_000);

    const old = `GET /api/v1/products/1?chunked=1 HTTP/1.0\r\nX-API-Key: ${KEY}\r\n\r\n`;
    const [answer] = responses(await talk(gateway.port, old), ['GET']);
    expect([answer.headers['transfer-encoding'], answer.headers.connection]).toEqual([undefined, 'close']);
    expect(JSON.parse(answer.body).url).toBe('/api/v1/products/1?chunked=1');
  });

  it('carries a large answer through whole', async () => {
    const [answer] = responses(await talk(gateway.port, get('/api/v1/products/1?pad=2000000', 'Connection: close\r\n')), ['GET']);
    expect(JSON.parse(answer.body).padding).toHaveLength(2_000_000);
  });

  it('answers a client that has already shut its side of the connection', async () => {
    const [answer] = responses(await talk(gateway.port, get('/api/v1/products/3'), { halfClose: true }), ['GET']);
    expect(JSON.parse(answer.body).url).toBe('/api/v1/products/3');
  });

  it('drops the body of a refused request, so its bytes are never read as the next request', async () => {
    // The body is itself a request, and comes after the refusal: a server that did not skip it would route it.
    const smuggled = get('/api/v1/products/666');
    const refused = `POST /api/v1/products HTTP/1.1\r\nHost: shop.test\r\nContent-Length: ${smuggled.length}\r\n\r\n`;
    const before = upstream.state.requests;
    const text = await talk(gateway.port, refused, { thenWrite: smuggled + get('/api/v1/products/4', 'Connection: close\r\n') });
    const [unauthorized, next] = responses(text, ['POST', 'GET']);
    expect([unauthorized.status, JSON.parse(unauthorized.body).message]).toEqual([401, 'No API key found in request']);
    expect(JSON.parse(next.body).url).toBe('/api/v1/products/4');
    expect(upstream.state.requests - before).toBe(1);
  });

  it.each([
    [
      'both Content-Length and Transfer-Encoding',
      'Content-Length: 5\r\nTransfer-Encoding: chunked\r\n',
      400,
      'Both Content-Length and Transfer-Encoding',
    ],
    ['two different lengths', 'Content-Length: 5\r\nContent-Length: 6\r\n', 400, 'Two different Content-Lengths'],
    ['a length that is not a number', 'Content-Length: 5x\r\n', 400, 'Bad Content-Length'],
    ['a folded header line', 'X-Note: one\r\n two\r\n', 400, 'Bad header line " two"'],
    ['an unknown transfer coding', 'Transfer-Encoding: gzip\r\n', 501, 'Transfer-Encoding "gzip" is not supported'],
  ])('refuses a request with %s, naming the problem, and reaches no upstream', async (_case, headers, status, message) => {
    const before = upstream.state.requests;
    const text = await talk(
      gateway.port,
      `POST /api/v1/products HTTP/1.1\r\nHost: x\r\nX-API-Key: ${KEY}\r\n${headers}\r\nhello`,
    );
    const [answer] = responses(text, ['POST']);
    expect([answer.status, JSON.parse(answer.body).message, answer.headers.connection]).toEqual([status, message, 'close']);
    expect(upstream.state.requests).toBe(before);
  });

  it('refuses what is not an HTTP/1.x request, and a head too large', async () => {
    const [notHttp] = responses(await talk(gateway.port, 'HELLO THERE\r\n\r\n'), ['GET']);
    expect([notHttp.status, JSON.parse(notHttp.body).message]).toEqual([400, 'Not an HTTP/1.x request']);
    const [tooLarge] = responses(await talk(gateway.port, get('/api/v1/products', `X-Big: ${'b'.repeat(40_000)}\r\n`)), ['GET']);
    expect(tooLarge.status).toBe(431);
  });
});
