'use strict';
// NestJS 12: Fastify adapter vs Express adapter, bare GET /hello -> {"hello":"world"}
// Run it outside the project (it needs @nestjs/platform-express, which the project does not use):
//   mkdir /tmp/adapter-bench && cd /tmp/adapter-bench && npm init -y && \
//   npm install @nestjs/common@^12 @nestjs/core@^12 @nestjs/platform-fastify@^12 @nestjs/platform-express@^12 reflect-metadata rxjs autocannon && \
//   cp <repo>/docs/bench/adapter-bench.js . && node adapter-bench.js
// Usage: node bench.js            (driver: forks servers, runs autocannon, prints table)
//        node bench.js --server fastify|express <port>   (internal: child server process)
//
// Plain CommonJS; NestJS 12 ESM packages are loaded via require() (Node >= 20.19).

const HOST = '127.0.0.1';
const PORTS = { fastify: 3101, express: 3102 };
const CONNECTIONS = 64;
const DURATION_S = 10;
const WARMUP_S = 3;
const PAIRS = 3;

// ---------------------------------------------------------------- server side
async function runServer(kind, port) {
  require('reflect-metadata');
  const { Controller, Get, Module } = require('@nestjs/common');
  const { NestFactory } = require('@nestjs/core');

  class HelloController {
    hello() {
      return { hello: 'world' };
    }
  }
  // Apply decorators manually (equivalent of @Controller() / @Get('hello')).
  Get('hello')(
    HelloController.prototype,
    'hello',
    Object.getOwnPropertyDescriptor(HelloController.prototype, 'hello'),
  );
  Controller()(HelloController);

  class AppModule {}
  Module({ controllers: [HelloController] })(AppModule);

  let app;
  if (kind === 'fastify') {
    const { FastifyAdapter } = require('@nestjs/platform-fastify');
    app = await NestFactory.create(AppModule, new FastifyAdapter(), { logger: false });
  } else if (kind === 'express') {
    // default platform = Express (@nestjs/platform-express)
    app = await NestFactory.create(AppModule, { logger: false });
  } else {
    throw new Error('unknown adapter ' + kind);
  }
  await app.listen(port, HOST);
  const versions = {
    nest: require('@nestjs/core/package.json').version,
    adapter:
      kind === 'fastify'
        ? require('@nestjs/platform-fastify/package.json').version
        : require('@nestjs/platform-express/package.json').version,
    framework:
      kind === 'fastify'
        ? 'fastify ' + require('fastify/package.json').version
        : 'express ' + require('express/package.json').version,
  };
  process.send({ ready: true, port, versions });
  process.on('message', async (m) => {
    if (m === 'stop') {
      await app.close();
      process.exit(0);
    }
  });
}

// ---------------------------------------------------------------- driver side
const { fork } = require('child_process');
const http = require('http');

function startServer(kind) {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, ['--server', kind, String(PORTS[kind])], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const t = setTimeout(() => reject(new Error(kind + ' server did not start in 30 s')), 30000);
    child.once('message', (m) => {
      clearTimeout(t);
      if (m && m.ready) resolve({ child, versions: m.versions });
      else reject(new Error('bad message ' + JSON.stringify(m)));
    });
    child.once('exit', (code) => reject(new Error(kind + ' server exited early, code ' + code)));
  });
}

function stopServer(child) {
  return new Promise((resolve) => {
    const t = setTimeout(() => { child.kill('SIGKILL'); }, 5000);
    child.once('exit', () => { clearTimeout(t); resolve(); });
    child.send('stop');
  });
}

function getOnce(port) {
  return new Promise((resolve, reject) => {
    http.get({ host: HOST, port, path: '/hello' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode, body, type: res.headers['content-type'] }));
    }).on('error', reject);
  });
}

function cannon(port, duration) {
  const autocannon = require('autocannon');
  return autocannon({
    url: `http://${HOST}:${port}/hello`,
    connections: CONNECTIONS,
    duration,
  });
}

async function oneRun(kind, pair) {
  const { child, versions } = await startServer(kind);
  try {
    const check = await getOnce(PORTS[kind]);
    if (check.status !== 200 || JSON.stringify(JSON.parse(check.body)) !== '{"hello":"world"}') {
      throw new Error(`${kind} sanity check failed: ${check.status} ${check.body}`);
    }
    await cannon(PORTS[kind], WARMUP_S); // warm-up, discarded
    const r = await cannon(PORTS[kind], DURATION_S);
    return {
      pair,
      kind,
      versions,
      rps: r.requests.mean,
      p50: r.latency.p50,
      p975: r.latency.p97_5,
      p99: r.latency.p99,
      total: r.requests.total,
      duration: r.duration,
      samples: r.samples,
      non2xx: r.non2xx,
      errors: r.errors,
      timeouts: r.timeouts,
      contentType: check.type,
    };
  } finally {
    await stopServer(child);
  }
}

const median = (a) => {
  const s = [...a].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const pad = (v, n) => String(v).padStart(n);

async function main() {
  const os = require('os');
  const lines = [];
  const out = (s = '') => { lines.push(s); console.log(s); };

  const runs = [];
  for (let p = 1; p <= PAIRS; p++) {
    for (const kind of ['fastify', 'express']) {
      process.stderr.write(`pair ${p} ${kind} ... `);
      const r = await oneRun(kind, p);
      process.stderr.write(`${r.rps.toFixed(0)} req/s\n`);
      runs.push(r);
    }
  }

  const vf = runs.find((r) => r.kind === 'fastify').versions;
  const ve = runs.find((r) => r.kind === 'express').versions;
  out(`NestJS adapter bench — ${new Date().toISOString()}`);
  out(`node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0].model.trim()}), ${os.platform()} ${os.release()}`);
  out(`@nestjs/core ${vf.nest}; @nestjs/platform-fastify ${vf.adapter} (${vf.framework}); @nestjs/platform-express ${ve.adapter} (${ve.framework})`);
  out(`autocannon ${require('autocannon/package.json').version}: ${CONNECTIONS} connections, ${DURATION_S} s measured after ${WARMUP_S} s warm-up, GET http://${HOST}:<port>/hello`);
  out(`server in forked child process (fresh per run), logger: false; order F,E,F,E,F,E`);
  out(`req/s = autocannon requests.mean (mean of per-second samples); latency = autocannon ms histogram (integer ms)`);
  out();
  out(`pair | adapter | req/s (mean) | p50 ms | p97.5 ms | p99 ms | total reqs | secs/samples | non2xx | errors`);
  out(`-----|---------|--------------|--------|----------|--------|------------|--------------|--------|-------`);
  for (const r of runs) {
    out(`${pad(r.pair, 4)} | ${r.kind.padEnd(7)} | ${pad(r.rps.toFixed(1), 12)} | ${pad(r.p50, 6)} | ${pad(r.p975, 8)} | ${pad(r.p99, 6)} | ${pad(r.total, 10)} | ${pad(r.duration.toFixed(2) + ' / ' + r.samples, 12)} | ${pad(r.non2xx, 6)} | ${pad(r.errors + r.timeouts, 6)}`);
  }
  out();
  const ratios = [];
  for (let p = 1; p <= PAIRS; p++) {
    const f = runs.find((r) => r.pair === p && r.kind === 'fastify');
    const e = runs.find((r) => r.pair === p && r.kind === 'express');
    const ratio = f.rps / e.rps;
    ratios.push(ratio);
    out(`pair ${p}: Fastify/Express = ${f.rps.toFixed(1)} / ${e.rps.toFixed(1)} = ${ratio.toFixed(3)}`);
  }
  out(`median Fastify/Express ratio: ${median(ratios).toFixed(3)}`);
  out(`median req/s: fastify ${median(runs.filter((r) => r.kind === 'fastify').map((r) => r.rps)).toFixed(1)}, express ${median(runs.filter((r) => r.kind === 'express').map((r) => r.rps)).toFixed(1)}`);

  require('fs').writeFileSync(require('path').join(__dirname, 'results.txt'), lines.join('\n') + '\n');
}

if (process.argv[2] === '--server') {
  runServer(process.argv[3], Number(process.argv[4])).catch((err) => {
    console.error(err);
    process.exit(1);
  });
} else {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
