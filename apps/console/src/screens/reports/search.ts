import type { TrendMetric } from '../../api/hooks/reports';
import { on, oneOf, positive } from '../../app/search-params';

/** The views of the Reports screen, each its own URL (/reports/<view>). */
export const REPORT_VIEWS = ['sales', 'performance', 'trends', 'inventory'] as const;

export const CHANNELS = ['all', 'in_store', 'online'] as const;
export type Channel = (typeof CHANNELS)[number];
export const TREND_METRICS = [
  'net_revenue',
  'gross_revenue',
  'units_sold',
  'net_units',
  'transactions',
] as const satisfies readonly TrendMetric[];
export const TREND_WINDOWS = [7, 14, 28] as const;

/**
 * What a report shows, all in the URL so that a link reproduces the view: the period (UTC days, as the API counts
 * them), the store and channel filters, the trend's metric and window, the inventory's location and paging.
 */
export interface ReportSearch {
  from?: string;
  to?: string;
  store_id?: number;
  channel?: Channel;
  metric?: TrendMetric;
  window?: number;
  location_id?: number;
  low_stock_only?: boolean;
  offset?: number;
}

/** The API's own limits (apps/reporting/src/reports/report-period.ts). */
const DEFAULT_PERIOD_DAYS = 30;
const MAX_PERIOD_DAYS = 366;
const DAY_MS = 24 * 3600 * 1000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar day that exists (2024-02-30 does not), as YYYY-MM-DD. */
function isDay(value: unknown): value is string {
  if (typeof value !== 'string' || !DATE_ONLY.test(value)) return false;
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
}

function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Days from `from` to `to`, both included. */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
}

function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** The URL's search params as the screen reads them: what is malformed is left out (its default applies). */
export function validateReportSearch(search: Record<string, unknown>): ReportSearch {
  const window = positive(search.window);
  const offset = search.offset === 0 || search.offset === '0' ? 0 : positive(search.offset);
  return {
    from: isDay(search.from) ? search.from : undefined,
    to: isDay(search.to) ? search.to : undefined,
    store_id: positive(search.store_id),
    channel: oneOf(CHANNELS, search.channel),
    metric: oneOf(TREND_METRICS, search.metric),
    window: window !== undefined && window >= 2 && window <= 28 ? window : undefined,
    location_id: positive(search.location_id),
    low_stock_only: on(search.low_stock_only),
    offset,
  };
}

/** The period shown: the URL's, else the API's default (the 30 days ending today). */
export function periodOf(search: ReportSearch, today: string = todayUtc()): { from: string; to: string } {
  const to = search.to ?? today;
  return { from: search.from ?? addDays(to, -(DEFAULT_PERIOD_DAYS - 1)), to };
}

export type PeriodProblem = 'invalid' | 'reversed' | 'tooLong';

/** The API's rules for a period, checked before asking: both days real, `from` not after `to`, at most 366 days. */
export function periodProblems(from: string, to: string): { from?: PeriodProblem; to?: PeriodProblem } {
  const problems: { from?: PeriodProblem; to?: PeriodProblem } = {};
  if (!isDay(from)) problems.from = 'invalid';
  if (!isDay(to)) problems.to = 'invalid';
  if (problems.from || problems.to) return problems;
  if (from > to) return { from: 'reversed' };
  if (daysBetween(from, to) > MAX_PERIOD_DAYS) return { to: 'tooLong' };
  return {};
}

/** The last `days` days ending today: the presets of the period form. */
export function lastDays(days: number, today: string = todayUtc()): { from: string; to: string } {
  return { from: addDays(today, -(days - 1)), to: today };
}
