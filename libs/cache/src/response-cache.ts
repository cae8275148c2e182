import { CacheStore } from './cache-store';

/**
 * A group of cached responses (JSON text, served as is), forgotten together when the data behind them
 * changes. Each entry expires TTL after its computation began, so nothing served is older than the TTL;
 * concurrent misses for one key share one computation.
 */
export class ResponseCache {
  /** Bumped by every invalidation: a computation that started before it is not kept. */
  private generation = 0;
  private readonly inFlight = new Map<string, Promise<string>>();

  constructor(
    private readonly store: CacheStore,
    /** Names the group in the store, e.g. `inventory:<database>:products:v1`: instances on one database share it. */
    private readonly group: string,
    /** 0: nothing is cached. */
    private readonly ttlMs: number,
  ) {}

  async getOrCompute(key: string, compute: () => Promise<string>): Promise<string> {
    if (this.ttlMs === 0) return compute();
    const fullKey = `${this.group}:${key}`;
    const cached = await this.store.get(fullKey);
    if (cached !== undefined) return cached;
    let pending = this.inFlight.get(fullKey);
    if (!pending) {
      const computing = this.computeAndKeep(fullKey, compute);
      const forget = () => {
        if (this.inFlight.get(fullKey) === computing) this.inFlight.delete(fullKey);
      };
      computing.then(forget, forget);
      this.inFlight.set(fullKey, computing);
      pending = computing;
    }
    return pending;
  }

  /** After a write has committed: every later request computes afresh. */
  async invalidate(): Promise<void> {
    if (this.ttlMs === 0) return;
    this.generation++;
    this.inFlight.clear();
    await this.store.invalidate(this.group);
  }

  private async computeAndKeep(key: string, compute: () => Promise<string>): Promise<string> {
    const generation = this.generation;
    const started = Date.now();
    const value = await compute();
    const ttlLeft = started + this.ttlMs - Date.now();
    // A write may have committed while this was computed, and not be in it: then it is not kept.
    if (generation === this.generation && ttlLeft > 0) await this.store.set(this.group, key, value, ttlLeft);
    return value;
  }
}
