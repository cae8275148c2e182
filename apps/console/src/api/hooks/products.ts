import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../client';
import type { InventoryTypes } from '../client';

export type Product = InventoryTypes['schemas']['ProductResponse'];
export type ProductQuery = {
  limit?: number;
  offset?: number;
  search?: string;
  category_id?: number;
  supplier_id?: number;
  active?: boolean;
};

/** Products of the catalogue, a page at a time (search matches name or SKU). */
export function useProducts(query: ProductQuery) {
  return useQuery({
    queryKey: ['products', query],
    queryFn: () => unwrap(api.inventory.GET('/api/v1/products', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}
