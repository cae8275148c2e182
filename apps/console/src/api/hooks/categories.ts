import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../client';
import type { InventoryTypes } from '../client';

export type Category = InventoryTypes['schemas']['CategoryResponse'];
export type CategoryInput = InventoryTypes['schemas']['CreateCategoryDto'];

/** Categories, a page at a time (`limit: 100` for a picker: a catalogue has tens of them). */
export function useCategories(query: { limit?: number; offset?: number } = {}) {
  return useQuery({
    queryKey: ['categories', query],
    queryFn: () => unwrap(api.inventory.GET('/api/v1/categories', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function useSaveCategory() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id?: number; input: CategoryInput }) =>
      id === undefined
        ? unwrap(api.inventory.POST('/api/v1/categories', { body: input }))
        : unwrap(api.inventory.PATCH('/api/v1/categories/{id}', { params: { path: { id } }, body: input })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['categories'] }),
  });
}

/** 204 deletes it; 409 (CATEGORY_IN_USE) says how many products use it. */
export function useDeleteCategory() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => unwrap(api.inventory.DELETE('/api/v1/categories/{id}', { params: { path: { id } } })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['categories'] }),
  });
}
