import { CacheStore, ResponseCache, cacheStoreFor } from '@app/cache';
import { ServiceConfig } from '@app/config';
import { Global, Injectable, Module } from '@nestjs/common';
import { ReportingEnvironment } from '../reporting.environment';

/** JSON with keys in a fixed order, so that equal queries make equal keys. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * Report responses, each computed at most once per REPORT_CACHE_TTL_SECONDS, in this process's memory or
 * in Redis (REDIS_URL). An entry expires TTL after its computation began, so what is served is never
 * older than the TTL. Reports are only ever stale, never invalidated: the TTL is the promise.
 */
@Injectable()
export class CachedReports {
  private readonly cache: ResponseCache;

  constructor(store: CacheStore, config: ServiceConfig<ReportingEnvironment>) {
    // Instances on one database share entries; another database (another deployment, a test) has its own.
    this.cache = new ResponseCache(store, `reporting:${config.database.database}:v1`, config.env.REPORT_CACHE_TTL_SECONDS * 1000);
  }

  async getOrCompute<T>(report: string, query: object, compute: () => Promise<T>): Promise<T> {
    const text = await this.cache.getOrCompute(`${report}:${canonical(query)}`, async () => JSON.stringify(await compute()));
    return JSON.parse(text) as T;
  }
}

@Global()
@Module({
  providers: [
    {
      provide: CacheStore,
      inject: [ServiceConfig],
      useFactory: (config: ServiceConfig<ReportingEnvironment>) => cacheStoreFor(config.env.REDIS_URL),
    },
    CachedReports,
  ],
  exports: [CachedReports],
})
export class ReportCacheModule {}
