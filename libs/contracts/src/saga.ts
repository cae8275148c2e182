/**
 * The order-processing saga as clients see it (GET /api/v1/sagas/{saga_id}). Its steps and compensations, with
 * the status each shows, are declared once, in the order saga's definition (apps/saga-orchestrator/src/sagas/order-saga.ts).
 */
export const SAGA_STATUSES = [
  'PENDING',
  'STOCK_CHECKING',
  'STOCK_RESERVED',
  'ORDER_CREATED',
  'PAYMENT_PROCESSING',
  'PAYMENT_COMPLETED',
  'COMPLETED',
  'COMPENSATING',
  'COMPENSATED',
  'FAILED',
] as const;
export type SagaStatus = (typeof SAGA_STATUSES)[number];

export const TERMINAL_SAGA_STATUSES: readonly SagaStatus[] = ['COMPLETED', 'COMPENSATED', 'FAILED'];
