import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export interface ConsoleServerOptions {
  /** The built app (dist/console). */
  root: string;
  port: number;
  host: string;
  /** What the browser calls; unset: the gateway's port on the host that served the page. */
  gatewayUrl?: string;
  currency?: string;
}

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  // Mantine injects its CSS variables in a style element; the API is on another port (or host).
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self' http: https:; frame-ancestors 'none'",
};

/**
 * The console's built files, as a static host would serve them: hashed assets cached for good, index.html for any
 * other path (the app routes in the browser), and config.js saying where the gateway is.
 */
export function serveConsole(options: ConsoleServerOptions): Promise<Server> {
  const root = resolve(options.root);
  const config = `window.__CONSOLE_CONFIG__ = ${JSON.stringify({
    ...(options.gatewayUrl && { gatewayUrl: options.gatewayUrl }),
    ...(options.currency && { currency: options.currency }),
  })};\n`;
  // Text files gzipped once per version of the file (the app is a few hundred KB: memory is no concern).
  const gzipped = new Map<string, { mtimeMs: number; body: Buffer }>();
  const gzipOf = (path: string, mtimeMs: number) => {
    const cached = gzipped.get(path);
    if (cached?.mtimeMs === mtimeMs) return cached.body;
    const body = gzipSync(readFileSync(path));
    gzipped.set(path, { mtimeMs, body });
    return body;
  };
  const send = (request: IncomingMessage, response: ServerResponse, path: string, cache: string) => {
    const stat = statSync(path);
    const type = TYPES[extname(path)] ?? 'application/octet-stream';
    const headers = { 'content-type': type, 'cache-control': cache, vary: 'accept-encoding', ...SECURITY_HEADERS };
    if (/^text\/|svg|json/.test(type) && /\bgzip\b/.test(String(request.headers['accept-encoding']))) {
      const body = gzipOf(path, stat.mtimeMs);
      response.writeHead(200, { ...headers, 'content-encoding': 'gzip', 'content-length': body.length });
      response.end(request.method === 'HEAD' ? undefined : body);
      return;
    }
    response.writeHead(200, { ...headers, 'content-length': stat.size });
    if (request.method === 'HEAD') response.end();
    else createReadStream(path).pipe(response);
  };
  const handle = (request: IncomingMessage, response: ServerResponse) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://console').pathname);
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' }).end();
    } else if (pathname === '/health') {
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
    } else if (pathname === '/config.js') {
      response.writeHead(200, { 'content-type': TYPES['.js'], 'cache-control': 'no-cache', ...SECURITY_HEADERS }).end(config);
    } else {
      const file = join(root, normalize(pathname));
      const isFile = file.startsWith(root + '/') && existsSync(file) && statSync(file).isFile();
      if (isFile)
        send(request, response, file, pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
      else if (extname(pathname)) response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      else send(request, response, join(root, 'index.html'), 'no-cache');
    }
  };
  return new Promise((resolveServer, reject) => {
    const server = createServer(handle);
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolveServer(server));
  });
}

/** `node dist/tools/src/console-server.js`: what `npm start` runs as its `console` process. */
async function main(): Promise<void> {
  const server = await serveConsole({
    root: process.env.CONSOLE_DIR ?? 'dist/console',
    port: Number(process.env.CONSOLE_PORT ?? 8080),
    host: process.env.CONSOLE_HOST ?? '0.0.0.0',
    gatewayUrl: process.env.CONSOLE_GATEWAY_URL || undefined,
    currency: process.env.CONSOLE_CURRENCY || undefined,
  });
  const stop = () => server.close(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  if (process.env.STOP_WITH_PARENT === '1') process.stdin.once('end', stop).resume();
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(`[console] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
