import { BarChart } from '@mantine/charts';
import { useTranslation } from 'react-i18next';
import { usePerformanceReport } from '../../api/hooks/reports';
import { formatMoney } from '../../lib/format';
import { QueryState } from '../../ui/QueryState';
import { performanceColumns } from './columns';
import { ReportSection, ReportTable } from './ReportTable';
import { ViewStack } from './parts';
import { periodOf } from './search';
import { useReportSearch } from './useReportSearch';

/** The stores ranked by net revenue over the period (till sales only: online orders belong to no store). */
export function PerformanceView() {
  const { t, i18n } = useTranslation('reports');
  const [search] = useReportSearch();
  const period = periodOf(search);
  const query = usePerformanceReport({ ...period, top: 3 });
  return (
    <QueryState query={query} isEmpty={(report) => report.stores.length === 0}>
      {(report) => (
        <ViewStack>
          <ReportSection title={t('performance.ranking')}>
            <BarChart
              h={Math.max(200, report.stores.length * 48)}
              orientation="vertical"
              data={report.stores.map((store) => ({
                store: `${store.rank}. ${store.store_name ?? store.store_code ?? `#${store.store_id}`}`,
                net_revenue: Number(store.net_revenue),
              }))}
              dataKey="store"
              series={[{ name: 'net_revenue', label: t('figures.netRevenue'), color: 'blue.7' }]}
              valueFormatter={(value) => formatMoney(value, i18n.language)}
              yAxisProps={{ width: 190, interval: 0 }}
              gridAxis="x"
            />
          </ReportSection>
          <ReportTable
            title={t('performance.byStore')}
            columns={performanceColumns(t)}
            rows={report.stores}
            rowKey={(row) => row.store_id}
            filename={`performance-${report.from}-${report.to}.csv`}
            pageSize={0}
          />
        </ViewStack>
      )}
    </QueryState>
  );
}
