import { TestApp, createTestApp, fieldsOf } from '@app/testing';
import request from 'supertest';
import { reportingService } from '../src/reporting.service';
import { deliver, locationEvent, productEvent, stockEvent, storeEvent } from './fixtures';

/** Every filter of every endpoint: a bad value is a 400 naming the field, an unknown id a 404 naming the thing. */
describe('report filters', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(reportingService, { env: { REPORT_CACHE_TTL_SECONDS: '0' } });
    await deliver(t, productEvent(1, '2.50', [10, 'Drinks']), locationEvent(1, 'Warehouse', 'WAREHOUSE'), storeEvent(1, 2, 'A'));
    await deliver(t, stockEvent([[1, 1, 10, 0, 5, 1]]));
  });

  afterAll(() => t.close());

  const badRequest = async (path: string) => {
    const response = await request(t.http).get(`/api/v1${path}`).expect(400);
    expect(response.body).toMatchObject({ status_code: 400, code: 'VALIDATION_FAILED' });
    return fieldsOf(response.body);
  };

  const PERIOD_ENDPOINTS = ['/reports/sales', '/reports/performance', '/analytics/trends'];

  describe.each(PERIOD_ENDPOINTS)('%s', (endpoint) => {
    it.each([
      ['from=2026-02-30', 'from'],
      ['from=yesterday', 'from'],
      ['from=2026-01-05T10:00:00Z', 'from'],
      ['to=2026-13-01', 'to'],
      ['to=', 'to'],
      ['from=2026-02-01&to=2026-01-31', 'from'],
      ['from=2024-01-01&to=2025-12-31', 'to'],
      ['store_id=abc', 'store_id'],
      ['store_id=0', 'store_id'],
      ['store_id=1.5', 'store_id'],
      ['colour=red', 'colour'],
    ])('refuses %s, naming %s', async (query, field) => {
      expect(await badRequest(`${endpoint}?${query}`)).toEqual([field]);
    });

    it('accepts a period of exactly 366 days and a single day', async () => {
      await request(t.http).get(`/api/v1${endpoint}?from=2024-01-01&to=2024-12-31`).expect(200);
      await request(t.http).get(`/api/v1${endpoint}?from=2026-01-05&to=2026-01-05`).expect(200);
    });

    it('answers 404 for a store no event ever named', async () => {
      const response = await request(t.http).get(`/api/v1${endpoint}?store_id=99`).expect(404);
      expect(response.body).toMatchObject({ code: 'STORE_NOT_FOUND', message: 'Store 99 not found' });
    });
  });

  describe.each(['/reports/sales', '/analytics/trends'])('%s channel and category', (endpoint) => {
    it.each([
      ['channel=web', 'channel'],
      ['channel=ONLINE', 'channel'],
      ['category_id=-1', 'category_id'],
      ['store_id=1&channel=online', 'channel'],
    ])('refuses %s, naming %s', async (query, field) => {
      expect(await badRequest(`${endpoint}?${query}`)).toEqual([field]);
    });

    it('answers 404 for an unknown category', async () => {
      const response = await request(t.http).get(`/api/v1${endpoint}?category_id=99`).expect(404);
      expect(response.body.code).toBe('CATEGORY_NOT_FOUND');
    });

    it('accepts every channel', async () => {
      for (const channel of ['all', 'in_store', 'online']) {
        await request(t.http).get(`/api/v1${endpoint}?channel=${channel}&category_id=10`).expect(200);
      }
    });
  });

  describe('/analytics/trends options', () => {
    it.each([
      ['metric=profit', 'metric'],
      ['window=1', 'window'],
      ['window=29', 'window'],
      ['window=seven', 'window'],
      ['forecast_days=0', 'forecast_days'],
      ['forecast_days=31', 'forecast_days'],
    ])('refuses %s, naming %s', async (query, field) => {
      expect(await badRequest(`/analytics/trends?${query}`)).toEqual([field]);
    });
  });

  describe('/reports/performance options', () => {
    it.each([
      ['top=0', 'top'],
      ['top=21', 'top'],
    ])('refuses %s, naming %s', async (query, field) => {
      expect(await badRequest(`/reports/performance?${query}`)).toEqual([field]);
    });
  });

  describe('/reports/inventory', () => {
    it.each([
      ['location_id=x', 'location_id'],
      ['product_id=0', 'product_id'],
      ['category_id=2147483648', 'category_id'],
      ['low_stock_only=maybe', 'low_stock_only'],
      ['limit=0', 'limit'],
      ['limit=101', 'limit'],
      ['offset=-1', 'offset'],
      ['from=2026-01-01', 'from'],
    ])('refuses %s, naming %s', async (query, field) => {
      expect(await badRequest(`/reports/inventory?${query}`)).toEqual([field]);
    });

    it.each([
      ['location_id=99', 'LOCATION_NOT_FOUND'],
      ['product_id=99', 'PRODUCT_NOT_FOUND'],
      ['category_id=99', 'CATEGORY_NOT_FOUND'],
    ])('answers 404 for %s', async (query, code) => {
      const response = await request(t.http).get(`/api/v1/reports/inventory?${query}`).expect(404);
      expect(response.body.code).toBe(code);
    });

    it('knows a location from its stock before its own event arrives', async () => {
      await deliver(t, stockEvent([[1, 7, 3, 0, 5, 1]]));
      const { body } = await request(t.http).get('/api/v1/reports/inventory?location_id=7').expect(200);
      expect(body.by_location).toEqual([expect.objectContaining({ location_id: 7, name: null, on_hand: 3 })]);
    });
  });

  describe('numbers that are not one ("NaN", "Infinity", blank)', () => {
    const NOT_INTEGERS = ['NaN', 'Infinity', '-Infinity', '', ' ', '1e3', '0x10'];

    it.each([
      ['/reports/sales', 'store_id'],
      ['/reports/sales', 'category_id'],
      ['/reports/performance', 'store_id'],
      ['/reports/performance', 'top'],
      ['/analytics/trends', 'window'],
      ['/analytics/trends', 'forecast_days'],
      ['/analytics/trends', 'category_id'],
      ['/reports/inventory', 'location_id'],
      ['/reports/inventory', 'product_id'],
      ['/reports/inventory', 'limit'],
      ['/reports/inventory', 'offset'],
      ['/dashboards', 'store_id'],
    ])('%s refuses %s', async (endpoint, field) => {
      for (const text of NOT_INTEGERS) {
        expect([text, await badRequest(`${endpoint}?${field}=${encodeURIComponent(text)}`)]).toEqual([text, [field]]);
      }
    });

    it.each(PERIOD_ENDPOINTS)('%s refuses from and to as "NaN", "Infinity" or blank', async (endpoint) => {
      for (const field of ['from', 'to']) {
        for (const text of ['NaN', 'Infinity', ' ']) {
          expect([text, await badRequest(`${endpoint}?${field}=${encodeURIComponent(text)}`)]).toEqual([text, [field]]);
        }
      }
    });
  });

  describe('/dashboards', () => {
    it('refuses a bad store and answers 404 for an unknown one', async () => {
      expect(await badRequest('/dashboards?store_id=abc')).toEqual(['store_id']);
      expect(await badRequest('/dashboards?from=2026-01-01')).toEqual(['from']);
      await request(t.http).get('/api/v1/dashboards?store_id=99').expect(404);
    });
  });
});
