import { CompositeChart } from '@mantine/charts';
import { Group, Paper, Select, SimpleGrid, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type TrendMetric, useTrends } from '../../api/hooks/reports';
import { QueryState } from '../../ui/QueryState';
import { forecastColumns, trendColumns } from './columns';
import { dayText, metricText } from './format';
import { ReportSection, ReportTable } from './ReportTable';
import { SalesFilters, StatCard, StatCards, ViewStack } from './parts';
import { TREND_METRICS, TREND_WINDOWS, periodOf } from './search';
import { useReportSearch } from './useReportSearch';

const FORECAST_DAYS = 7;

/**
 * A daily series with its moving average and the API's forecast, named as the API names them (the forecast's
 * method, `trailing_mean`, and its basis days).
 */
export function TrendsView() {
  const { t, i18n } = useTranslation('reports');
  const [search, update] = useReportSearch();
  const period = periodOf(search);
  const metric: TrendMetric = search.metric ?? 'net_revenue';
  const window = search.window ?? 7;
  const query = useTrends({
    ...period,
    metric,
    window,
    forecast_days: FORECAST_DAYS,
    store_id: search.store_id,
    channel: search.store_id !== undefined ? undefined : search.channel,
  });
  const text = (value: string | number) => metricText(metric, value, i18n.language);

  return (
    <ViewStack>
      <SalesFilters />
      <Paper withBorder p="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t('trends.metric')}
            allowDeselect={false}
            data={TREND_METRICS.map((value) => ({ value, label: t(`metrics.${value}`) }))}
            value={metric}
            onChange={(value) => update({ metric: value === 'net_revenue' ? undefined : (value as TrendMetric) })}
          />
          <Select
            label={t('trends.window')}
            allowDeselect={false}
            data={TREND_WINDOWS.map((days) => ({ value: String(days), label: t('trends.days', { count: days }) }))}
            value={String(window)}
            onChange={(value) => update({ window: value === '7' ? undefined : Number(value) })}
          />
        </SimpleGrid>
      </Paper>
      <QueryState query={query}>
        {(trends) => {
          const wow = trends.week_over_week;
          const data = [
            ...trends.series.map((point) => ({
              day: dayText(point.date, i18n.language),
              value: Number(point.value),
              moving_average: Number(point.moving_average),
            })),
            ...trends.forecast.days.map((point) => ({ day: dayText(point.date, i18n.language), forecast: Number(point.value) })),
          ];
          return (
            <>
              <StatCards>
                <StatCard
                  label={t('trends.last7Days')}
                  value={text(wow.last_7_days.total)}
                  hint={`${dayText(wow.last_7_days.from, i18n.language)} – ${dayText(wow.last_7_days.to, i18n.language)}`}
                />
                <StatCard
                  label={t('trends.previous7Days')}
                  value={text(wow.previous_7_days.total)}
                  hint={`${dayText(wow.previous_7_days.from, i18n.language)} – ${dayText(wow.previous_7_days.to, i18n.language)}`}
                />
                <StatCard
                  label={t('trends.weekOverWeek')}
                  value={text(wow.change)}
                  hint={wow.change_percent === null ? '—' : `${wow.change_percent > 0 ? '+' : ''}${wow.change_percent} %`}
                />
                <StatCard
                  label={t('trends.forecast')}
                  value={trends.forecast.days[0] ? text(trends.forecast.days[0].value) : '—'}
                  hint={t('trends.perDay')}
                />
              </StatCards>
              <ReportSection title={t('trends.chartTitle', { metric: t(`metrics.${metric}`) })}>
                <CompositeChart
                  h={300}
                  data={data}
                  dataKey="day"
                  withLegend
                  withDots={false}
                  connectNulls={false}
                  valueFormatter={(value) => text(value)}
                  yAxisProps={{ width: 80 }}
                  series={[
                    { name: 'value', label: t(`metrics.${metric}`), color: 'blue.7', type: 'area' },
                    {
                      name: 'moving_average',
                      label: t('trends.movingAverage', { window: trends.window }),
                      color: 'orange.8',
                      type: 'line',
                    },
                    {
                      name: 'forecast',
                      label: t('trends.forecastNamed', { method: trends.forecast.method }),
                      color: 'grape.8',
                      type: 'line',
                      strokeDasharray: '6 4',
                    },
                  ]}
                />
                <Group mt="sm" gap={4}>
                  <Text size="sm" c="dimmed">
                    {t('trends.forecastExplained', {
                      method: trends.forecast.method,
                      window: trends.window,
                      from: dayText(trends.forecast.basis_from, i18n.language),
                      to: dayText(trends.forecast.basis_to, i18n.language),
                    })}
                  </Text>
                </Group>
              </ReportSection>
              <ReportTable
                title={t('trends.series')}
                columns={trendColumns(t, metric, trends.window)}
                rows={trends.series}
                rowKey={(row) => row.date}
                filename={`trends-${metric}-${trends.from}-${trends.to}.csv`}
              />
              <ReportTable
                title={t('trends.forecastTable', { method: trends.forecast.method })}
                columns={forecastColumns(t, metric)}
                rows={trends.forecast.days}
                rowKey={(row) => row.date}
                filename={`forecast-${metric}-${trends.to}.csv`}
                pageSize={0}
              />
            </>
          );
        }}
      </QueryState>
    </ViewStack>
  );
}
