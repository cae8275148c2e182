import { BarChart } from '@mantine/charts';
import { Checkbox, Group, Paper, Select, SimpleGrid, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useLocations } from '../../api/hooks/locations';
import { useInventoryReport } from '../../api/hooks/reports';
import { formatDateTime, formatMoney, formatNumber } from '../../lib/format';
import { Money } from '../../ui/Money';
import { Pager } from '../../ui/Pager';
import { QueryState } from '../../ui/QueryState';
import { locationColumns, lowStockColumns, restockColumns, stockLevelColumns } from './columns';
import { ReportSection, ReportTable } from './ReportTable';
import { StatCard, StatCards, ViewStack } from './parts';
import { useReportSearch } from './useReportSearch';

const LEVELS_PAGE = 20;

/** Stock value by location, the stock levels (paged by the API), low-stock alerts and open restock requests. */
export function InventoryView() {
  const { t, i18n } = useTranslation('reports');
  const [search, update] = useReportSearch();
  const locations = useLocations();
  const offset = search.offset ?? 0;
  const query = useInventoryReport({
    location_id: search.location_id,
    low_stock_only: search.low_stock_only,
    limit: LEVELS_PAGE,
    offset,
  });
  const number = (value: number) => formatNumber(value, i18n.language);

  return (
    <ViewStack>
      <Paper withBorder p="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t('filters.location')}
            placeholder={t('filters.allLocations')}
            clearable
            data={(locations.data?.data ?? []).map((location) => ({ value: String(location.id), label: location.name }))}
            value={search.location_id !== undefined ? String(search.location_id) : null}
            onChange={(value) => update({ location_id: value ? Number(value) : undefined, offset: undefined })}
          />
          <Group align="flex-end">
            <Checkbox
              label={t('inventory.lowStockOnly')}
              checked={search.low_stock_only === true}
              onChange={(event) => update({ low_stock_only: event.currentTarget.checked || undefined, offset: undefined })}
            />
          </Group>
        </SimpleGrid>
      </Paper>
      <QueryState query={query}>
        {(report) => (
          <>
            <StatCards>
              <StatCard
                label={t('inventory.stockValue')}
                value={<Money amount={report.totals.stock_value} />}
                hint={t('inventory.valuedAtPrice')}
              />
              <StatCard
                label={t('inventory.onHand')}
                value={number(report.totals.on_hand)}
                hint={t('inventory.availableReserved', {
                  available: number(report.totals.available),
                  reserved: number(report.totals.reserved),
                })}
              />
              <StatCard
                label={t('inventory.lowStockLevels')}
                value={number(report.totals.low_stock_levels)}
                hint={t('inventory.ofLevels', { count: report.totals.levels })}
              />
              <StatCard
                label={t('inventory.openRestock')}
                value={number(report.open_restock_requests.total)}
                hint={t('inventory.units', { count: report.open_restock_requests.units })}
              />
            </StatCards>
            <ReportSection
              title={t('inventory.valueByLocation')}
              actions={
                report.stock_as_of && (
                  <Text size="sm" c="dimmed">
                    {t('inventory.asOf', { time: formatDateTime(report.stock_as_of, i18n.language) })}
                  </Text>
                )
              }
            >
              <BarChart
                h={Math.max(160, report.by_location.length * 36 + 50)}
                orientation="vertical"
                gridAxis="x"
                data={report.by_location.map((location) => ({
                  location: location.name ?? location.code ?? `#${location.location_id}`,
                  stock_value: Number(location.stock_value),
                }))}
                dataKey="location"
                series={[{ name: 'stock_value', label: t('inventory.stockValue'), color: 'blue.7' }]}
                valueFormatter={(value) => formatMoney(value, i18n.language)}
                yAxisProps={{ width: 170, interval: 0 }}
              />
            </ReportSection>
            <ReportTable
              title={t('inventory.byLocation')}
              columns={locationColumns(t)}
              rows={report.by_location}
              rowKey={(row) => row.location_id}
              filename="inventory-by-location.csv"
              pageSize={0}
            />
            <ReportTable
              title={t('inventory.lowStockAlerts', { count: report.low_stock_alerts.total })}
              columns={lowStockColumns(t)}
              rows={report.low_stock_alerts.data}
              rowKey={(row) => `${row.product_id}-${row.location_id}`}
              filename="inventory-low-stock.csv"
              empty={t('inventory.noLowStock')}
            />
            <ReportTable
              title={t('inventory.openRestockRequests')}
              columns={restockColumns(t)}
              rows={report.open_restock_requests.data}
              rowKey={(row) => row.restock_request_id}
              filename="inventory-open-restock-requests.csv"
              empty={t('inventory.noRestock')}
            />
            <ReportTable
              title={t('inventory.levels')}
              columns={stockLevelColumns(t)}
              rows={report.levels.data}
              rowKey={(row) => `${row.product_id}-${row.location_id}`}
              filename={`inventory-levels-${offset + 1}-${offset + report.levels.data.length}.csv`}
              pageSize={0}
              empty={t('states.noMatch', { ns: 'common' })}
              footer={
                <Pager
                  total={report.levels.total}
                  limit={LEVELS_PAGE}
                  offset={offset}
                  onChange={(next) => update({ offset: next || undefined })}
                />
              }
            />
          </>
        )}
      </QueryState>
    </ViewStack>
  );
}
