import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../client';
import type { InventoryTypes } from '../client';

export type ProductInput = InventoryTypes['schemas']['CreateProductDto'];
export type ProductChanges = InventoryTypes['schemas']['UpdateProductDto'];

/** Creates a product, or changes one (PATCH: only what is sent changes). */
export function useSaveProduct() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (change: { id: undefined; input: ProductInput } | { id: number; input: ProductChanges }) =>
      change.id === undefined
        ? unwrap(api.inventory.POST('/api/v1/products', { body: change.input }))
        : unwrap(api.inventory.PATCH('/api/v1/products/{id}', { params: { path: { id: change.id } }, body: change.input })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['products'] }),
  });
}

/** DELETE deactivates: past sales and orders still refer to the product. */
export function useDeactivateProduct() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => unwrap(api.inventory.DELETE('/api/v1/products/{id}', { params: { path: { id } } })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['products'] }),
  });
}
