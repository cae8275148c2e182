import type { OverviewSagas, SagaSummary } from '../../api/hooks/dashboards';
import type { SalesReport } from '../../api/hooks/reports';

/** A saga not ended this long after it was asked for is worth a look: most end within seconds. */
export const SLOW_SAGA_SECONDS = 60;

export interface AttentionItem {
  saga: SagaSummary;
  /** failed: waits for an operator; slow: still running after SLOW_SAGA_SECONDS. */
  reason: 'failed' | 'slow';
  /** Seconds since the order was asked for. */
  ageSeconds: number;
}

/** FAILED sagas first (newest first), then those running for long (longest first); running ones younger are fine. */
export function sagasNeedingAttention(sagas: OverviewSagas, now: number): AttentionItem[] {
  const age = (saga: SagaSummary) => Math.max(0, (now - Date.parse(saga.created_at)) / 1000);
  const failed = sagas.failed
    .map((saga): AttentionItem => ({ saga, reason: 'failed', ageSeconds: age(saga) }))
    .sort((a, b) => a.ageSeconds - b.ageSeconds);
  const slow = sagas.running
    .map((saga): AttentionItem => ({ saga, reason: 'slow', ageSeconds: age(saga) }))
    .filter((item) => item.ageSeconds >= SLOW_SAGA_SECONDS)
    .sort((a, b) => b.ageSeconds - a.ageSeconds);
  return [...failed, ...slow];
}

/** Today as the reports count days (UTC), YYYY-MM-DD. */
export function utcToday(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** The Monday starting this week (UTC), as the dashboard's "this week". */
export function utcMonday(now: Date = new Date()): string {
  const daysSinceMonday = (now.getUTCDay() + 6) % 7;
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - daysSinceMonday))
    .toISOString()
    .slice(0, 10);
}

export interface StoreRevenueRow {
  /** The store's name, or the online channel's label (online orders belong to no store). */
  name: string;
  in_store: number;
  online: number;
  /** The API's amount, for <Money>. */
  net_revenue: string;
}

/**
 * Net revenue per store (till sales) and one row for online orders, for the stacked chart: numbers for drawing
 * only, the amounts shown as text stay the API's decimal strings.
 */
export function storeRevenueRows(report: SalesReport, onlineLabel: string): StoreRevenueRow[] {
  const stores = report.by_store.map((store) => ({
    name: store.store_name ?? store.store_code ?? `#${store.store_id}`,
    in_store: Number(store.net_revenue),
    online: 0,
    net_revenue: store.net_revenue,
  }));
  const online = report.by_channel.find((channel) => channel.channel === 'online');
  return [
    ...stores,
    { name: onlineLabel, in_store: 0, online: Number(online?.net_revenue ?? 0), net_revenue: online?.net_revenue ?? '0.00' },
  ];
}
