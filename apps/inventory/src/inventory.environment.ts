import { ServiceEnvironment } from '@app/config';
import { Expose } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

export class InventoryEnvironment extends ServiceEnvironment {
  /** Default lifetime of a stock reservation; the saga's deadline should match it. */
  @Expose() @IsInt() @Min(1) @Max(7 * 24 * 3600) RESERVATION_TTL_SECONDS: number = 900;

  /** How often expired reservations are released. */
  @Expose() @IsInt() @Min(1) @Max(3600) RESERVATION_SWEEP_SECONDS: number = 30;

  /**
   * How long GET /products responses may be served from the cache (0: never cached). A write clears this
   * instance's cache (and Redis's) at once; other instances with their own memory may lag by up to this.
   */
  @Expose() @IsInt() @Min(0) @Max(3600) PRODUCT_CACHE_TTL_SECONDS: number = 5;

  /** Cache product responses in Redis (shared by every instance) instead of in each process's memory. */
  @Expose()
  @IsOptional()
  @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must look like redis://host:6379' })
  REDIS_URL?: string;
}
