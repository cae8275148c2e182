import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../client';
import type { ReportingTypes, SagaTypes } from '../client';

export type Dashboard = ReportingTypes['schemas']['DashboardResponse'];
export type SagaSummary = SagaTypes['schemas']['SagaSummary'];

/** The overview watches the network: every figure on it is asked again this often. */
export const OVERVIEW_REFRESH_MS = 15_000;

/** A manager's dashboard in one call: today, this week, low-stock alerts, top products (the whole network). */
export function useDashboard() {
  return useQuery({
    queryKey: ['dashboards'],
    queryFn: () => unwrap(api.reporting.GET('/api/v1/dashboards')),
    refetchInterval: OVERVIEW_REFRESH_MS,
  });
}

/** How many failed and running sagas the overview lists (newest first); the totals say how many there are. */
const SAGAS_PER_STATUS = 20;

export interface OverviewSagas {
  failed: SagaSummary[];
  failedTotal: number;
  running: SagaSummary[];
  runningTotal: number;
}

/**
 * The overview's orders that may need someone: FAILED sagas (waiting for an operator) and those not ended yet, in two
 * calls (`ended=false` lists every running status at once).
 */
export function useOverviewSagas() {
  return useQuery({
    queryKey: ['sagas', 'overview'],
    queryFn: async (): Promise<OverviewSagas> => {
      const [failed, running] = await Promise.all([
        unwrap(api.sagas.GET('/api/v1/sagas', { params: { query: { status: 'FAILED', limit: SAGAS_PER_STATUS } } })),
        unwrap(api.sagas.GET('/api/v1/sagas', { params: { query: { ended: false, limit: SAGAS_PER_STATUS } } })),
      ]);
      return { failed: failed.data, failedTotal: failed.total, running: running.data, runningTotal: running.total };
    },
    refetchInterval: OVERVIEW_REFRESH_MS,
  });
}
