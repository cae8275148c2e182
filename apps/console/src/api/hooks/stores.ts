import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../client';

/** Every store (a network has tens, not thousands: one page of 100). */
export function useStores() {
  return useQuery({
    queryKey: ['stores'],
    queryFn: () => unwrap(api.retail.GET('/api/v1/stores', { params: { query: { limit: 100 } } })),
    staleTime: 60_000,
  });
}

export function useCashRegisters(storeId: number | undefined) {
  return useQuery({
    queryKey: ['cash-registers', storeId],
    queryFn: () => unwrap(api.retail.GET('/api/v1/cash-registers', { params: { query: { store_id: storeId, limit: 100 } } })),
    enabled: storeId !== undefined,
    staleTime: 60_000,
  });
}
