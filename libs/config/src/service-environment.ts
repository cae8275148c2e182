import { Expose } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const POSTGRES_URL = /^postgres(ql)?:\/\/.+/;
const NATS_URL = /^nats:\/\/.+/;

/** Settings every service reads from its environment. Property names are the variable names. */
export class ServiceEnvironment {
  @Expose() @IsIn(['development', 'production', 'test']) NODE_ENV: string = 'development';

  @Expose() @IsOptional() @IsIn(LOG_LEVELS) LOG_LEVEL?: LogLevel;

  @Expose() @IsOptional() @IsString() HOST?: string;

  @Expose() @IsOptional() @IsInt() @Min(0) @Max(65535) PORT?: number;

  /** Port of the request/response message listener when the TCP transport is used. */
  @Expose() @IsOptional() @IsInt() @Min(0) @Max(65535) TCP_PORT?: number;

  @Expose() @IsOptional() @Matches(NATS_URL, { message: 'NATS_URL must look like nats://host:4222' }) NATS_URL?: string;

  /** A PostgreSQL server shared by the services; each uses its own database on it. */
  @Expose()
  @IsOptional()
  @Matches(POSTGRES_URL, { message: 'DATABASE_URL must look like postgres://user:password@host:5432' })
  DATABASE_URL?: string;

  /** Name of this service's database on DATABASE_URL's server (default: the service name). */
  @Expose() @IsOptional() @Matches(/^[a-z_][a-z0-9_]{0,62}$/) DATABASE_NAME?: string;

  @Expose() @IsInt() @Min(1) @Max(200) DATABASE_POOL_SIZE: number = 10;

  /** `false` behind a pooler that moves sessions between clients (PgBouncer in transaction mode before 1.21). */
  @Expose() @IsIn(['true', 'false']) DATABASE_PREPARED_STATEMENTS: 'true' | 'false' = 'true';

  /** Embedded PostgreSQL, used when no database URL is configured. */
  @Expose() @IsInt() @Min(1024) @Max(65535) EMBEDDED_PG_PORT: number = 54329;
  @Expose() @IsString() EMBEDDED_PG_DIR: string = '.data/postgres';

  /** How often the outbox relay looks for undelivered events (0: never; tests drive it by hand). */
  @Expose() @IsOptional() @IsInt() @Min(0) @Max(60_000) OUTBOX_RELAY_INTERVAL_MS?: number;

  /** How long an event delivered to every subscriber stays in the outbox (0: for ever). */
  @Expose() @IsInt() @Min(0) @Max(87_600) OUTBOX_RETENTION_HOURS: number = 168;

  /** `auto`: load demo data into an embedded database whose catalogue is empty. */
  @Expose() @IsIn(['auto', 'true', 'false']) SEED_DEMO_DATA: 'auto' | 'true' | 'false' = 'auto';
}
