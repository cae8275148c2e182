import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../client';
import type { ReportingTypes } from '../client';
import type { paths } from '../generated/reporting';

type Schemas = ReportingTypes['schemas'];
export type SalesReport = Schemas['SalesReportResponse'];
export type StoreSales = Schemas['StoreSales'];
export type CategorySales = Schemas['CategorySales'];
export type ProductSales = Schemas['ProductSales'];
export type DaySales = Schemas['DaySales'];
export type StorePerformance = Schemas['StorePerformance'];
export type TrendsReport = Schemas['TrendsResponse'];
export type TrendPoint = Schemas['TrendPoint'];
export type InventoryReport = Schemas['InventoryReportResponse'];
export type LocationStock = Schemas['LocationStock'];
export type StockLevelRow = Schemas['StockLevelRow'];
export type LowStockAlert = Schemas['LowStockAlert'];

export type SalesReportQuery = NonNullable<paths['/api/v1/reports/sales']['get']['parameters']['query']>;
export type PerformanceQuery = NonNullable<paths['/api/v1/reports/performance']['get']['parameters']['query']>;
export type TrendsQuery = NonNullable<paths['/api/v1/analytics/trends']['get']['parameters']['query']>;
export type TrendMetric = NonNullable<TrendsQuery['metric']>;
export type InventoryReportQuery = NonNullable<paths['/api/v1/reports/inventory']['get']['parameters']['query']>;

/** How often a screen that watches the figures (the overview) asks again. */
type Live = { refetchInterval?: number };

/** Revenue, units and transactions by channel, store, category, product and day over a period (UTC days). */
export function useSalesReport(query: SalesReportQuery, { refetchInterval }: Live = {}) {
  return useQuery({
    queryKey: ['reports', 'sales', query],
    queryFn: () => unwrap(api.reporting.GET('/api/v1/reports/sales', { params: { query } })),
    placeholderData: keepPreviousData,
    refetchInterval,
  });
}

/** Stores ranked by net revenue over a period, with their best and worst products. */
export function usePerformanceReport(query: PerformanceQuery) {
  return useQuery({
    queryKey: ['reports', 'performance', query],
    queryFn: () => unwrap(api.reporting.GET('/api/v1/reports/performance', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

/** A daily series with its moving average, week-over-week change and the API's baseline forecast. */
export function useTrends(query: TrendsQuery) {
  return useQuery({
    queryKey: ['reports', 'trends', query],
    queryFn: () => unwrap(api.reporting.GET('/api/v1/analytics/trends', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

/** Stock value by location, stock levels (a page at a time), low-stock alerts and open restock requests. */
export function useInventoryReport(query: InventoryReportQuery) {
  return useQuery({
    queryKey: ['reports', 'inventory', query],
    queryFn: () => unwrap(api.reporting.GET('/api/v1/reports/inventory', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}
