import { TestApp, createTestApp } from '@app/testing';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { inventoryService } from '../src/inventory.service';

/** DATABASE_POOL_WARM (on by default, off in the other tests): the pool is full and stays so before any request. */
describe('database pool warm-up', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(inventoryService, { env: { DATABASE_POOL_WARM: 'true', DATABASE_POOL_SIZE: '4' } });
  });

  afterAll(() => t.close());

  it('opens every connection of the pool after start-up and keeps them', async () => {
    const pool = (t.app.get(DataSource).driver as unknown as { master: Pool & { options: { min: number } } }).master;
    const deadline = Date.now() + 5000;
    while (pool.idleCount < 4 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect({ total: pool.totalCount, idle: pool.idleCount, min: pool.options.min }).toEqual({ total: 4, idle: 4, min: 4 });
  });
});
