import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../client';
import type { RetailTypes } from '../client';

export type SaleReturn = RetailTypes['schemas']['ReturnResponse'];
export type NewReturn = RetailTypes['schemas']['CreateReturnDto'];
export type ReturnQuery = { sale_id?: number; store_id?: number; limit?: number; offset?: number };

export function useReturns(query: ReturnQuery) {
  return useQuery({
    queryKey: ['returns', query],
    queryFn: () => unwrap(api.retail.GET('/api/v1/returns', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

/** Takes units of a sale back (at most what is still returnable per line) and says the refund. */
export function useRecordReturn() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewReturn) => unwrap(api.retail.POST('/api/v1/returns', { body })),
    onSuccess: (saved) => {
      void client.invalidateQueries({ queryKey: ['returns'] });
      void client.invalidateQueries({ queryKey: ['sales', 'one', saved.sale_id] });
      void client.invalidateQueries({ queryKey: ['stock'] });
    },
  });
}
