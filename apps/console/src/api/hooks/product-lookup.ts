import { keepPreviousData, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../client';
import type { Product } from './products';

/**
 * Products by id, for screens that show lines of other resources (a sale, a restock request), each cached under
 * ['products', 'one', id]. Missing ones (still loading, deleted) are absent from the map.
 */
export function useProductsById(ids: number[]): Map<number, Product> {
  const unique = [...new Set(ids)].sort((a, b) => a - b);
  const results = useQueries({
    queries: unique.map((id) => ({
      queryKey: ['products', 'one', id],
      queryFn: () => unwrap(api.inventory.GET('/api/v1/products/{id}', { params: { path: { id } } })),
      staleTime: 60_000,
    })),
  });
  const byId = new Map<number, Product>();
  results.forEach((result) => {
    if (result.data) byId.set(result.data.id, result.data);
  });
  return byId;
}

const searchQuery = (term: string) => ({
  queryKey: ['products', { search: term, active: true, limit: 10 }],
  queryFn: () => unwrap(api.inventory.GET('/api/v1/products', { params: { query: { search: term, active: true, limit: 10 } } })),
  staleTime: 30_000,
});

/** Products on sale matching a name or SKU (the first 10), once a term is given. */
export function useProductSearch(term: string) {
  return useQuery({ ...searchQuery(term), enabled: term.trim() !== '', placeholderData: keepPreviousData });
}

/** A search run at once (a barcode scan ends with Enter): resolves with the matching products on sale. */
export function useFindProducts(): (term: string) => Promise<Product[]> {
  const client = useQueryClient();
  return async (term: string) => (await client.query(searchQuery(term.trim()))).data;
}
