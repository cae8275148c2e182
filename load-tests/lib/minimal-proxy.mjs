#!/usr/bin/env node
// The floor for any proxy process on this machine: a bare HTTP/1.1 keep-alive forwarder on node:net with no
// plugins, no routing, no log. Only for benchmarks (GET requests without body, answers with Content-Length).
// Compare it with the gateway in one run:
//   node load-tests/lib/minimal-proxy.mjs [--port 8001] [--upstream 127.0.0.1:3001] &
//   node load-tests/gateway-bench.mjs --gateway http://127.0.0.1:8001 --gateway-pid <its pid>
import { connect, createServer } from 'node:net';
import { parseArgs } from 'node:util';

const { values: options } = parseArgs({
  options: { port: { type: 'string', default: '8001' }, upstream: { type: 'string', default: '127.0.0.1:3001' } },
});
const [upstreamHost, upstreamPort] = options.upstream.split(':');
const END_OF_HEAD = Buffer.from('\r\n\r\n');
const idle = [];

function withUpstream(use) {
  const reused = idle.pop();
  if (reused) return use(reused);
  const socket = connect({ host: upstreamHost, port: Number(upstreamPort), noDelay: true });
  socket.on('data', (chunk) => socket.onAnswer(chunk));
  socket.on('error', () => undefined);
  socket.once('connect', () => use(socket));
}

/** Names and values of a head's lines, and the head without the lines `drop` names. */
function rewrite(head, drop) {
  const lines = head.split('\r\n');
  const kept = [lines[0]];
  let contentLength = 0;
  for (let i = 1; i < lines.length; i++) {
    const name = lines[i].slice(0, lines[i].indexOf(':')).toLowerCase();
    if (name === 'content-length') contentLength = Number(lines[i].slice(name.length + 1));
    if (!drop.has(name)) kept.push(lines[i]);
  }
  return { kept, contentLength };
}

const REQUEST_DROP = new Set(['host', 'connection', 'x-api-key']);
const RESPONSE_DROP = new Set(['connection', 'keep-alive']);

createServer({ noDelay: true }, (client) => {
  let pending;
  client.on('error', () => undefined);
  client.on('data', (chunk) => {
    pending = pending ? Buffer.concat([pending, chunk]) : chunk;
    const end = pending.indexOf(END_OF_HEAD);
    if (end < 0) return;
    const { kept } = rewrite(pending.toString('latin1', 0, end), REQUEST_DROP);
    pending = undefined;
    kept.push(`Host: ${options.upstream}`, 'X-Forwarded-For: 127.0.0.1', 'X-Forwarded-Proto: http');
    const request = `${kept.join('\r\n')}\r\n\r\n`;
    withUpstream((upstream) => {
      let answer;
      upstream.onAnswer = (data) => {
        answer = answer ? Buffer.concat([answer, data]) : data;
        const headEnd = answer.indexOf(END_OF_HEAD);
        if (headEnd < 0) return;
        const { kept: headLines, contentLength } = rewrite(answer.toString('latin1', 0, headEnd), RESPONSE_DROP);
        if (answer.length < headEnd + 4 + contentLength) return;
        headLines.push('Via: 1.1 minimal-proxy', 'Connection: keep-alive');
        const head = Buffer.from(`${headLines.join('\r\n')}\r\n\r\n`, 'latin1');
        client.write(Buffer.concat([head, answer.subarray(headEnd + 4, headEnd + 4 + contentLength)]));
        idle.push(upstream);
      };
      upstream.write(request, 'latin1');
    });
  });
}).listen(Number(options.port), '127.0.0.1', () => console.log(`minimal proxy on :${options.port} → ${options.upstream}`));
