import { ServiceEnvironment } from '@app/config';
import { Expose } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

export class ReportingEnvironment extends ServiceEnvironment {
  /** How long a report response may be served from the cache (0: never cached). */
  @Expose() @IsInt() @Min(0) @Max(24 * 3600) REPORT_CACHE_TTL_SECONDS: number = 30;

  /** Cache report responses in Redis (shared by every instance) instead of in each process's memory. */
  @Expose()
  @IsOptional()
  @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must look like redis://host:6379' })
  REDIS_URL?: string;
}
