import { AreaChart, BarChart } from '@mantine/charts';
import { Grid } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSalesReport } from '../../api/hooks/reports';
import { formatMoney, formatNumber } from '../../lib/format';
import { Money } from '../../ui/Money';
import { QueryState } from '../../ui/QueryState';
import { salesByCategoryColumns, salesByDayColumns, salesByProductColumns, salesByStoreColumns } from './columns';
import { dayText } from './format';
import { ReportSection, ReportTable } from './ReportTable';
import { SalesFilters, StatCard, StatCards, ViewStack } from './parts';
import { periodOf } from './search';
import { useReportSearch } from './useReportSearch';

/** Sales by store, category, product and day over the period, in store versus online. */
export function SalesView() {
  const { t, i18n } = useTranslation('reports');
  const [search] = useReportSearch();
  const period = periodOf(search);
  const query = useSalesReport({
    ...period,
    store_id: search.store_id,
    channel: search.store_id !== undefined ? undefined : search.channel,
  });
  const money = (value: number) => formatMoney(value, i18n.language);
  const file = (table: string) => `sales-${table}-${period.from}-${period.to}.csv`;

  return (
    <ViewStack>
      <SalesFilters />
      <QueryState query={query}>
        {(report) => {
          const channel = (name: 'in_store' | 'online') =>
            report.by_channel.find((entry) => entry.channel === name)?.net_revenue ?? '0.00';
          return (
            <>
              <StatCards>
                <StatCard
                  label={t('figures.netRevenue')}
                  value={<Money amount={report.totals.net_revenue} />}
                  hint={t('sales.grossMinusRefunds', {
                    gross: formatMoney(report.totals.gross_revenue, i18n.language),
                    refunds: formatMoney(report.totals.refunds, i18n.language),
                  })}
                />
                <StatCard
                  label={t('sales.inStoreVsOnline')}
                  value={<Money amount={channel('in_store')} />}
                  hint={t('sales.online', { amount: formatMoney(channel('online'), i18n.language) })}
                />
                <StatCard
                  label={t('figures.transactions')}
                  value={formatNumber(report.totals.transactions, i18n.language)}
                  hint={t('sales.returns', { count: report.totals.returns })}
                />
                <StatCard
                  label={t('figures.averageBasket')}
                  value={<Money amount={report.totals.average_basket} />}
                  hint={t('sales.units', { count: report.totals.net_units })}
                />
              </StatCards>
              <ReportSection title={t('sales.revenueByDay')}>
                <AreaChart
                  h={260}
                  data={report.by_day.map((day) => ({
                    day: dayText(day.date, i18n.language),
                    net_revenue: Number(day.net_revenue),
                  }))}
                  dataKey="day"
                  series={[{ name: 'net_revenue', label: t('figures.netRevenue'), color: 'blue.7' }]}
                  curveType="monotone"
                  valueFormatter={money}
                  yAxisProps={{ width: 80 }}
                  withDots={false}
                />
              </ReportSection>
              <Grid>
                <Grid.Col span={{ base: 12, md: 6 }}>
                  <ReportSection title={t('sales.revenueByStore')}>
                    <BarChart
                      h={Math.max(160, report.by_store.length * 36 + 50)}
                      orientation="vertical"
                      gridAxis="x"
                      data={report.by_store.map((store) => ({
                        store: store.store_name ?? store.store_code ?? `#${store.store_id}`,
                        net_revenue: Number(store.net_revenue),
                      }))}
                      dataKey="store"
                      series={[{ name: 'net_revenue', label: t('figures.netRevenue'), color: 'blue.7' }]}
                      valueFormatter={money}
                      yAxisProps={{ width: 150, interval: 0 }}
                    />
                  </ReportSection>
                </Grid.Col>
                <Grid.Col span={{ base: 12, md: 6 }}>
                  <ReportSection title={t('sales.revenueByCategory')}>
                    <BarChart
                      h={Math.max(160, report.by_category.length * 36 + 50)}
                      orientation="vertical"
                      gridAxis="x"
                      data={report.by_category.map((category) => ({
                        category: category.category_name ?? t('columns.noCategory'),
                        net_revenue: Number(category.net_revenue),
                      }))}
                      dataKey="category"
                      series={[{ name: 'net_revenue', label: t('figures.netRevenue'), color: 'teal.8' }]}
                      valueFormatter={money}
                      yAxisProps={{ width: 150, interval: 0 }}
                    />
                  </ReportSection>
                </Grid.Col>
              </Grid>
              <ReportTable
                title={t('sales.byStore')}
                columns={salesByStoreColumns(t)}
                rows={report.by_store}
                rowKey={(row) => row.store_id}
                filename={file('by-store')}
                pageSize={0}
              />
              <ReportTable
                title={t('sales.byCategory')}
                columns={salesByCategoryColumns(t)}
                rows={report.by_category}
                rowKey={(row) => row.category_id ?? 'none'}
                filename={file('by-category')}
                pageSize={0}
                empty={t('sales.empty')}
              />
              <ReportTable
                title={t('sales.byProduct')}
                columns={salesByProductColumns(t)}
                rows={report.by_product}
                rowKey={(row) => row.product_id}
                filename={file('by-product')}
                empty={t('sales.empty')}
              />
              <ReportTable
                title={t('sales.byDay')}
                columns={salesByDayColumns(t)}
                rows={report.by_day}
                rowKey={(row) => row.date}
                filename={file('by-day')}
              />
            </>
          );
        }}
      </QueryState>
    </ViewStack>
  );
}
