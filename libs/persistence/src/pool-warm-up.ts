import { ServiceConfig } from '@app/config';
import { Injectable, Logger, OnApplicationBootstrap, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool, PoolClient } from 'pg';
import { DataSource } from 'typeorm';

/**
 * Opens the pool's connections once the service has started (DATABASE_POOL_WARM), in the background: PostgreSQL
 * starts a process per connection, and a burst of orders on a fresh system otherwise waits for a pool-full of them
 * in every service at once. The pool keeps them (its `min` is its size).
 */
@Injectable()
export class PoolWarmUp implements OnApplicationBootstrap {
  private readonly logger = new Logger(PoolWarmUp.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Optional() private readonly config?: ServiceConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config?.warmDatabasePool) return;
    void this.warm(this.config.databasePoolSize);
  }

  async warm(size: number): Promise<number> {
    const pool = (this.dataSource.driver as unknown as { master?: Pool }).master;
    if (!pool) return 0;
    const clients = await Promise.allSettled(Array.from({ length: size }, () => pool.connect()));
    const opened = clients.filter((client): client is PromiseFulfilledResult<PoolClient> => client.status === 'fulfilled');
    for (const { value } of opened) value.release();
    if (opened.length < size) this.logger.warn(`opened ${opened.length} of ${size} database connections ahead of use`);
    return opened.length;
  }
}
