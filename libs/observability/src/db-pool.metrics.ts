import { Injectable, OnApplicationShutdown, OnModuleInit, Optional } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { DataSource } from 'typeorm';
import { singleMetric } from './registry';

export const DB_POOL_CONNECTIONS = 'db_pool_connections';
export const DB_POOL_MAX_CONNECTIONS = 'db_pool_max_connections';

/** What node-postgres' Pool says about itself. */
interface PgPool {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
  options?: { max?: number };
}

/** The data sources of this process; tests run several services in one process and share one registry. */
const dataSources = new Set<DataSource>();

function poolOf(dataSource: DataSource): PgPool | undefined {
  const pool = (dataSource.driver as { master?: unknown }).master as PgPool | undefined;
  return dataSource.isInitialized && typeof pool?.totalCount === 'number' ? pool : undefined;
}

function sumOver(read: (pool: PgPool) => number): number {
  let sum = 0;
  for (const dataSource of dataSources) {
    const pool = poolOf(dataSource);
    if (pool) sum += read(pool);
  }
  return sum;
}

function gauge(name: string, help: string, labelNames: string[], collect: (this: Gauge<string>) => void): Gauge<string> {
  return singleMetric(name, () => new Gauge({ name, help, labelNames, collect }));
}

/**
 * Read at scrape time rather than kept up to date, so they cost nothing between scrapes:
 * `total` connections open, `idle` among them, and queries `waiting` for one.
 */
function registerPoolGauges(): void {
  gauge(
    DB_POOL_CONNECTIONS,
    'Database pool: connections open (total), idle, and queries waiting for one',
    ['state'],
    function () {
      this.set(
        { state: 'total' },
        sumOver((pool) => pool.totalCount),
      );
      this.set(
        { state: 'idle' },
        sumOver((pool) => pool.idleCount),
      );
      this.set(
        { state: 'waiting' },
        sumOver((pool) => pool.waitingCount),
      );
    },
  );
  gauge(DB_POOL_MAX_CONNECTIONS, 'Database pool: the most connections it may open', [], function () {
    this.set(sumOver((pool) => pool.options?.max ?? 10));
  });
}

/** Exposes the service's TypeORM (node-postgres) pool on `/metrics`. */
@Injectable()
export class DatabasePoolMetrics implements OnModuleInit, OnApplicationShutdown {
  constructor(@Optional() private readonly dataSource?: DataSource) {}

  onModuleInit(): void {
    if (!this.dataSource) return; // an app without a database: nothing to report
    registerPoolGauges();
    dataSources.add(this.dataSource);
  }

  onApplicationShutdown(): void {
    if (this.dataSource) dataSources.delete(this.dataSource);
  }
}
