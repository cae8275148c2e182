import { CacheStore, ResponseCache, cacheStoreFor } from '@app/cache';
import { ServiceConfig } from '@app/config';
import { CallHandler, ExecutionContext, Injectable, NestInterceptor, Provider } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Observable, from, lastValueFrom } from 'rxjs';
import { InventoryEnvironment } from '../inventory.environment';

/**
 * GET /products and /products/:id responses as JSON text, for PRODUCT_CACHE_TTL_SECONDS. Every product
 * write clears them here and in Redis; an instance with its own memory may serve a page up to the TTL old.
 */
@Injectable()
export class ProductCache extends ResponseCache {
  constructor(store: CacheStore, config: ServiceConfig<InventoryEnvironment>) {
    // Instances on one database share entries in Redis; another database (a test, a deployment) has its own.
    super(store, `inventory:${config.database.database}:products:v1`, config.env.PRODUCT_CACHE_TTL_SECONDS * 1000);
  }
}

/**
 * Answers GET /products and /products/:id from the cache before the validation pipe and the handler run,
 * keyed by the request's URL (path and query as sent, like Nest's CacheInterceptor): only a URL that
 * passed validation and was answered 200 is ever stored. A profile put validation at about a tenth of a
 * cached request's CPU.
 */
@Injectable()
export class ProductCacheInterceptor implements NestInterceptor {
  constructor(private readonly cache: ProductCache) {}

  intercept(context: ExecutionContext, next: CallHandler<string>): Observable<string> {
    const { url } = context.switchToHttp().getRequest<FastifyRequest>();
    return from(this.cache.getOrCompute(url, () => lastValueFrom(next.handle())));
  }
}

export const productCacheProviders: Provider[] = [
  {
    provide: CacheStore,
    inject: [ServiceConfig],
    useFactory: (config: ServiceConfig<InventoryEnvironment>) => cacheStoreFor(config.env.REDIS_URL),
  },
  ProductCache,
  ProductCacheInterceptor,
];
