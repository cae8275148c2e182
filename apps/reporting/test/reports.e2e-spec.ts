import { TestApp, createTestApp } from '@app/testing';
import request from 'supertest';
import { reportingService } from '../src/reporting.service';
import { HISTORY, deliver, saleEvent } from './fixtures';

const PERIOD = 'from=2026-01-05&to=2026-01-18';

const figures = (
  gross: string,
  refunds: string,
  net: string,
  [sold, returned]: [number, number],
  [transactions, returns]: [number, number],
  basket: string,
) => ({
  gross_revenue: gross,
  refunds,
  net_revenue: net,
  units_sold: sold,
  units_returned: returned,
  net_units: sold - returned,
  transactions,
  returns,
  average_basket: basket,
});
const ZERO = figures('0.00', '0.00', '0.00', [0, 0], [0, 0], '0.00');

describe('reports', () => {
  let t: TestApp;
  const get = (path: string) => request(t.http).get(`/api/v1${path}`);

  beforeAll(async () => {
    t = await createTestApp(reportingService, { env: { REPORT_CACHE_TTL_SECONDS: '0' } });
    await deliver(t, ...HISTORY);
  });

  afterAll(() => t.close());

  describe('GET /reports/sales', () => {
    it('sums sales and nets out returns, by channel, store, category, product and day', async () => {
      const { body } = await get(`/reports/sales?${PERIOD}`).expect(200);
      expect(body).toMatchObject({ from: '2026-01-05', to: '2026-01-18', store_id: null, channel: 'all', category_id: null });
      expect(body.totals).toEqual(figures('40.70', '6.50', '34.20', [17, 2], [5, 2], '8.14'));
      expect(body.by_channel).toEqual([
        { channel: 'in_store', ...figures('30.70', '6.50', '24.20', [13, 2], [4, 2], '7.68') },
        { channel: 'online', ...figures('10.00', '0.00', '10.00', [4, 0], [1, 0], '10.00') },
      ]);
      expect(body.by_store).toEqual([
        { store_id: 1, store_code: 'ST-1', store_name: 'Store A', ...figures('15.00', '2.50', '12.50', [8, 1], [2, 1], '7.50') },
        { store_id: 2, store_code: 'ST-2', store_name: 'Store B', ...figures('15.70', '4.00', '11.70', [5, 1], [2, 1], '7.85') },
      ]);
      expect(body.by_category).toEqual([
        { category_id: 10, category_name: 'Drinks', ...figures('24.70', '2.50', '22.20', [13, 1], [4, 1], '6.18') },
        { category_id: 20, category_name: 'Snacks', ...figures('16.00', '4.00', '12.00', [4, 1], [2, 1], '8.00') },
      ]);
      expect(body.by_product.map((p: { product_id: number; net_revenue: string }) => [p.product_id, p.net_revenue])).toEqual([
        [1, '15.00'],
        [3, '12.00'],
        [2, '7.20'],
      ]);
      expect(body.by_product[0]).toEqual({
        product_id: 1,
        sku: 'SKU-1',
        name: 'Product 1',
        category_id: 10,
        ...figures('17.50', '2.50', '15.00', [7, 1], [3, 1], '5.83'),
      });
      expect(body.by_day).toHaveLength(14);
      const day = (date: string) => body.by_day.find((d: { date: string }) => d.date === date);
      expect(day('2026-01-05')).toEqual({ date: '2026-01-05', ...figures('9.00', '0.00', '9.00', [3, 0], [1, 0], '9.00') });
      expect(day('2026-01-06')).toEqual({ date: '2026-01-06', ...figures('19.70', '0.00', '19.70', [11, 0], [3, 0], '6.57') });
      expect(day('2026-01-07')).toEqual({ date: '2026-01-07', ...figures('0.00', '2.50', '-2.50', [0, 1], [0, 1], '0.00') });
      expect(day('2026-01-18')).toEqual({ date: '2026-01-18', ...ZERO });
    });

    it("narrows to one store's till sales", async () => {
      const { body } = await get(`/reports/sales?${PERIOD}&store_id=1`).expect(200);
      expect(body).toMatchObject({ store_id: 1, channel: 'in_store' });
      expect(body.totals).toEqual(figures('15.00', '2.50', '12.50', [8, 1], [2, 1], '7.50'));
      expect(body.by_channel.map((c: { channel: string }) => c.channel)).toEqual(['in_store']);
      expect(body.by_store.map((s: { store_id: number }) => s.store_id)).toEqual([1]);
    });

    it('narrows to a channel and to a category', async () => {
      const online = (await get(`/reports/sales?${PERIOD}&channel=online`).expect(200)).body;
      expect(online.totals).toEqual(figures('10.00', '0.00', '10.00', [4, 0], [1, 0], '10.00'));
      expect(online.by_store).toEqual([]);
      const snacks = (await get(`/reports/sales?${PERIOD}&category_id=20`).expect(200)).body;
      expect(snacks.totals).toEqual(figures('16.00', '4.00', '12.00', [4, 1], [2, 1], '8.00'));
      expect(snacks.by_product.map((p: { product_id: number }) => p.product_id)).toEqual([3]);
    });

    it('defaults to the 30 days ending today', async () => {
      const { body } = await get('/reports/sales').expect(200);
      const today = new Date().toISOString().slice(0, 10);
      expect(body.to).toBe(today);
      expect(body.by_day).toHaveLength(30);
      expect(body.by_day[29].date).toBe(today);
    });
  });

  describe('GET /reports/inventory', () => {
    it('values stock at current prices, lists low stock by shortfall and the open restock requests', async () => {
      const { body } = await get('/reports/inventory').expect(200);
      expect(body.totals).toEqual({
        levels: 5,
        on_hand: 165,
        reserved: 12,
        available: 153,
        stock_value: '390.50',
        low_stock_levels: 3,
        unpriced_levels: 0,
      });
      expect(body.by_location).toEqual([
        expect.objectContaining({ location_id: 1, name: 'Warehouse', type: 'WAREHOUSE', on_hand: 140, stock_value: '298.00' }),
        expect.objectContaining({ location_id: 2, name: 'Store A shelf', on_hand: 25, reserved: 2, stock_value: '92.50' }),
        expect.objectContaining({ location_id: 3, on_hand: 0, stock_value: '0.00', low_stock_levels: 1 }),
      ]);
      expect(body.levels).toMatchObject({ total: 5, limit: 20, offset: 0 });
      expect(body.levels.data[0]).toEqual({
        product_id: 1,
        sku: 'SKU-1',
        name: 'Product 1',
        category_id: 10,
        category_name: 'Drinks',
        location_id: 1,
        location_name: 'Warehouse',
        on_hand: 100,
        reserved: 10,
        available: 90,
        reorder_level: 50,
        low_stock: false,
        unit_price: '2.50',
        stock_value: '250.00',
        changed_at: expect.any(String),
      });
      expect(body.low_stock_alerts.total).toBe(3);
      expect(
        body.low_stock_alerts.data.map(
          (a: { product_id: number; location_id: number; shortfall: number; restock_pending_units: number }) => [
            a.product_id,
            a.location_id,
            a.shortfall,
            a.restock_pending_units,
          ],
        ),
      ).toEqual([
        [2, 1, 10, 0],
        [3, 3, 10, 30],
        [1, 2, 5, 25],
      ]);
      expect(body.open_restock_requests).toMatchObject({ total: 2, units: 55 });
      expect(body.open_restock_requests.data.map((r: { restock_request_id: number }) => r.restock_request_id)).toEqual([1, 2]);
    });

    it('narrows to a location, a product or a category, and pages the levels', async () => {
      const store = (await get('/reports/inventory?location_id=2').expect(200)).body;
      expect(store.totals).toMatchObject({ levels: 2, on_hand: 25, stock_value: '92.50', low_stock_levels: 1 });
      expect(store.open_restock_requests.total).toBe(1);
      const product = (await get('/reports/inventory?product_id=3').expect(200)).body;
      expect(product.totals).toMatchObject({ levels: 2, on_hand: 20, stock_value: '80.00' });
      const drinks = (await get('/reports/inventory?category_id=10').expect(200)).body;
      expect(drinks.totals).toMatchObject({ levels: 3, stock_value: '310.50' });
      const page = (await get('/reports/inventory?low_stock_only=true&limit=2&offset=1').expect(200)).body;
      expect(page.levels.total).toBe(3);
      expect(page.levels.data.map((l: { product_id: number; location_id: number }) => [l.product_id, l.location_id])).toEqual([
        [1, 2],
        [3, 3],
      ]);
      expect(page.totals.levels).toBe(5);
    });
  });

  describe('GET /reports/performance', () => {
    it('ranks the stores by net revenue with basket, return rates and best and worst products', async () => {
      const { body } = await get(`/reports/performance?${PERIOD}&top=1`).expect(200);
      expect(body.ranked_by).toBe('net_revenue');
      expect(body.stores).toEqual([
        {
          rank: 1,
          store_id: 1,
          store_code: 'ST-1',
          store_name: 'Store A',
          ...figures('15.00', '2.50', '12.50', [8, 1], [2, 1], '7.50'),
          return_rate: 0.125,
          refund_rate: 0.1667,
          best_products: [{ product_id: 2, name: 'Product 2', net_revenue: '6.00', net_units: 5 }],
          worst_products: [{ product_id: 1, name: 'Product 1', net_revenue: '2.50', net_units: 1 }],
        },
        {
          rank: 2,
          store_id: 2,
          store_code: 'ST-2',
          store_name: 'Store B',
          ...figures('15.70', '4.00', '11.70', [5, 1], [2, 1], '7.85'),
          return_rate: 0.2,
          refund_rate: 0.2548,
          best_products: [{ product_id: 3, name: 'Product 3', net_revenue: '8.00', net_units: 2 }],
          worst_products: [{ product_id: 2, name: 'Product 2', net_revenue: '1.20', net_units: 1 }],
        },
      ]);
    });

    it('gives one store with its rank among all, and never lists a product as best and worst', async () => {
      const { body } = await get(`/reports/performance?${PERIOD}&store_id=2`).expect(200);
      expect(body.stores).toHaveLength(1);
      expect(body.stores[0]).toMatchObject({ store_id: 2, rank: 2 });
      expect(body.stores[0].best_products.map((p: { product_id: number }) => p.product_id)).toEqual([3, 1, 2]);
      expect(body.stores[0].worst_products).toEqual([]);
    });
  });

  describe('GET /analytics/trends', () => {
    it('gives the daily series with moving average, week-over-week change and a stated forecast', async () => {
      const { body } = await get('/analytics/trends?from=2026-01-12&to=2026-01-18').expect(200);
      expect(body).toMatchObject({ metric: 'net_revenue', window: 7, from: '2026-01-12', to: '2026-01-18' });
      expect(body.series).toHaveLength(7);
      expect(body.series[0]).toEqual({
        date: '2026-01-12',
        value: '12.00',
        moving_average: '4.17',
        week_over_week_change: '3.00',
        week_over_week_percent: 33.33,
      });
      expect(body.series[1]).toMatchObject({ date: '2026-01-13', value: '-4.00', week_over_week_change: '-23.70' });
      expect(body.series[1].week_over_week_percent).toBe(-120.3);
      expect(body.week_over_week).toEqual({
        last_7_days: { from: '2026-01-12', to: '2026-01-18', total: '8.00' },
        previous_7_days: { from: '2026-01-05', to: '2026-01-11', total: '26.20' },
        change: '-18.20',
        change_percent: -69.47,
      });
      expect(body.forecast).toMatchObject({ method: 'trailing_mean', basis_from: '2026-01-12', basis_to: '2026-01-18' });
      expect(body.forecast.description).toMatch(/mean of the 7 complete days/);
      expect(body.forecast.days).toEqual(
        ['19', '20', '21', '22', '23', '24', '25'].map((d) => ({ date: `2026-01-${d}`, value: '1.14' })),
      );
    });

    it('follows another metric, window and horizon', async () => {
      const { body } = await get(
        '/analytics/trends?from=2026-01-12&to=2026-01-13&metric=units_sold&window=2&forecast_days=1',
      ).expect(200);
      expect(body.series.map((p: { value: string; moving_average: string }) => [p.value, p.moving_average])).toEqual([
        ['3.00', '1.50'],
        ['0.00', '1.50'],
      ]);
      expect(body.forecast.days).toEqual([{ date: '2026-01-14', value: '1.50' }]);
    });

    it('leaves today out of the forecast basis: it is not over', async () => {
      const today = new Date().toISOString().slice(0, 10);
      const { body } = await get('/analytics/trends').expect(200);
      expect(body.to).toBe(today);
      expect(body.forecast.basis_to < today).toBe(true);
    });
  });

  describe('GET /dashboards', () => {
    it("gives today, this week, alerts and top products, for all stores or one store's location", async () => {
      const now = new Date();
      const weekAgo = new Date(now.getTime() - 7 * 24 * 3600 * 1000);
      await deliver(
        t,
        saleEvent(10, 1, 2, now.toISOString(), [[1, 2, '2.50']]),
        saleEvent(11, 1, 2, weekAgo.toISOString(), [[1, 1, '2.50']]),
      );
      const { body } = await get('/dashboards?store_id=1').expect(200);
      const today = now.toISOString().slice(0, 10);
      expect(body).toMatchObject({ store_id: 1, store_name: 'Store A' });
      expect(body.today).toMatchObject({ from: today, to: today, net_revenue: '5.00', transactions: 1 });
      expect(body.today.compared_with).toMatchObject({ net_revenue: '2.50', transactions: 1, net_revenue_change_percent: 100 });
      expect(body.this_week.to).toBe(today);
      expect(new Date(body.this_week.from).getUTCDay()).toBe(1);
      expect(body.this_week.net_revenue).toBe('5.00');
      expect(body.top_products).toEqual([{ product_id: 1, name: 'Product 1', net_revenue: '5.00', net_units: 2 }]);
      expect(body.alerts).toMatchObject({ low_stock_levels: 1, open_restock_requests: 1, open_restock_units: 25 });
      expect(body.alerts.low_stock.map((a: { location_id: number }) => a.location_id)).toEqual([2]);

      const all = (await get('/dashboards').expect(200)).body;
      expect(all).toMatchObject({ store_id: null, store_name: null });
      expect(all.alerts).toMatchObject({ low_stock_levels: 3, open_restock_requests: 2 });
    });
  });
});
