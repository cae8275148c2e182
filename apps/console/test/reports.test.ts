import { describe, expect, it } from 'vitest';
import type { LowStockAlert, ProductSales, StorePerformance, StoreSales, TrendPoint } from '../src/api/hooks/reports';
import i18n from '../src/i18n';
import {
  lowStockColumns,
  performanceColumns,
  salesByProductColumns,
  salesByStoreColumns,
  trendColumns,
} from '../src/screens/reports/columns';
import { tableCsv } from '../src/screens/reports/ReportTable';
import { lastDays, periodOf, periodProblems, validateReportSearch } from '../src/screens/reports/search';

const t = i18n.getFixedT('en', 'reports');
const figures = {
  gross_revenue: '231.17',
  refunds: '2.98',
  net_revenue: '228.19',
  units_sold: 91,
  units_returned: 2,
  net_units: 89,
  transactions: 19,
  returns: 1,
  average_basket: '12.17',
};

describe('the CSV of each report table', () => {
  it('sales by store: the headers shown, the API amounts as decimals', () => {
    const rows: StoreSales[] = [{ ...figures, store_id: 1, store_code: 'ST-PARIS', store_name: 'Paris Rivoli' }];
    expect(tableCsv(salesByStoreColumns(t), rows)).toBe(
      'Store,Code,Net revenue,Gross revenue,Refunds,Net units,Transactions,Average basket\r\n' +
        'Paris Rivoli,ST-PARIS,228.19,231.17,2.98,89,19,12.17\r\n',
    );
  });

  it('sales by product: names with a comma or quote are quoted', () => {
    const rows: ProductSales[] = [
      { ...figures, product_id: 3, sku: 'SNK-NUTS', name: 'Nuts, "mixed"', category_id: 2 },
      { ...figures, product_id: 9, sku: null, name: null, category_id: null },
    ];
    expect(tableCsv(salesByProductColumns(t), rows).split('\r\n').slice(1, 3)).toEqual([
      '"Nuts, ""mixed""",SNK-NUTS,228.19,231.17,2.98,89,19,12.17',
      '#9,,228.19,231.17,2.98,89,19,12.17',
    ]);
  });

  it('store performance: rank, rates as ratios, the best and weakest product', () => {
    const rows: StorePerformance[] = [
      {
        ...figures,
        rank: 1,
        store_id: 2,
        store_code: 'ST-LYON',
        store_name: 'Lyon Part-Dieu',
        return_rate: 0.0213,
        refund_rate: null,
        best_products: [{ product_id: 21, name: 'Laundry liquid 2l', net_revenue: '194.74', net_units: 26 }],
        worst_products: [],
      },
    ];
    expect(tableCsv(performanceColumns(t), rows)).toBe(
      'Rank,Store,Net revenue,Gross revenue,Refunds,Net units,Transactions,Average basket,Return rate,Refund rate,Best product,Weakest product\r\n' +
        '1,Lyon Part-Dieu,228.19,231.17,2.98,89,19,12.17,0.0213,,Laundry liquid 2l,\r\n',
    );
  });

  it('trends: the metric and the moving average named with its window', () => {
    const rows: TrendPoint[] = [
      {
        date: '2026-11-20',
        value: '412.35',
        moving_average: '398.10',
        week_over_week_change: '-12.40',
        week_over_week_percent: -2.92,
      },
    ];
    expect(tableCsv(trendColumns(t, 'net_revenue', 7), rows)).toBe(
      'Date,Net revenue,Moving average (7 days),Change vs 7 days before,Change vs 7 days before (%)\r\n' +
        '2026-11-20,412.35,398.10,-12.40,-2.92\r\n',
    );
  });

  it('low-stock alerts', () => {
    const rows: LowStockAlert[] = [
      {
        product_id: 8,
        name: 'Mixed nuts 200g',
        location_id: 2,
        location_name: 'Paris Rivoli',
        available: 0,
        reorder_level: 10,
        shortfall: 10,
        restock_pending_units: 0,
      },
    ];
    expect(tableCsv(lowStockColumns(t), rows)).toBe(
      'Product,Location,Available,Reorder level,Shortfall,Restock pending\r\nMixed nuts 200g,Paris Rivoli,0,10,10,0\r\n',
    );
  });
});

describe('the period of a report', () => {
  it("defaults to the API's: the 30 days ending today", () => {
    expect(periodOf({}, '2026-12-02')).toEqual({ from: '2026-11-03', to: '2026-12-02' });
    expect(periodOf({ to: '2026-03-01' }, '2026-12-02')).toEqual({ from: '2026-01-31', to: '2026-03-01' });
    expect(lastDays(7, '2026-12-02')).toEqual({ from: '2026-11-26', to: '2026-12-02' });
  });

  it("is checked with the API's rules", () => {
    expect(periodProblems('2026-11-01', '2026-11-30')).toEqual({});
    expect(periodProblems('2026-11-01', '2026-11-01')).toEqual({});
    expect(periodProblems('', '2026-11-30')).toEqual({ from: 'invalid' });
    expect(periodProblems('2024-02-30', '2024-03-01')).toEqual({ from: 'invalid' });
    expect(periodProblems('2026-12-01', '2026-11-30')).toEqual({ from: 'reversed' });
    expect(periodProblems('2025-01-01', '2026-01-01')).toEqual({});
    expect(periodProblems('2025-01-01', '2026-01-02')).toEqual({ to: 'tooLong' });
  });

  it('keeps from the URL only what is well formed', () => {
    expect(
      validateReportSearch({
        from: '2026-11-01',
        to: 'yesterday',
        store_id: '2',
        channel: 'online',
        metric: 'units_sold',
        window: 50,
        offset: 0,
        low_stock_only: 'true',
      }),
    ).toEqual({
      from: '2026-11-01',
      to: undefined,
      store_id: 2,
      channel: 'online',
      metric: 'units_sold',
      window: undefined,
      location_id: undefined,
      low_stock_only: true,
      offset: 0,
    });
    expect(validateReportSearch({ store_id: -1, channel: 'phone', metric: 'profit' })).toMatchObject({
      store_id: undefined,
      channel: undefined,
      metric: undefined,
    });
  });
});
