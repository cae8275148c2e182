import { freePort } from '@app/testing';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveConsole } from '../src/console-server';

/** The console's static server (npm start's `console` process and the console image), on a built app's files. */
describe(serveConsole.name, () => {
  let root: string;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'console-'));
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>console</title>');
    writeFileSync(join(root, 'assets', 'index-abc123.js'), 'console.log(1)');
    const port = await freePort();
    server = await serveConsole({ root, port, host: '127.0.0.1', gatewayUrl: 'https://api.example.test', currency: 'CHF' });
    base = `http://127.0.0.1:${port}`;
  });
  afterAll(() => {
    server.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('answers an app route with index.html, never cached, so a deep link works and a new build is seen', async () => {
    const response = await fetch(`${base}/orders/sagas/6f1c`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>console</title>');
  });

  it('caches hashed assets for good, and sends them gzipped to a browser that takes it', async () => {
    const response = await fetch(`${base}/assets/index-abc123.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect(await response.text()).toBe('console.log(1)'); // fetch decodes it
  });

  it('writes config.js from its settings', async () => {
    const response = await fetch(`${base}/config.js`);
    expect(await response.text()).toBe(
      'window.__CONSOLE_CONFIG__ = {"gatewayUrl":"https://api.example.test","currency":"CHF"};\n',
    );
  });

  it('answers 404 for a missing file, and never serves outside its folder', async () => {
    expect((await fetch(`${base}/assets/missing.js`)).status).toBe(404);
    expect((await fetch(`${base}/..%2f..%2fetc%2fpasswd.txt`)).status).toBe(404);
  });

  it('refuses anything but GET and HEAD', async () => {
    const response = await fetch(`${base}/`, { method: 'POST' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
  });
});
