import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from '../api/errors';
import { reportOutcome } from './gateway-status';

/**
 * Server state for every screen. A query is retried only when the system did not answer (it may be restarting);
 * a 4xx is an answer, shown at once. Every outcome tells the "system down" banner whether to show.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({ onError: reportOutcome, onSuccess: () => reportOutcome(null) }),
    mutationCache: new MutationCache({ onError: reportOutcome, onSuccess: () => reportOutcome(null) }),
    defaultOptions: {
      queries: {
        staleTime: 10_000,
        retry: (failures, error) => error instanceof ApiError && error.kind === 'unavailable' && failures < 3,
        retryDelay: (attempt) => Math.min(1000 * 2 ** attempt, 8000),
      },
      mutations: { retry: false },
    },
  });
}
