import { randomUUID } from 'node:crypto';
import { AddressInfo, Server, Socket, connect, createServer } from 'node:net';
import Redis from 'ioredis';
import { RunningGateway } from '../src';
import { windowStart } from '../src/plugins/rate-limiting';
import { KongDocument, Upstream, awayFromMinuteEnd, call, kongDocument, startUpstream, testGateway } from './gateway-test-kit';

const redisUrl = process.env.REDIS_TEST_URL;
if (!redisUrl) console.warn('rate limits in Redis: skipped (set REDIS_TEST_URL=redis://127.0.0.1:6379 to run it)');

const EMPTY_UUID = '00000000-0000-0000-0000-000000000000';

/** kong.yml (policy redis throughout) plus a consumer of its own for this run, so counters left in Redis by another run never count. */
function fixture(limit: number, faultTolerant = true): { document: KongDocument; key: string } {
  const document = kongDocument();
  const key = `redis-test-${randomUUID()}`;
  document.consumers.push({
    username: `redis-test-${randomUUID()}`,
    keyauth_credentials: [{ key }],
    plugins: [
      {
        name: 'rate-limiting',
        config: {
          minute: limit,
          hour: limit * 10,
          policy: 'redis',
          redis: { host: 'redis', port: 6379 },
          fault_tolerant: faultTolerant,
        },
      },
    ],
  });
  return { document, key };
}

/** A TCP relay to Redis that the test can cut and restore: Redis "down" without touching the machine's Redis. */
async function relayTo(url: string): Promise<{ url: string; cut(): void; restore(): Promise<void>; close(): Promise<void> }> {
  const { hostname, port } = new URL(url);
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let relayPort = 0;
  const open = () =>
    new Promise<void>((resolve) => {
      server = createServer((client) => {
        const upstream = connect(Number(port || 6379), hostname);
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on('close', () => sockets.delete(socket));
          socket.on('error', () => undefined);
        }
        client.pipe(upstream).pipe(client);
        client.on('close', () => upstream.destroy());
        upstream.on('close', () => client.destroy());
      });
      server.listen(relayPort, '127.0.0.1', () => {
        relayPort = (server!.address() as AddressInfo).port;
        resolve();
      });
    });
  const cut = () => {
    server?.close();
    for (const socket of sockets) socket.destroy();
  };
  await open();
  return {
    url: `redis://127.0.0.1:${relayPort}`,
    cut,
    restore: open,
    close: async () => cut(),
  };
}

(redisUrl ? describe : describe.skip)('rate limits in Redis (policy redis, REDIS_TEST_URL)', () => {
  let upstream: Upstream;
  const gateways: RunningGateway[] = [];
  const redis = new Redis(redisUrl ?? '', { lazyConnect: true });
  const targetsOf = (document: KongDocument) => Object.fromEntries(document.upstreams.map((u) => [u.name, [upstream.address]]));

  beforeAll(async () => {
    upstream = await startUpstream('any');
    await redis.connect();
  });
  afterEach(async () => {
    await Promise.all(gateways.splice(0).map((gateway) => gateway.close()));
  });
  afterAll(async () => {
    await upstream.close();
    redis.disconnect();
  });

  const start = async (document: KongDocument, url: string) => {
    const gateway = await testGateway(document, targetsOf(document), { redisUrl: url });
    gateways.push(gateway);
    return gateway;
  };

  it("admits exactly the limit across two gateways, under Kong's keys and expiry", async () => {
    const limit = 25;
    const { document, key } = fixture(limit);
    const [first, second] = [await start(document, redisUrl!), await start(document, redisUrl!)];
    await awayFromMinuteEnd();
    const startedAt = Date.now();
    // 3× the limit at once, alternating between the two gateways.
    const replies = await Promise.all(
      Array.from({ length: limit * 3 }, (_, i) => call(i % 2 ? first : second, '/api/v1/stores', { key })),
    );
    const statuses = replies.map((reply) => reply.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(limit);
    expect(statuses.filter((status) => status === 429)).toHaveLength(limit * 2);
    const byGateway = [0, 1].map((parity) => replies.filter((reply, i) => i % 2 === parity && reply.status === 200).length);
    expect(byGateway.every((admitted) => admitted > 0)).toBe(true);

    // ratelimit:<route id>:<service id>:<consumer id>:<window start, ms>:<period>; a consumer's instance is on no route or service.
    const consumerId = first.config.consumers.find((c) => c.username === document.consumers.at(-1)!.username)!.id;
    const minuteKey = `ratelimit:${EMPTY_UUID}:${EMPTY_UUID}:${consumerId}:${windowStart('minute', startedAt)}:minute`;
    const hourKey = `ratelimit:${EMPTY_UUID}:${EMPTY_UUID}:${consumerId}:${windowStart('hour', startedAt)}:hour`;
    // As Kong's realtime redis policy, every request is counted, the refused ones too.
    expect(await redis.get(minuteKey)).toBe(String(limit * 3));
    expect(await redis.get(hourKey)).toBe(String(limit * 3));
    const [minuteTtl, hourTtl] = [await redis.ttl(minuteKey), await redis.ttl(hourKey)];
    expect(minuteTtl).toBeGreaterThan(0);
    expect(minuteTtl).toBeLessThanOrEqual(60);
    expect(hourTtl).toBeGreaterThan(60);
    expect(hourTtl).toBeLessThanOrEqual(3600);

    const refused = replies.find((reply) => reply.status === 429)!;
    expect(refused.json.message).toBe('API rate limit exceeded');
    expect(refused.headers.get('x-ratelimit-remaining-minute')).toBe('0');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(replies.map((reply) => Number(reply.headers.get('x-ratelimit-remaining-minute'))).sort((a, b) => b - a)[0]).toBe(
      limit - 1,
    );
  });

  it('lets requests through uncounted while Redis is down (fault_tolerant), and counts again when it is back', async () => {
    const relay = await relayTo(redisUrl!);
    try {
      const { document, key } = fixture(3);
      const gateway = await start(document, relay.url);
      await awayFromMinuteEnd();
      expect((await call(gateway, '/api/v1/stores', { key })).headers.get('x-ratelimit-remaining-minute')).toBe('2');

      relay.cut();
      const whileDown = await Promise.all([1, 2, 3, 4, 5].map(() => call(gateway, '/api/v1/stores', { key })));
      expect(whileDown.map((reply) => reply.status)).toEqual([200, 200, 200, 200, 200]);
      expect(whileDown.every((reply) => reply.headers.get('x-ratelimit-remaining-minute') === null)).toBe(true);

      await relay.restore();
      // ioredis reconnects by itself; until it has, requests still pass.
      let remaining: string | null = null;
      for (let i = 0; i < 100 && remaining === null; i++) {
        remaining = (await call(gateway, '/api/v1/stores', { key })).headers.get('x-ratelimit-remaining-minute');
        if (remaining === null) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(remaining).toBe('1');
      expect((await call(gateway, '/api/v1/stores', { key })).status).toBe(200);
      expect((await call(gateway, '/api/v1/stores', { key })).status).toBe(429);
    } finally {
      await relay.close();
    }
  });

  it('answers 500 as Kong does when Redis fails and the instance is not fault tolerant', async () => {
    const unreachable = createServer();
    await new Promise<void>((resolve) => unreachable.listen(0, '127.0.0.1', resolve));
    const port = (unreachable.address() as AddressInfo).port;
    await new Promise((resolve) => unreachable.close(resolve));
    const { document, key } = fixture(3, false);
    // The file's timeout (2 s here, Kong's default) also bounds the connection attempt.
    (document.consumers.at(-1)!.plugins![0] as { config: { redis: { timeout: number } } }).config.redis.timeout = 200;
    const gateway = await start(document, `redis://127.0.0.1:${port}`);
    const before = upstream.state.requests;
    const replies = [await call(gateway, '/api/v1/stores', { key }), await call(gateway, '/api/v1/stores', { key })];
    expect(replies.map((reply) => [reply.status, reply.json.message])).toEqual([
      [500, 'An unexpected error occurred'],
      [500, 'An unexpected error occurred'],
    ]);
    expect(upstream.state.requests).toBe(before);
  });
});
