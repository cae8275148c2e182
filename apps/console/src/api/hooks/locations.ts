import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../client';
import type { InventoryTypes } from '../client';

export type Location = InventoryTypes['schemas']['LocationResponse'];

/** The warehouse and the stores' stock rooms (one page of 100). */
export function useLocations() {
  return useQuery({
    queryKey: ['locations'],
    queryFn: () => unwrap(api.inventory.GET('/api/v1/locations', { params: { query: { limit: 100 } } })),
    staleTime: 60_000,
  });
}
