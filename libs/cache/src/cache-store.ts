import { Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import Redis from 'ioredis';

/**
 * Where cached responses live between requests: text with an expiry, each entry in a group that can be
 * forgotten at once (say, every product page when one product changes).
 */
export abstract class CacheStore implements OnModuleInit, OnApplicationShutdown {
  abstract get(key: string): Promise<string | undefined>;
  /** Keeps `value` for `ttlMs`, and not a moment longer. */
  abstract set(group: string, key: string, value: string, ttlMs: number): Promise<void>;
  /** Forgets every entry of the group. */
  abstract invalidate(group: string): Promise<void>;
  async onModuleInit(): Promise<void> {}
  async onApplicationShutdown(): Promise<void> {}
}

/** One process's memory: the default. Bounded: the oldest entries go first when it is full. */
export class MemoryCacheStore extends CacheStore {
  private readonly entries = new Map<string, { value: string; expiresAt: number; group: string }>();

  constructor(private readonly maxEntries = 1000) {
    super();
  }

  async get(key: string): Promise<string | undefined> {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt > Date.now()) return entry.value;
    this.entries.delete(key);
    return undefined;
  }

  async set(group: string, key: string, value: string, ttlMs: number): Promise<void> {
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, { value, expiresAt: Date.now() + ttlMs, group });
  }

  async invalidate(group: string): Promise<void> {
    for (const [key, entry] of this.entries) if (entry.group === group) this.entries.delete(key);
  }
}

/** Deletes the group's keys (a set of key names) and the set itself. */
const INVALIDATE_SCRIPT = `
local keys = redis.call('SMEMBERS', KEYS[1])
for i = 1, #keys, 500 do redis.call('DEL', unpack(keys, i, math.min(i + 499, #keys))) end
return redis.call('DEL', KEYS[1])`;

/**
 * Redis, shared by every instance. Redis expires the keys itself; a group is a set of its key names, kept
 * no longer than its newest entry. When Redis cannot be reached every request is a miss, and no request
 * waits for it.
 */
class RedisCacheStore extends CacheStore {
  private readonly logger = new Logger(RedisCacheStore.name);
  private readonly redis: Redis;
  private lastError?: string;

  constructor(url: string) {
    super();
    this.redis = new Redis(url, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2000 });
    this.redis.on('error', (error: Error) => {
      // ioredis retries on its own; say so once per kind of failure, not on every retry.
      if (error.message !== this.lastError) this.logger.warn(`redis: ${error.message}`);
      this.lastError = error.message;
    });
    this.redis.on('ready', () => (this.lastError = undefined));
  }

  /** Connected before the first request when Redis is up; the service starts anyway when it is not. */
  override async onModuleInit(): Promise<void> {
    await this.redis.connect().catch(() => undefined);
  }

  async get(key: string): Promise<string | undefined> {
    try {
      return (await this.redis.get(key)) ?? undefined;
    } catch {
      return undefined;
    }
  }

  async set(group: string, key: string, value: string, ttlMs: number): Promise<void> {
    try {
      await this.redis.multi().set(key, value, 'PX', ttlMs).sadd(group, key).pexpire(group, ttlMs).exec();
    } catch {
      // Not cached this time.
    }
  }

  async invalidate(group: string): Promise<void> {
    try {
      await this.redis.eval(INVALIDATE_SCRIPT, 1, group);
    } catch (error) {
      // The entries still expire on their own, within their TTL.
      this.logger.warn(`redis: could not invalidate ${group}: ${(error as Error).message}`);
    }
  }

  override async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

/** Redis when a URL is given, else this process's memory. */
export function cacheStoreFor(redisUrl: string | undefined): CacheStore {
  return redisUrl ? new RedisCacheStore(redisUrl) : new MemoryCacheStore();
}
