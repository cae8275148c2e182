import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
// The one file of libs/contracts the console reads: plain constants, no NestJS or class-validator behind them
// (libs/contracts' index would bring those into the browser).
import * as contract from '../../../../../libs/contracts/src/saga';
import { api, unwrap } from '../client';
import type { SagaTypes } from '../client';

export type Saga = SagaTypes['schemas']['SagaResponse'];
export type SagaStatus = Saga['status'];
/** Typed as the API's statuses: the compiler says so if the contract and the OpenAPI document part ways. */
export const SAGA_STATUSES: readonly SagaStatus[] = contract.SAGA_STATUSES;
export type SagaQuery = { limit?: number; offset?: number; status?: SagaStatus; customer_id?: number };

/** A saga in one of these has ended: nothing changes it any more, but an operator's retry of a FAILED one. */
export function isTerminal(status: SagaStatus): boolean {
  return contract.TERMINAL_SAGA_STATUSES.includes(status);
}

/** How long each long-poll asks the orchestrator to hold the answer until the saga ends. */
const SAGA_WAIT_SECONDS = 10;

export function useSagas(query: SagaQuery) {
  return useQuery({
    queryKey: ['sagas', query],
    queryFn: () => unwrap(api.sagas.GET('/api/v1/sagas', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

const sagaKey = (id: string) => ['sagas', 'one', id] as const;

/**
 * One saga, followed live: the first read answers at once; while the saga runs, each next read long-polls
 * (`wait_seconds`), so the timeline changes as soon as the saga ends, and at least every 10 s meanwhile.
 * It stops at COMPLETED, COMPENSATED or FAILED.
 */
export function useSaga(id: string) {
  const client = useQueryClient();
  return useQuery({
    queryKey: sagaKey(id),
    queryFn: ({ signal }) => {
      const known = client.getQueryData<Saga>(sagaKey(id));
      const wait = known && !isTerminal(known.status) ? SAGA_WAIT_SECONDS : undefined;
      return unwrap(
        api.sagas.GET('/api/v1/sagas/{saga_id}', {
          params: { path: { saga_id: id }, query: { wait_seconds: wait } },
          signal,
        }),
      );
    },
    // A tick while a long-poll is out does nothing (the fetch is shared); once it answers, the next starts.
    refetchInterval: (query) => (query.state.data && !isTerminal(query.state.data.status) ? 250 : false),
    refetchIntervalInBackground: true,
    staleTime: 0,
  });
}

/** An operator's retry of a FAILED saga (409 when it is not FAILED); the timeline then follows it again. */
export function useRetrySaga(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.sagas.POST('/api/v1/sagas/{saga_id}/retry', { params: { path: { saga_id: id } } })),
    onSuccess: (accepted) => {
      client.setQueryData<Saga>(sagaKey(id), (saga) => (saga ? { ...saga, status: accepted.status } : saga));
      void client.invalidateQueries({ queryKey: sagaKey(id) });
      void client.invalidateQueries({ queryKey: ['sagas'], exact: false });
    },
  });
}
