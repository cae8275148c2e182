import '@mantine/charts/styles.css';
import { Button, Group, Paper, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { Link, Outlet, useRouterState } from '@tanstack/react-router';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../ui/PageHeader';
import { REPORT_VIEWS, lastDays, periodOf, periodProblems } from './search';
import { useReportSearch } from './useReportSearch';

/** The Reports screen: its views as links (each a URL), the period they cover, and the view itself. */
export function ReportsScreen() {
  const { t } = useTranslation('reports');
  const pathname = useRouterState({ select: (state) => state.location.pathname });
  const [search] = useReportSearch();
  const current = REPORT_VIEWS.find((view) => pathname.startsWith(`/reports/${view}`));
  return (
    <>
      <PageHeader title={t('nav.reports', { ns: 'common' })} />
      <Group component="nav" aria-label={t('views.label')} gap="xs" mb="md" wrap="wrap">
        {REPORT_VIEWS.map((view) => (
          <Button
            key={view}
            component={Link}
            to={`/reports/${view}`}
            search={search as never}
            variant={current === view ? 'filled' : 'default'}
            aria-current={current === view ? 'page' : undefined}
          >
            {t(`views.${view}`)}
          </Button>
        ))}
      </Group>
      {current !== 'inventory' && <PeriodForm />}
      <Outlet />
    </>
  );
}

/** The period of the sales, performance and trends views: checked with the API's rules, then put in the URL. */
function PeriodForm() {
  const { t } = useTranslation('reports');
  const [search, update] = useReportSearch();
  const period = periodOf(search);
  const form = useForm({
    initialValues: period,
    validate: (values) => {
      const problems = periodProblems(values.from, values.to);
      return {
        from: problems.from && t(`period.problems.${problems.from}`),
        to: problems.to && t(`period.problems.${problems.to}`),
      };
    },
  });
  // The URL is the truth: back/forward or a link changes the period shown in the form too.
  useEffect(() => {
    form.setValues(period);
    form.resetDirty(period);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [period.from, period.to]);

  return (
    <Paper withBorder p="sm" mb="md">
      <form onSubmit={form.onSubmit((values) => update({ from: values.from, to: values.to, offset: undefined }))}>
        <Group align="flex-end" gap="sm" wrap="wrap">
          <TextInput type="date" label={t('period.from')} {...form.getInputProps('from')} w={170} />
          <TextInput type="date" label={t('period.to')} {...form.getInputProps('to')} w={170} />
          <Button type="submit">{t('period.apply')}</Button>
          <Group gap="xs">
            {[7, 30, 90].map((days) => (
              <Button key={days} variant="subtle" onClick={() => update({ ...lastDays(days), offset: undefined })}>
                {t('period.lastDays', { count: days })}
              </Button>
            ))}
          </Group>
        </Group>
      </form>
    </Paper>
  );
}
