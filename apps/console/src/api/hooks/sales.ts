import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../client';
import type { RetailTypes } from '../client';

export type Sale = RetailTypes['schemas']['SaleResponse'];
export type SaleDetail = RetailTypes['schemas']['SaleDetailResponse'];
export type NewSale = RetailTypes['schemas']['CreateSaleDto'];
export type SaleQuery = { store_id?: number; from?: string; to?: string; limit?: number; offset?: number };

/** Sales, newest first, a page at a time. */
export function useSales(query: SaleQuery, enabled = true) {
  return useQuery({
    queryKey: ['sales', query],
    queryFn: () => unwrap(api.retail.GET('/api/v1/sales', { params: { query } })),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** One sale with, per line, what was already returned, and its returns. */
export function useSale(id: number | undefined) {
  return useQuery({
    queryKey: ['sales', 'one', id],
    queryFn: () => unwrap(api.retail.GET('/api/v1/sales/{id}', { params: { path: { id: id! } } })),
    enabled: id !== undefined,
  });
}

/** Records a sale at a till. Inventory takes the units out of the store's stock when the event reaches it. */
export function useRecordSale() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (sale: NewSale) => unwrap(api.retail.POST('/api/v1/sales', { body: sale })),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['sales'] });
      // The stock moves a moment later (through the outbox): the next look at it fetches again.
      void client.invalidateQueries({ queryKey: ['stock'] });
    },
  });
}
