import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../client';
import type { RetailTypes } from '../client';

export type NewReturn = RetailTypes['schemas']['CreateReturnDto'];

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
