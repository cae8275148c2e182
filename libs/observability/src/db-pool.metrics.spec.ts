import { databaseUrl } from '@app/persistence';
import { testServerUrl } from '@app/testing';
import { register } from 'prom-client';
import { DataSource } from 'typeorm';
import { DB_POOL_CONNECTIONS, DB_POOL_MAX_CONNECTIONS, DatabasePoolMetrics } from './db-pool.metrics';

async function poolState(): Promise<Record<string, number>> {
  const metric = await register.getSingleMetric(DB_POOL_CONNECTIONS)!.get();
  const max = await register.getSingleMetric(DB_POOL_MAX_CONNECTIONS)!.get();
  return {
    ...Object.fromEntries(metric.values.map((value) => [value.labels.state, value.value])),
    max: max.values[0].value,
  };
}

describe(DatabasePoolMetrics.name, () => {
  let dataSource: DataSource;
  let metrics: DatabasePoolMetrics;

  beforeAll(async () => {
    dataSource = await new DataSource({
      type: 'postgres',
      url: databaseUrl(testServerUrl(), 'postgres'),
      extra: { max: 1 },
    }).initialize();
    metrics = new DatabasePoolMetrics(dataSource);
    metrics.onModuleInit();
  });

  afterAll(async () => {
    metrics.onApplicationShutdown();
    await dataSource.destroy();
  });

  it('reports open, idle and waiting connections as they are at scrape time', async () => {
    const runner = dataSource.createQueryRunner();
    await runner.connect(); // holds the pool's only connection
    const waiting = dataSource.query('SELECT 1');
    await new Promise((resolve) => setImmediate(resolve));
    expect(await poolState()).toEqual({ total: 1, idle: 0, waiting: 1, max: 1 });

    await runner.release();
    await waiting;
    expect(await poolState()).toEqual({ total: 1, idle: 1, waiting: 0, max: 1 });
  });

  it('stops counting a data source once its app has shut down', async () => {
    metrics.onApplicationShutdown();
    expect(await poolState()).toEqual({ total: 0, idle: 0, waiting: 0, max: 0 });
    metrics.onModuleInit();
    expect((await poolState()).max).toBe(1);
  });
});
