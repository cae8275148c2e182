import { ServiceEnvironment } from '@app/config';
import { Expose } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { dirname, join, resolve } from 'node:path';

/** What `npm start` reads from its environment, on top of what every service reads. */
export class StartEnvironment extends ServiceEnvironment {
  @Expose() @IsInt() @Min(1) @Max(5) INSTANCES: number = 1;
  /** Gateway processes in front (ports +10 each); with REDIS_URL they enforce one rate limit between them. */
  @Expose() @IsInt() @Min(1) @Max(4) GATEWAYS: number = 1;
  /** Redis for the caches and the gateways' rate-limit counters; unset: each process keeps its own in memory. */
  @Expose()
  @IsOptional()
  @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must look like redis://host:6379' })
  REDIS_URL?: string;
  /** Where each process's JSON log goes (default: `logs` beside the embedded database's folder, `.data/logs`). */
  @Expose() @IsOptional() @IsString() LOG_DIR?: string;
  /** `1`: the services' logs in this terminal, as before they went to files. */
  @Expose() @IsIn(['0', '1', 'true', 'false']) LOG_TO_CONSOLE: string = '0';
  @Expose() @IsString() KONG_CONFIG: string = 'kong/kong.yml';
  @Expose() @IsInt() @Min(1) @Max(65535) GATEWAY_PORT: number = 8000;
  @Expose() @IsInt() @Min(1) @Max(65535) GATEWAY_STATUS_PORT: number = 8100;
  /** The web console (the seed's web-interface port). */
  @Expose() @IsInt() @Min(1) @Max(65535) CONSOLE_PORT: number = 8080;
  /** What the console's pages call; unset: the gateway's port on the host that served the page. */
  @Expose() @IsOptional() @IsString() CONSOLE_GATEWAY_URL?: string;
  /** ISO 4217 code the console shows money in. */
  @Expose() @Matches(/^[A-Z]{3}$/) CONSOLE_CURRENCY: string = 'EUR';
  /** `1`: the embedded PostgreSQL loads pg_stat_statements, for `npm run bench:sagas -- --count-work`. */
  @Expose() @IsIn(['0', '1']) PG_STAT_STATEMENTS: '0' | '1' = '0';
}

/** LOG_DIR, by default `logs` beside the embedded database's folder (`.data/logs`). */
export function logDirOf(env: StartEnvironment): string {
  return resolve(env.LOG_DIR ?? join(dirname(resolve(env.EMBEDDED_PG_DIR)), 'logs'));
}
