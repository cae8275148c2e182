import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { Badge, Button, Grid, Group, Paper, ScrollArea, SegmentedControl, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { OVERVIEW_REFRESH_MS, useDashboard, useOverviewSagas } from '../../api/hooks/dashboards';
import type { Dashboard } from '../../api/hooks/dashboards';
import { type SalesReport, useSalesReport } from '../../api/hooks/reports';
import { formatDuration, formatMoney, formatNumber } from '../../lib/format';
import { AnchorLink } from '../../ui/AnchorLink';
import { DataTable } from '../../ui/DataTable';
import { Money } from '../../ui/Money';
import { PageHeader } from '../../ui/PageHeader';
import { QueryState } from '../../ui/QueryState';
import { type AttentionItem, sagasNeedingAttention, storeRevenueRows, utcMonday, utcToday } from './attention';

/** The network at a glance for a manager; every part refreshes by itself. */
export function OverviewScreen() {
  const { t, i18n } = useTranslation('overview');
  const [now] = useState(() => new Date());
  const today = utcToday(now);
  const live = { refetchInterval: OVERVIEW_REFRESH_MS };
  const dashboard = useDashboard();
  const todaySales = useSalesReport({ from: today, to: today }, live);
  const weekSales = useSalesReport({ from: utcMonday(now), to: today }, live);
  const sagas = useOverviewSagas();
  const queries = [dashboard, todaySales, weekSales, sagas];
  const updatedAt = Math.max(...queries.map((query) => query.dataUpdatedAt));
  const fetching = queries.some((query) => query.isFetching);

  return (
    <>
      <PageHeader title={t('nav.overview', { ns: 'common' })}>
        <Text size="sm" c="dimmed" role="status" aria-live="polite" title={t('refreshEvery')}>
          {updatedAt > 0
            ? t('updatedAt', { time: new Intl.DateTimeFormat(i18n.language, { timeStyle: 'medium' }).format(updatedAt) })
            : t('refreshing')}
        </Text>
        <Button size="xs" variant="default" loading={fetching} onClick={() => queries.forEach((query) => void query.refetch())}>
          {t('actions.refresh', { ns: 'common' })}
        </Button>
      </PageHeader>
      <Stack gap="md">
        <QueryState query={dashboard}>
          {(data) => (
            <SimpleGrid cols={{ base: 1, xs: 2, lg: 4 }}>
              <PeriodCard title={t('today')} period={data.today} sales={todaySales.data} />
              <PeriodCard title={t('thisWeek')} period={data.this_week} sales={weekSales.data} />
              <StatCard title={t('lowStockCard')}>
                <Text fz={28} fw={700}>
                  {formatNumber(data.alerts.low_stock_levels, i18n.language)}
                </Text>
                <Text size="sm" c="dimmed">
                  {t('lowStockLevels', { count: data.alerts.low_stock_levels })}
                </Text>
                <Text size="sm" c="dimmed">
                  {t('openRestock', { requests: data.alerts.open_restock_requests, units: data.alerts.open_restock_units })}
                </Text>
              </StatCard>
              <AttentionCard items={sagas.data ? sagasNeedingAttention(sagas.data, sagas.dataUpdatedAt) : undefined} />
            </SimpleGrid>
          )}
        </QueryState>
        <Grid>
          <Grid.Col span={{ base: 12, md: 8 }}>
            <RevenuePerStore today={todaySales} week={weekSales} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 4 }}>
            <Section title={t('topProducts.title')}>
              <QueryState query={dashboard} isEmpty={(data) => data.top_products.length === 0} empty={t('topProducts.empty')}>
                {(data) => (
                  <DataTable
                    rows={data.top_products}
                    rowKey={(product) => product.product_id}
                    columns={[
                      { header: t('topProducts.product'), cell: (product) => product.name ?? `#${product.product_id}` },
                      { header: t('netRevenue'), numeric: true, cell: (product) => <Money amount={product.net_revenue} /> },
                      {
                        header: t('topProducts.units'),
                        numeric: true,
                        cell: (product) => formatNumber(product.net_units, i18n.language),
                      },
                    ]}
                  />
                )}
              </QueryState>
            </Section>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 6 }}>
            <AttentionList query={sagas} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 6 }}>
            <LowStockList query={dashboard} />
          </Grid.Col>
        </Grid>
      </Stack>
    </>
  );
}

/** A titled region: its heading names it for assistive technology (and for the tests). */
function Section({
  title,
  description,
  actions,
  children,
}: {
  title: string;
  description?: string;
  actions?: ReactNode;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <Paper component="section" withBorder p="md" h="100%" aria-labelledby={id}>
      <Group justify="space-between" mb="xs" wrap="wrap">
        <Title order={2} size="h4" id={id}>
          {title}
        </Title>
        {actions}
      </Group>
      {description && (
        <Text size="sm" c="dimmed" mb="sm">
          {description}
        </Text>
      )}
      {children}
    </Paper>
  );
}

function StatCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md">
      <Text size="sm" fw={600} tt="uppercase" c="dimmed">
        {title}
      </Text>
      {children}
    </Paper>
  );
}

function PeriodCard({ title, period, sales }: { title: string; period: Dashboard['today']; sales: SalesReport | undefined }) {
  const { t, i18n } = useTranslation('overview');
  const change = period.compared_with.net_revenue_change_percent;
  const channel = (name: 'in_store' | 'online') =>
    formatMoney(sales?.by_channel.find((entry) => entry.channel === name)?.net_revenue ?? '0', i18n.language);
  return (
    <StatCard title={title}>
      <Text fz={28} fw={700}>
        <Money amount={period.net_revenue} />
      </Text>
      <Text size="sm" c="dimmed">
        {t('transactions', { count: period.transactions })}
      </Text>
      <Text size="sm" c={change === null ? 'dimmed' : change >= 0 ? undefined : 'red.9'}>
        {change === null
          ? t('noComparison')
          : t('comparedWith', {
              change: `${change > 0 ? '+' : ''}${formatNumber(change, i18n.language, 1)} %`,
            })}
      </Text>
      {sales && (
        <Text size="sm" c="dimmed">
          {t('inStoreVsOnline', { inStore: channel('in_store'), online: channel('online') })}
        </Text>
      )}
    </StatCard>
  );
}

function AttentionCard({ items }: { items: AttentionItem[] | undefined }) {
  const { t, i18n } = useTranslation('overview');
  const failed = items?.filter((item) => item.reason === 'failed').length ?? 0;
  const slow = (items?.length ?? 0) - failed;
  return (
    <StatCard title={t('attentionCard')}>
      <Text fz={28} fw={700} c={items?.length ? 'red.9' : undefined}>
        {items ? formatNumber(items.length, i18n.language) : '…'}
      </Text>
      <Text size="sm" c="dimmed">
        {t('attentionSummary', { failed, slow })}
      </Text>
    </StatCard>
  );
}

function RevenuePerStore({ today, week }: { today: ReturnType<typeof useSalesReport>; week: ReturnType<typeof useSalesReport> }) {
  const { t, i18n } = useTranslation('overview');
  const [period, setPeriod] = useState<'today' | 'week'>('week');
  const query = period === 'today' ? today : week;
  const money = (value: number) => formatMoney(value, i18n.language);
  return (
    <Section
      title={t('revenuePerStore.title')}
      description={t('revenuePerStore.description')}
      actions={
        <SegmentedControl
          size="xs"
          aria-label={t('period')}
          value={period}
          onChange={(value) => setPeriod(value)}
          data={[
            { value: 'today', label: t('today') },
            { value: 'week', label: t('thisWeek') },
          ]}
        />
      }
    >
      <QueryState query={query} isEmpty={(data) => data.totals.transactions === 0} empty={t('revenuePerStore.empty')}>
        {(data) => {
          const rows = storeRevenueRows(data, t('online'));
          return (
            <>
              {/* Bars across, so that long store names stay readable on the axis. */}
              <BarChart
                h={rows.length * 40 + 70}
                data={rows}
                dataKey="name"
                type="stacked"
                orientation="vertical"
                withLegend
                valueFormatter={money}
                yAxisProps={{ width: 170, interval: 0 }}
                gridAxis="x"
                series={[
                  { name: 'in_store', label: t('inStore'), color: 'blue.7' },
                  { name: 'online', label: t('online'), color: 'teal.7' },
                ]}
              />
              <ScrollArea mt="sm">
                <DataTable
                  rows={rows}
                  rowKey={(row) => row.name}
                  columns={[
                    { header: t('revenuePerStore.store'), cell: (row) => row.name },
                    { header: t('netRevenue'), numeric: true, cell: (row) => <Money amount={row.net_revenue} /> },
                  ]}
                />
              </ScrollArea>
            </>
          );
        }}
      </QueryState>
    </Section>
  );
}

function AttentionList({ query }: { query: ReturnType<typeof useOverviewSagas> }) {
  const { t, i18n } = useTranslation('overview');
  return (
    <Section title={t('attention.title')} description={t('attention.description')}>
      <QueryState
        query={query}
        isEmpty={(data) => sagasNeedingAttention(data, query.dataUpdatedAt).length === 0}
        empty={t('attention.empty')}
      >
        {(data) => {
          const items = sagasNeedingAttention(data, query.dataUpdatedAt);
          return (
            <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
              {items.map(({ saga, reason, ageSeconds }) => (
                <Paper component="li" key={saga.saga_id} withBorder p="xs">
                  <Group justify="space-between" wrap="nowrap" align="flex-start">
                    <Stack gap={2}>
                      <AnchorLink to="/orders/sagas/$sagaId" params={{ sagaId: saga.saga_id }} fw={600}>
                        {saga.order_id !== null
                          ? t('attention.order', { id: saga.order_id })
                          : t('attention.saga', { id: saga.saga_id.slice(0, 8) })}
                      </AnchorLink>
                      <Text size="sm" c="dimmed">
                        {t('attention.customer', { id: saga.customer_id })} ·{' '}
                        {t('attention.status', { status: t(`statuses.${saga.status}`) })} ·{' '}
                        {t('attention.age', { age: formatDuration(ageSeconds, i18n.language) })}
                      </Text>
                      {saga.failure_reason && <Text size="sm">{saga.failure_reason}</Text>}
                    </Stack>
                    <Badge color={reason === 'failed' ? 'red' : 'orange'} variant="light" style={{ flexShrink: 0 }}>
                      {reason === 'failed' ? t('attention.failed') : t('attention.slow')}
                    </Badge>
                  </Group>
                </Paper>
              ))}
              {data.failedTotal > data.failed.length && (
                <Text size="sm" c="dimmed" component="li">
                  {t('attention.more', { shown: data.failed.length, total: data.failedTotal })}
                </Text>
              )}
            </Stack>
          );
        }}
      </QueryState>
    </Section>
  );
}

function LowStockList({ query }: { query: ReturnType<typeof useDashboard> }) {
  const { t, i18n } = useTranslation('overview');
  return (
    <Section
      title={t('lowStock.title')}
      actions={
        <AnchorLink to="/stock" size="sm">
          {t('lowStock.openStock')}
        </AnchorLink>
      }
    >
      <QueryState query={query} isEmpty={(data) => data.alerts.low_stock.length === 0} empty={t('lowStock.empty')}>
        {(data) => (
          <ScrollArea>
            <DataTable
              rows={data.alerts.low_stock}
              rowKey={(alert) => `${alert.product_id}-${alert.location_id}`}
              columns={[
                { header: t('lowStock.product'), cell: (alert) => alert.name ?? `#${alert.product_id}` },
                { header: t('lowStock.location'), cell: (alert) => alert.location_name ?? `#${alert.location_id}` },
                {
                  header: t('lowStock.available'),
                  numeric: true,
                  cell: (alert) =>
                    `${formatNumber(alert.available, i18n.language)} / ${formatNumber(alert.reorder_level, i18n.language)}`,
                },
                {
                  header: t('lowStock.pending'),
                  numeric: true,
                  cell: (alert) => formatNumber(alert.restock_pending_units, i18n.language),
                },
              ]}
            />
          </ScrollArea>
        )}
      </QueryState>
    </Section>
  );
}
