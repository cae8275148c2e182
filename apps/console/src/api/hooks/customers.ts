import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../client';
import type { EcommerceTypes } from '../client';

export type Customer = EcommerceTypes['schemas']['CustomerResponse'];
export type CustomerInput = EcommerceTypes['schemas']['CreateCustomerDto'];
export type CustomerQuery = { limit?: number; offset?: number; search?: string };

/** Customers, a page at a time (search matches name or email). */
export function useCustomers(query: CustomerQuery) {
  return useQuery({
    queryKey: ['customers', query],
    queryFn: () => unwrap(api.ecommerce.GET('/api/v1/customers', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function useCustomer(id: number | undefined) {
  return useQuery({
    queryKey: ['customers', 'one', id],
    // The OpenAPI document does not describe this answer (no @ApiOkResponse on the controller): typed here.
    queryFn: () => unwrap<Customer>(api.ecommerce.GET('/api/v1/customers/{id}', { params: { path: { id: id! } } })),
    enabled: id !== undefined,
    staleTime: 60_000,
  });
}

/** 409 (EMAIL_TAKEN) when another customer has the email, whatever its case. */
export function useCreateCustomer() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CustomerInput) => unwrap<Customer>(api.ecommerce.POST('/api/v1/customers', { body: input })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['customers'] }),
  });
}
