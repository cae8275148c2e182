import { RunningGateway } from '../src';
import {
  Upstream,
  call,
  eventually,
  kill,
  kongDocument,
  metrics,
  spawnUpstream,
  startUpstream,
  targetState,
  testGateway,
  withFastActiveChecks,
  withoutActiveChecks,
} from './gateway-test-kit';

const KEY = 'bench-key-24680';
const UPSTREAM = 'inventory-upstream';

/** Sends `count` requests, `concurrency` at a time; returns how many each upstream answered (and errors by status). */
async function spread(gateway: RunningGateway, count: number, concurrency = 16): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < count) {
        const reply = await call(gateway, '/api/v1/products', { key: KEY });
        const label = reply.status === 200 ? reply.json.upstream! : `status ${reply.status}`;
        counts[label] = (counts[label] ?? 0) + 1;
      }
    }),
  );
  return counts;
}

describe('local gateway load balancing and health checks', () => {
  const closers: Array<() => Promise<void>> = [];
  afterEach(async () => {
    while (closers.length > 0) await closers.pop()!();
  });

  async function upstreamsNamed(...names: string[]): Promise<Upstream[]> {
    const started = await Promise.all(names.map((name) => startUpstream(name)));
    for (const upstream of started) closers.push(() => upstream.close());
    return started;
  }

  async function gatewayFor(
    document: ReturnType<typeof kongDocument>,
    targets: Parameters<typeof testGateway>[1],
  ): Promise<RunningGateway> {
    const gateway = await testGateway(document, targets);
    closers.push(() => gateway.close());
    return gateway;
  }

  it('splits traffic 2:1 between targets weighted 100 and 50', async () => {
    const [heavy, light] = await upstreamsNamed('heavy', 'light');
    const gateway = await gatewayFor(kongDocument(), {
      [UPSTREAM]: [
        { target: heavy.address, weight: 100 },
        { target: light.address, weight: 50 },
      ],
    });
    const counts = await spread(gateway, 3000);
    expect(Object.keys(counts).sort()).toEqual(['heavy', 'light']);
    expect(counts.heavy / counts.light).toBeGreaterThan(1.9);
    expect(counts.heavy / counts.light).toBeLessThan(2.1);
  });

  it('takes a target answering 500s out of rotation by passive checks alone', async () => {
    const [good, failing] = await upstreamsNamed('good', 'failing');
    failing.state.status = 500;
    const gateway = await gatewayFor(withoutActiveChecks(kongDocument()), { [UPSTREAM]: [good.address, failing.address] });
    // The file's passive checks: 5 consecutive HTTP failures (500 or 503) and the target is out.
    const first = await spread(gateway, 20, 1);
    expect(first['status 500']).toBe(5);
    expect(targetState(await metrics(gateway), UPSTREAM, failing.address)).toBe('unhealthy');
    expect(await spread(gateway, 20)).toEqual({ good: 20 });
  });

  it('retries a refused connection on the next target, then answers 503 when no target is left', async () => {
    const [alive, doomed] = await upstreamsNamed('alive', 'doomed');
    const gateway = await gatewayFor(withoutActiveChecks(kongDocument()), { [UPSTREAM]: [alive.address, doomed.address] });
    await doomed.close();
    // Connection refused by one target: the service's retries send the request to the other.
    expect(await spread(gateway, 20)).toEqual({ alive: 20 });
    expect(targetState(await metrics(gateway), UPSTREAM, doomed.address)).toBe('unhealthy');

    await alive.close();
    const replies = [];
    for (let i = 0; i < 4; i++) replies.push(await call(gateway, '/api/v1/products', { key: KEY }));
    // Refused until passive checks take the last target out too; from then on, no peer at all.
    const last = replies[replies.length - 1];
    expect(replies.every((r) => r.status === 502 || r.status === 503)).toBe(true);
    expect(last.status).toBe(503);
    expect(last.json).toEqual({ message: 'failure to get a peer from the ring-balancer', request_id: expect.any(String) });
  });

  it('stops sending to a killed target process and sends to it again once it is back (active checks)', async () => {
    const steady = await spawnUpstream('steady');
    const flaky = await spawnUpstream('flaky');
    closers.push(() => kill(steady.child));
    const gateway = await gatewayFor(withFastActiveChecks(kongDocument()), { [UPSTREAM]: [steady.address, flaky.address] });
    expect(await spread(gateway, 20)).toEqual({ steady: 10, flaky: 10 });

    await kill(flaky.child);
    await eventually(
      async () => targetState(await metrics(gateway), UPSTREAM, flaky.address) === 'unhealthy',
      'the killed target to be unhealthy',
    );
    expect(await spread(gateway, 20)).toEqual({ steady: 20 });

    const revived = await spawnUpstream('flaky', flaky.port);
    closers.push(() => kill(revived.child));
    await eventually(
      async () => targetState(await metrics(gateway), UPSTREAM, flaky.address) === 'healthy',
      'the revived target to be healthy',
    );
    expect(await spread(gateway, 20)).toEqual({ steady: 10, flaky: 10 });
  });

  it('lets a target failing its /health probe go, and takes it back when the probe passes', async () => {
    const [one, two] = await upstreamsNamed('one', 'two');
    const gateway = await gatewayFor(withFastActiveChecks(kongDocument()), { [UPSTREAM]: [one.address, two.address] });
    two.state.health = 503;
    await eventually(
      async () => targetState(await metrics(gateway), UPSTREAM, two.address) === 'unhealthy',
      'a 503 /health to take the target out',
    );
    expect(await spread(gateway, 10)).toEqual({ one: 10 });
    two.state.health = 200;
    await eventually(
      async () => targetState(await metrics(gateway), UPSTREAM, two.address) === 'healthy',
      'a 200 /health to bring it back',
    );
  });
});
