// The benchmark's raw baseline: a bare Node.js HTTP server answering GET /api/v1/products?limit=&offset= with the
// same statement inventory issues for that request (products-page.js: the page and the total in one statement),
// and the same JSON. Started by bench.mjs as a child process:
//   DATABASE_URL=postgres://…/inventory POOL_SIZE=10 node load-tests/lib/baseline-server.mjs  → sends { port } over IPC
import http from 'node:http';
import pg from 'pg';
import { COUNT_SQL, PAGE_SQL, toPage } from './products-page.js';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.POOL_SIZE ?? 10) });

function integer(value, fallback, min, max) {
  if (value === null) return fallback;
  const number = Number(value);
  return Number.isInteger(number) && number >= min && number <= max ? number : undefined;
}

async function page(limit, offset) {
  const { rows } = await pool.query(PAGE_SQL, [limit, offset]);
  if (rows.length > 0) return toPage(rows, rows[0].total, limit, offset);
  const total = offset === 0 ? 0 : (await pool.query(COUNT_SQL)).rows[0].count;
  return toPage([], total, limit, offset);
}

function reply(response, status, body) {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

const server = http.createServer(async (request, response) => {
  const url = new URL(request.url, 'http://baseline');
  if (request.method !== 'GET' || url.pathname !== '/api/v1/products') return reply(response, 404, { status_code: 404 });
  const limit = integer(url.searchParams.get('limit'), 20, 1, 100);
  const offset = integer(url.searchParams.get('offset'), 0, 0, Number.MAX_SAFE_INTEGER);
  if (limit === undefined || offset === undefined) return reply(response, 400, { status_code: 400 });
  try {
    reply(response, 200, await page(limit, offset));
  } catch (error) {
    reply(response, 500, { status_code: 500, message: error.message });
  }
});
// Same keep-alive as the services' Fastify (72 s), so no side closes connections during a run.
server.keepAliveTimeout = 72_000;
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => process.send?.({ port: server.address().port }));
process.on('disconnect', () => process.exit(0));
