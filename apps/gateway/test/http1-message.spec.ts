import { BodyReader, HttpParseError, parseRequestHead, parseResponseHead } from '../src/http1/message';

/** Feeds `wire` to a reader in pieces of `step` bytes; the body's data and how many bytes were left over. */
function readInPieces(reader: BodyReader, wire: string, step: number): { body: string; rest: string } {
  let body = '';
  let rest = '';
  for (let at = 0; at < wire.length; at += step) {
    const piece = Buffer.from(wire.slice(at, at + step), 'latin1');
    if (reader.done) {
      rest += piece.toString('latin1');
      continue;
    }
    const used = reader.read(piece, 0, (data) => (body += data.toString('latin1')));
    rest += piece.toString('latin1', used);
  }
  return { body, rest };
}

describe(BodyReader.name, () => {
  const chunkedWire = '5\r\nhello\r\n7;ext=1\r\n, world\r\n0\r\nX-Trailer: t\r\n\r\nGET /next';

  it.each([1, 2, 3, 7, 1000])('reads a chunked body with extensions and trailers, fed %i bytes at a time', (step) => {
    const reader = new BodyReader({ contentLength: -1, chunked: true });
    expect(readInPieces(reader, chunkedWire, step)).toEqual({ body: 'hello, world', rest: 'GET /next' });
    expect(reader.done).toBe(true);
  });

  it('reads exactly Content-Length bytes and leaves the next message', () => {
    const reader = new BodyReader({ contentLength: 4, chunked: false });
    expect(readInPieces(reader, 'abcdGET /next', 3)).toEqual({ body: 'abcd', rest: 'GET /next' });
  });

  it('reads a body without length until the connection ends', () => {
    const reader = new BodyReader({ contentLength: -1, chunked: false });
    expect(readInPieces(reader, 'everything here', 4)).toEqual({ body: 'everything here', rest: '' });
    expect([reader.untilClose, reader.done]).toEqual([true, false]);
  });

  it.each([
    ['a size that is not hex', 'zz\r\n'],
    ['a chunk longer than its size', '2\r\nabc\r\n'],
    ['a bare LF after the size', '2\nab\r\n'],
  ])('refuses %s', (_case, wire) => {
    const reader = new BodyReader({ contentLength: -1, chunked: true });
    expect(() => reader.read(Buffer.from(wire), 0, () => undefined)).toThrow(HttpParseError);
  });
});

describe(parseRequestHead.name, () => {
  it('reads the request line, headers as sent, and the framing', () => {
    const head = parseRequestHead('POST /a?b=1 HTTP/1.1\r\nHost: x\r\nContent-Length: 12\r\nExpect: 100-continue\r\nX-Key:  v ');
    expect(head).toMatchObject({
      method: 'POST',
      url: '/a?b=1',
      minorVersion: 1,
      rawHeaders: ['Host', 'x', 'Content-Length', '12', 'Expect', '100-continue', 'X-Key', 'v'],
      contentLength: 12,
      chunked: false,
      close: false,
      expectContinue: true,
    });
  });

  it('closes after an HTTP/1.0 request unless it asks for keep-alive, and after Connection: close', () => {
    expect(parseRequestHead('GET / HTTP/1.0').close).toBe(true);
    expect(parseRequestHead('GET / HTTP/1.0\r\nConnection: Keep-Alive').close).toBe(false);
    expect(parseRequestHead('GET / HTTP/1.1\r\nConnection: upgrade, close').close).toBe(true);
  });

  it('refuses a request line that is not HTTP/1.x and a header name that is not a token', () => {
    expect(() => parseRequestHead('GET / HTTP/2.0')).toThrow('Bad request line');
    expect(() => parseRequestHead('GET / HTTP/1.1\r\nBad Name: x')).toThrow('Bad header line');
  });
});

describe(parseResponseHead.name, () => {
  it('reads the status and framing, and answers bad heads with a 502-worthy error', () => {
    expect(parseResponseHead('HTTP/1.1 204 No Content\r\nConnection: close')).toMatchObject({ status: 204, close: true });
    expect(parseResponseHead('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked')).toMatchObject({
      chunked: true,
      contentLength: -1,
    });
    const error = (() => {
      try {
        parseResponseHead('this is not HTTP');
      } catch (caught) {
        return caught as HttpParseError;
      }
    })();
    expect(error?.status).toBe(502);
  });
});
