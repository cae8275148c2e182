import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../client';
import type { InventoryTypes } from '../client';

export type StockLevel = InventoryTypes['schemas']['StockLevelResponse'];
export type StockChange = InventoryTypes['schemas']['UpdateStockDto'];
export type StockQuery = {
  product_id?: number;
  /** Comma-separated ids: the levels of a page of products in one call. */
  product_ids?: string;
  location_id?: number;
  low_stock?: boolean;
  limit?: number;
  offset?: number;
};

/** Stock levels (one per product and location), ordered by product then location, a page at a time. */
export function useStockLevels(query: StockQuery, enabled = true) {
  return useQuery({
    queryKey: ['stock', query],
    queryFn: () => unwrap(api.inventory.GET('/api/v1/stock', { params: { query } })),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** Sets a level's on-hand count (`quantity`) or moves it by `adjustment`; the API refuses going below reserved (409). */
export function useAdjustStock() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ productId, change }: { productId: number; change: StockChange }) =>
      unwrap(api.inventory.PUT('/api/v1/stock/{product_id}', { params: { path: { product_id: productId } }, body: change })),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['stock'] }),
  });
}
