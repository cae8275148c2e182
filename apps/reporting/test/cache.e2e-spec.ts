import { TestApp, createTestApp } from '@app/testing';
import request from 'supertest';
import { reportingService } from '../src/reporting.service';
import { HISTORY, deliver, saleEvent } from './fixtures';

const TTL_MS = 1000;
const SALES = '/api/v1/reports/sales?from=2026-01-01&to=2026-01-31';

let sales = 1000;
const newSale = () => saleEvent(++sales, 1, 2, '2026-01-20T10:00:00.000Z', [[1, 1, '2.50']]);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * What any cache backend must do: serve the same response within the TTL, and never one older than the
 * TTL, so that a change shows within TTL at the latest.
 */
function behavesAsAReportCache(start: () => Promise<TestApp>) {
  let t: TestApp;

  beforeAll(async () => {
    t = await start();
    await deliver(t, ...HISTORY);
  });

  afterAll(() => t.close());

  const report = async () => {
    const { body } = await request(t.http).get(SALES).expect(200);
    return { body, age: Date.now() - Date.parse(body.generated_at) };
  };

  it('serves the cached response within the TTL, then a fresh one', async () => {
    const first = await report();
    await deliver(t, newSale());
    const cached = await report();
    expect(cached.body).toEqual(first.body);
    await sleep(TTL_MS + 50);
    const fresh = await report();
    expect(fresh.body.generated_at).not.toBe(first.body.generated_at);
    expect(fresh.body.totals.transactions).toBe(first.body.totals.transactions + 1);
  });

  it('never serves a response older than the TTL', async () => {
    const generated = new Set<string>();
    const deadline = Date.now() + 3 * TTL_MS;
    while (Date.now() < deadline) {
      const { body, age } = await report();
      generated.add(body.generated_at);
      // The client's clock reads the age after the response arrived: allow for that trip only.
      expect(age).toBeLessThanOrEqual(TTL_MS + 100);
      await sleep(50);
    }
    expect(generated.size).toBeGreaterThanOrEqual(2);
  });

  it('keeps one entry per query', async () => {
    const january = (await request(t.http).get(SALES).expect(200)).body;
    const store = (await request(t.http).get(`${SALES}&store_id=2`).expect(200)).body;
    expect(store.totals.gross_revenue).not.toBe(january.totals.gross_revenue);
    expect(store.store_id).toBe(2);
  });
}

describe('report cache in memory (default)', () => {
  behavesAsAReportCache(() => createTestApp(reportingService, { env: { REPORT_CACHE_TTL_SECONDS: String(TTL_MS / 1000) } }));
});

describe('report cache turned off', () => {
  it('computes every response when REPORT_CACHE_TTL_SECONDS=0', async () => {
    const t = await createTestApp(reportingService, { env: { REPORT_CACHE_TTL_SECONDS: '0' } });
    try {
      await deliver(t, ...HISTORY);
      const first = (await request(t.http).get(SALES).expect(200)).body;
      await deliver(t, newSale());
      const second = (await request(t.http).get(SALES).expect(200)).body;
      expect(second.totals.transactions).toBe(first.totals.transactions + 1);
    } finally {
      await t.close();
    }
  });
});

const redisUrl = process.env.REDIS_TEST_URL;
if (!redisUrl) console.warn('report cache in Redis: skipped (set REDIS_TEST_URL=redis://127.0.0.1:6379 to run it)');

(redisUrl ? describe : describe.skip)('report cache in Redis (REDIS_TEST_URL)', () => {
  const env = { REPORT_CACHE_TTL_SECONDS: String(TTL_MS / 1000), REDIS_URL: redisUrl! };

  describe('one instance', () => {
    behavesAsAReportCache(() => createTestApp(reportingService, { env }));
  });

  it('is shared by the instances of one database', async () => {
    const first = await createTestApp(reportingService, { env: { ...env, REPORT_CACHE_TTL_SECONDS: '30' } });
    const second = await createTestApp(reportingService, {
      env: { ...env, REPORT_CACHE_TTL_SECONDS: '30' },
      database: first.database,
    });
    try {
      await deliver(first, ...HISTORY);
      const cached = (await request(first.http).get(SALES).expect(200)).body;
      await deliver(first, newSale());
      expect((await request(second.http).get(SALES).expect(200)).body).toEqual(cached);
    } finally {
      await second.app.close();
      await first.close();
    }
  });

  it('still answers, uncached, when Redis cannot be reached', async () => {
    const t = await createTestApp(reportingService, { env: { ...env, REDIS_URL: 'redis://127.0.0.1:1' } });
    try {
      await deliver(t, ...HISTORY);
      const started = Date.now();
      const first = (await request(t.http).get(SALES).expect(200)).body;
      await deliver(t, newSale());
      const second = (await request(t.http).get(SALES).expect(200)).body;
      expect(second.totals.transactions).toBe(first.totals.transactions + 1);
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      await t.close();
    }
  });
});
