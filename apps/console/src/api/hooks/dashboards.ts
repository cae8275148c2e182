import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../client';
import type { ReportingTypes, SagaTypes } from '../client';

export type Dashboard = ReportingTypes['schemas']['DashboardResponse'];
export type SagaSummary = SagaTypes['schemas']['SagaSummary'];
export type SagaStatus = SagaSummary['status'];

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

/** The statuses of a saga still on its way (COMPLETED, COMPENSATED and FAILED are the ends). */
export const RUNNING_SAGA_STATUSES = [
  'PENDING',
  'STOCK_CHECKING',
  'STOCK_RESERVED',
  'ORDER_CREATED',
  'PAYMENT_PROCESSING',
  'PAYMENT_COMPLETED',
  'COMPENSATING',
] as const satisfies readonly SagaStatus[];

/** How many of each kind the overview lists (newest first); the totals say how many there are. */
const SAGAS_PER_STATUS = 20;

export interface OverviewSagas {
  failed: SagaSummary[];
  failedTotal: number;
  running: SagaSummary[];
  runningTotal: number;
}

/**
 * The overview's orders that may need someone: FAILED sagas (waiting for an operator) and those not ended yet.
 * The API filters on one status at a time, so it is one call per status, together, as one query.
 */
export function useOverviewSagas() {
  return useQuery({
    queryKey: ['sagas', 'overview'],
    queryFn: async (): Promise<OverviewSagas> => {
      const page = (status: SagaStatus) =>
        unwrap(api.sagas.GET('/api/v1/sagas', { params: { query: { status, limit: SAGAS_PER_STATUS } } }));
      const [failed, ...running] = await Promise.all([page('FAILED'), ...RUNNING_SAGA_STATUSES.map(page)]);
      return {
        failed: failed.data,
        failedTotal: failed.total,
        running: running.flatMap((result) => result.data),
        runningTotal: running.reduce((sum, result) => sum + result.total, 0),
      };
    },
    refetchInterval: OVERVIEW_REFRESH_MS,
  });
}
