import { useTranslation } from 'react-i18next';
import type { TrendMetric } from '../../api/hooks/reports';
import { formatDate, formatDateTime, formatMoney, formatNumber } from '../../lib/format';

/** The trend metrics that are money; the others count units or transactions. */
const MONEY_METRICS: readonly TrendMetric[] = ['net_revenue', 'gross_revenue'];

export function metricText(metric: TrendMetric, value: string | number, language: string): string {
  return MONEY_METRICS.includes(metric) ? formatMoney(value, language) : formatNumber(Number(value), language);
}

export function MetricValue({ metric, value }: { metric: TrendMetric; value: string }) {
  const { i18n } = useTranslation();
  return <>{metricText(metric, value, i18n.language)}</>;
}

export function NumberText({ value }: { value: number }) {
  const { i18n } = useTranslation();
  return <>{formatNumber(value, i18n.language)}</>;
}

/** A ratio (0.0213) or a percentage (2.13) as "2.13 %" in the user's language; "—" when there is none. */
export function Percent({ ratio, percent }: { ratio?: number | null; percent?: number | null }) {
  const { i18n } = useTranslation();
  const value =
    ratio !== undefined ? (ratio === null ? null : ratio) : percent === null || percent === undefined ? null : percent / 100;
  if (value === null) return <>—</>;
  return <>{new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 2 }).format(value)}</>;
}

/** A report's day (a UTC calendar day): shown as that day wherever the user is. */
export function dayText(day: string, language: string): string {
  return formatDate(`${day.slice(0, 10)}T12:00:00Z`, language);
}

export function DateText({ day, withTime }: { day: string; withTime?: boolean }) {
  const { i18n } = useTranslation();
  return <>{withTime ? formatDateTime(day, i18n.language) : dayText(day, i18n.language)}</>;
}
