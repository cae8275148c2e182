import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../client';
import type { EcommerceTypes, SagaTypes } from '../client';

export type Order = EcommerceTypes['schemas']['OrderResponse'];
export type OrderStatus = Order['status'];
export const ORDER_STATUSES: readonly OrderStatus[] = ['PENDING', 'CONFIRMED', 'CANCELLED'];
export type OrderQuery = { limit?: number; offset?: number; status?: OrderStatus; customer_id?: number };
export type OrderRequest = SagaTypes['schemas']['StartOrderProcessingDto'];
export type PaymentMethod = OrderRequest['payment_method'];
export const PAYMENT_METHODS: readonly PaymentMethod[] = ['credit_card', 'debit_card', 'paypal', 'declined_card'];

/** Orders, newest first, a page at a time. */
export function useOrders(query: OrderQuery) {
  return useQuery({
    queryKey: ['orders', query],
    queryFn: () => unwrap(api.ecommerce.GET('/api/v1/orders', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

/**
 * Places an online order: the orchestrator starts the order-processing saga (202) and answers its id. The
 * Idempotency-Key makes a repeated submission (a double click, a retry after no answer) return the same saga.
 */
export function usePlaceOrder() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ customerId, order, idempotencyKey }: { customerId: number; order: OrderRequest; idempotencyKey: string }) =>
      unwrap(
        api.sagas.POST('/api/v1/customers/{customer_id}/order-processing', {
          params: { path: { customer_id: customerId }, header: { 'Idempotency-Key': idempotencyKey } },
          body: order,
        }),
      ),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['orders'] });
      void client.invalidateQueries({ queryKey: ['sagas'] });
    },
  });
}
