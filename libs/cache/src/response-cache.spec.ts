import { MemoryCacheStore } from './cache-store';
import { ResponseCache } from './response-cache';

/** A computation the test finishes when it wants. */
function deferred() {
  let resolve!: (value: string) => void;
  const promise = new Promise<string>((r) => (resolve = r));
  return { promise, resolve };
}

describe(ResponseCache.name, () => {
  const cacheOf = (ttlMs = 60_000) => new ResponseCache(new MemoryCacheStore(), 'test:group', ttlMs);

  it('computes once, then serves the kept text', async () => {
    const cache = cacheOf();
    let calls = 0;
    const compute = async () => `v${++calls}`;
    expect(await cache.getOrCompute('k', compute)).toBe('v1');
    expect(await cache.getOrCompute('k', compute)).toBe('v1');
    expect(await cache.getOrCompute('other', compute)).toBe('v2');
  });

  it('lets concurrent misses share one computation', async () => {
    const cache = cacheOf();
    const pending = deferred();
    let calls = 0;
    const compute = () => (calls++, pending.promise);
    const answers = Promise.all([cache.getOrCompute('k', compute), cache.getOrCompute('k', compute)]);
    pending.resolve('shared');
    expect(await answers).toEqual(['shared', 'shared']);
    expect(calls).toBe(1);
  });

  it('does not keep what was computed before an invalidation, nor serve it afterwards', async () => {
    const cache = cacheOf();
    const stale = deferred();
    const started = deferred();
    const before = cache.getOrCompute('k', () => (started.resolve('reading'), stale.promise));
    await started.promise;
    await cache.invalidate();
    stale.resolve('stale');
    expect(await before).toBe('stale');
    expect(await cache.getOrCompute('k', async () => 'fresh')).toBe('fresh');
  });

  it('forgets everything on invalidate', async () => {
    const cache = cacheOf();
    await cache.getOrCompute('k', async () => 'old');
    await cache.invalidate();
    expect(await cache.getOrCompute('k', async () => 'new')).toBe('new');
  });

  it('keeps an entry no longer than the TTL from when its computation began', async () => {
    const cache = cacheOf(100);
    await cache.getOrCompute('k', () => new Promise((resolve) => setTimeout(() => resolve('slow'), 60)));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await cache.getOrCompute('k', async () => 'expired')).toBe('expired');
  });

  it('keeps nothing when the TTL is 0, and does not keep failures', async () => {
    let calls = 0;
    const off = cacheOf(0);
    await off.getOrCompute('k', async () => `v${++calls}`);
    expect(await off.getOrCompute('k', async () => `v${++calls}`)).toBe('v2');

    const cache = cacheOf();
    await expect(cache.getOrCompute('k', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await cache.getOrCompute('k', async () => 'ok')).toBe('ok');
  });
});
