import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../client';
import type { InventoryTypes } from '../client';

export type Supplier = InventoryTypes['schemas']['SupplierResponse'];
export type SupplierInput = InventoryTypes['schemas']['CreateSupplierDto'];

/** Suppliers, a page at a time (`limit: 100` for a picker: a catalogue has tens of them). */
export function useSuppliers(query: { limit?: number; offset?: number } = {}) {
  return useQuery({
    queryKey: ['suppliers', query],
    queryFn: () => unwrap(api.inventory.GET('/api/v1/suppliers', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function useSaveSupplier() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id?: number; input: SupplierInput }) =>
      id === undefined
        ? unwrap(api.inventory.POST('/api/v1/suppliers', { body: input }))
        : unwrap(api.inventory.PATCH('/api/v1/suppliers/{id}', { params: { path: { id } }, body: input })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['suppliers'] }),
  });
}

/** 204 deletes it; 409 (SUPPLIER_IN_USE) says how many products use it. */
export function useDeleteSupplier() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => unwrap(api.inventory.DELETE('/api/v1/suppliers/{id}', { params: { path: { id } } })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['suppliers'] }),
  });
}
