import type { TFunction } from 'i18next';
import type {
  CategorySales,
  DaySales,
  LocationStock,
  LowStockAlert,
  ProductSales,
  StockLevelRow,
  StorePerformance,
  StoreSales,
  TrendMetric,
  TrendPoint,
} from '../../api/hooks/reports';
import type { InventoryReport, TrendsReport } from '../../api/hooks/reports';
import { Money } from '../../ui/Money';
import { DateText, MetricValue, NumberText, Percent } from './format';
import type { Column } from './ReportTable';

/** The reports namespace's translate function (tests pass i18next's fixed English one). */
export type Translate = TFunction<'reports'>;

type Figures = Pick<StoreSales, 'net_revenue' | 'gross_revenue' | 'refunds' | 'transactions' | 'net_units' | 'average_basket'>;

/** The figures every sales slice has, after the slice's own columns. */
function figureColumns<Row extends Figures>(t: Translate): Column<Row>[] {
  return [
    {
      key: 'net_revenue',
      header: t('figures.netRevenue'),
      value: (row) => row.net_revenue,
      render: (row) => <Money amount={row.net_revenue} />,
      money: true,
    },
    {
      key: 'gross_revenue',
      header: t('figures.grossRevenue'),
      value: (row) => row.gross_revenue,
      render: (row) => <Money amount={row.gross_revenue} />,
      money: true,
    },
    {
      key: 'refunds',
      header: t('figures.refunds'),
      value: (row) => row.refunds,
      render: (row) => <Money amount={row.refunds} />,
      money: true,
    },
    {
      key: 'net_units',
      header: t('figures.netUnits'),
      value: (row) => row.net_units,
      render: (row) => <NumberText value={row.net_units} />,
      numeric: true,
    },
    {
      key: 'transactions',
      header: t('figures.transactions'),
      value: (row) => row.transactions,
      render: (row) => <NumberText value={row.transactions} />,
      numeric: true,
    },
    {
      key: 'average_basket',
      header: t('figures.averageBasket'),
      value: (row) => row.average_basket,
      render: (row) => <Money amount={row.average_basket} />,
      money: true,
    },
  ];
}

export function salesByStoreColumns(t: Translate): Column<StoreSales>[] {
  return [
    { key: 'store', header: t('columns.store'), value: (row) => row.store_name ?? row.store_code ?? `#${row.store_id}` },
    { key: 'code', header: t('columns.code'), value: (row) => row.store_code },
    ...figureColumns<StoreSales>(t),
  ];
}

export function salesByCategoryColumns(t: Translate): Column<CategorySales>[] {
  return [
    { key: 'category', header: t('columns.category'), value: (row) => row.category_name ?? t('columns.noCategory') },
    ...figureColumns<CategorySales>(t),
  ];
}

export function salesByProductColumns(t: Translate): Column<ProductSales>[] {
  return [
    { key: 'product', header: t('columns.product'), value: (row) => row.name ?? `#${row.product_id}` },
    { key: 'sku', header: t('columns.sku'), value: (row) => row.sku },
    ...figureColumns<ProductSales>(t),
  ];
}

export function salesByDayColumns(t: Translate): Column<DaySales>[] {
  return [
    { key: 'date', header: t('columns.date'), value: (row) => row.date, render: (row) => <DateText day={row.date} /> },
    ...figureColumns<DaySales>(t),
  ];
}

export function performanceColumns(t: Translate): Column<StorePerformance>[] {
  const product = (products: StorePerformance['best_products']) =>
    products[0]?.name ?? (products[0] ? `#${products[0].product_id}` : null);
  return [
    { key: 'rank', header: t('columns.rank'), value: (row) => row.rank, numeric: true },
    { key: 'store', header: t('columns.store'), value: (row) => row.store_name ?? row.store_code ?? `#${row.store_id}` },
    ...figureColumns<StorePerformance>(t),
    {
      key: 'return_rate',
      header: t('columns.returnRate'),
      value: (row) => row.return_rate,
      render: (row) => <Percent ratio={row.return_rate} />,
      numeric: true,
    },
    {
      key: 'refund_rate',
      header: t('columns.refundRate'),
      value: (row) => row.refund_rate,
      render: (row) => <Percent ratio={row.refund_rate} />,
      numeric: true,
    },
    { key: 'best_product', header: t('columns.bestProduct'), value: (row) => product(row.best_products) },
    { key: 'worst_product', header: t('columns.worstProduct'), value: (row) => product(row.worst_products) },
  ];
}

export function trendColumns(t: Translate, metric: TrendMetric, window: number): Column<TrendPoint>[] {
  const value = (amount: string) => <MetricValue metric={metric} value={amount} />;
  return [
    { key: 'date', header: t('columns.date'), value: (row) => row.date, render: (row) => <DateText day={row.date} /> },
    { key: 'value', header: t(`metrics.${metric}`), value: (row) => row.value, render: (row) => value(row.value), money: true },
    {
      key: 'moving_average',
      header: t('trends.movingAverage', { window }),
      value: (row) => row.moving_average,
      render: (row) => value(row.moving_average),
      money: true,
    },
    {
      key: 'week_over_week_change',
      header: t('trends.weekOverWeekChange'),
      value: (row) => row.week_over_week_change,
      render: (row) => value(row.week_over_week_change),
      money: true,
    },
    {
      key: 'week_over_week_percent',
      header: t('trends.weekOverWeekPercent'),
      value: (row) => row.week_over_week_percent,
      render: (row) => <Percent percent={row.week_over_week_percent} />,
      numeric: true,
    },
  ];
}

export type ForecastDay = TrendsReport['forecast']['days'][number];

export function forecastColumns(t: Translate, metric: TrendMetric): Column<ForecastDay>[] {
  return [
    { key: 'date', header: t('columns.date'), value: (row) => row.date, render: (row) => <DateText day={row.date} /> },
    {
      key: 'value',
      header: t('trends.forecastOf', { metric: t(`metrics.${metric}`) }),
      value: (row) => row.value,
      render: (row) => <MetricValue metric={metric} value={row.value} />,
      money: true,
    },
  ];
}

export function locationColumns(t: Translate): Column<LocationStock>[] {
  return [
    { key: 'location', header: t('columns.location'), value: (row) => row.name ?? row.code ?? `#${row.location_id}` },
    { key: 'type', header: t('columns.type'), value: (row) => (row.type ? t(`locationTypes.${row.type}`) : null) },
    {
      key: 'stock_value',
      header: t('inventory.stockValue'),
      value: (row) => row.stock_value,
      render: (row) => <Money amount={row.stock_value} />,
      money: true,
    },
    {
      key: 'on_hand',
      header: t('inventory.onHand'),
      value: (row) => row.on_hand,
      render: (row) => <NumberText value={row.on_hand} />,
      numeric: true,
    },
    {
      key: 'reserved',
      header: t('inventory.reserved'),
      value: (row) => row.reserved,
      render: (row) => <NumberText value={row.reserved} />,
      numeric: true,
    },
    {
      key: 'available',
      header: t('inventory.available'),
      value: (row) => row.available,
      render: (row) => <NumberText value={row.available} />,
      numeric: true,
    },
    {
      key: 'low_stock_levels',
      header: t('inventory.lowStockLevels'),
      value: (row) => row.low_stock_levels,
      render: (row) => <NumberText value={row.low_stock_levels} />,
      numeric: true,
    },
  ];
}

export function lowStockColumns(t: Translate): Column<LowStockAlert>[] {
  return [
    { key: 'product', header: t('columns.product'), value: (row) => row.name ?? `#${row.product_id}` },
    { key: 'location', header: t('columns.location'), value: (row) => row.location_name ?? `#${row.location_id}` },
    { key: 'available', header: t('inventory.available'), value: (row) => row.available, numeric: true },
    { key: 'reorder_level', header: t('inventory.reorderLevel'), value: (row) => row.reorder_level, numeric: true },
    { key: 'shortfall', header: t('inventory.shortfall'), value: (row) => row.shortfall, numeric: true },
    {
      key: 'restock_pending_units',
      header: t('inventory.restockPending'),
      value: (row) => row.restock_pending_units,
      numeric: true,
    },
  ];
}

export function stockLevelColumns(t: Translate): Column<StockLevelRow>[] {
  return [
    { key: 'product', header: t('columns.product'), value: (row) => row.name ?? `#${row.product_id}` },
    { key: 'sku', header: t('columns.sku'), value: (row) => row.sku },
    { key: 'category', header: t('columns.category'), value: (row) => row.category_name },
    { key: 'location', header: t('columns.location'), value: (row) => row.location_name ?? `#${row.location_id}` },
    { key: 'on_hand', header: t('inventory.onHand'), value: (row) => row.on_hand, numeric: true },
    { key: 'available', header: t('inventory.available'), value: (row) => row.available, numeric: true },
    { key: 'reorder_level', header: t('inventory.reorderLevel'), value: (row) => row.reorder_level, numeric: true },
    {
      key: 'unit_price',
      header: t('inventory.unitPrice'),
      value: (row) => row.unit_price,
      render: (row) => (row.unit_price === null ? '—' : <Money amount={row.unit_price} />),
      money: true,
    },
    {
      key: 'stock_value',
      header: t('inventory.stockValue'),
      value: (row) => row.stock_value,
      render: (row) => <Money amount={row.stock_value} />,
      money: true,
    },
  ];
}

export type OpenRestockRequest = InventoryReport['open_restock_requests']['data'][number];

export function restockColumns(t: Translate): Column<OpenRestockRequest>[] {
  return [
    { key: 'product', header: t('columns.product'), value: (row) => row.name ?? `#${row.product_id}` },
    { key: 'location', header: t('columns.location'), value: (row) => row.location_name ?? `#${row.location_id}` },
    { key: 'quantity', header: t('inventory.quantity'), value: (row) => row.quantity, numeric: true },
    {
      key: 'requested_at',
      header: t('inventory.requestedAt'),
      value: (row) => row.requested_at,
      render: (row) => <DateText day={row.requested_at} withTime />,
    },
  ];
}
