import { QueryClient } from '@tanstack/react-query';
import { ApiError } from '../api/errors';

/**
 * Server state for every screen. A query is retried only when the system did not answer (it may be restarting);
 * a 4xx is an answer, shown at once.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
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
