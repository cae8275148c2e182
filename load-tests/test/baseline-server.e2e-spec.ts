import { TestApp, createTestApp } from '@app/testing';
import { ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { Client, QueryConfig } from 'pg';
import request from 'supertest';
import { inventoryService } from '../../apps/inventory/src/inventory.service';
import { seedDemoData } from '../../apps/inventory/src/seed/demo-data';

const { PAGE_SQL } = require('../lib/products-page.js') as { PAGE_SQL: string };

/** The bench's raw baseline is only fair if it does inventory's work: the same statements, the same answer. */
describe('bench raw baseline (lib/baseline-server.mjs)', () => {
  let t: TestApp;
  let baseline: ChildProcess;
  let baselineUrl: string;

  beforeAll(async () => {
    // The baseline does inventory's uncached work: inventory's cache is off here.
    t = await createTestApp(inventoryService, { env: { PRODUCT_CACHE_TTL_SECONDS: '0' } });
    await seedDemoData(t.dataSource);
    baseline = fork(resolve(__dirname, '../lib/baseline-server.mjs'), [], {
      env: { ...process.env, DATABASE_URL: t.database.url, POOL_SIZE: '2' },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const [message] = (await once(baseline, 'message')) as [{ port: number }];
    baselineUrl = `http://127.0.0.1:${message.port}`;
  });

  afterAll(async () => {
    baseline.kill();
    await t.close();
  });

  it.each(['?limit=20', '?limit=20&offset=20', '?limit=5&offset=3', '', '?offset=1000'])(
    'answers GET /api/v1/products%s as inventory does',
    async (query) => {
      const fromInventory = await request(t.http).get(`/api/v1/products${query}`).expect(200);
      const fromBaseline = await fetch(`${baselineUrl}/api/v1/products${query}`);
      expect(fromBaseline.status).toBe(200);
      expect(await fromBaseline.json()).toEqual(fromInventory.body);
      expect(fromInventory.body.total).toBeGreaterThan(0);
    },
  );

  it('runs the statement inventory runs for a page of 20', async () => {
    const statements: string[] = [];
    // Record every statement sent to PostgreSQL during the request, without changing what happens.
    // eslint-disable-next-line @typescript-eslint/unbound-method -- kept to be called with apply(this) and put back
    const real = Client.prototype.query;
    Client.prototype.query = function (this: Client, ...args: unknown[]) {
      const [config] = args as [string | QueryConfig];
      statements.push(typeof config === 'string' ? config : config.text);
      return (real as (...all: unknown[]) => unknown).apply(this, args);
    } as typeof real;
    try {
      await request(t.http).get('/api/v1/products?limit=20').expect(200);
    } finally {
      Client.prototype.query = real;
    }
    expect(statements).toEqual([PAGE_SQL]);
  });
});
