import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../client';
import type { InventoryTypes } from '../client';

export type RestockRequest = InventoryTypes['schemas']['RestockRequestResponse'];
export type NewRestockRequest = InventoryTypes['schemas']['CreateRestockRequestDto'];
export type RestockStatus = RestockRequest['status'];
export type RestockQuery = { status?: RestockStatus; location_id?: number; product_id?: number; limit?: number; offset?: number };

export function useRestockRequests(query: RestockQuery) {
  return useQuery({
    queryKey: ['restock-requests', query],
    queryFn: () => unwrap(api.inventory.GET('/api/v1/restock-requests', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function useCreateRestockRequest() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewRestockRequest) => unwrap(api.inventory.POST('/api/v1/restock-requests', { body })),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['restock-requests'] }),
  });
}

/** Approving moves the units from the warehouse to the store: the stock is fetched again. */
export function useDecideRestockRequest() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, decision, note }: { id: number; decision: 'approve' | 'reject'; note?: string }) =>
      unwrap(
        decision === 'approve'
          ? api.inventory.POST('/api/v1/restock-requests/{id}/approve', { params: { path: { id } }, body: { note } })
          : api.inventory.POST('/api/v1/restock-requests/{id}/reject', { params: { path: { id } }, body: { note } }),
      ),
    onSuccess: (_saved, { decision }) => {
      void client.invalidateQueries({ queryKey: ['restock-requests'] });
      if (decision === 'approve') void client.invalidateQueries({ queryKey: ['stock'] });
    },
  });
}
