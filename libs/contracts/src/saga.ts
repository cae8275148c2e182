/** The order-processing saga as clients see it (GET /api/v1/sagas/{saga_id}). */
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

export const SAGA_STEPS = ['CHECK_STOCK', 'RESERVE_STOCK', 'CREATE_ORDER', 'PROCESS_PAYMENT', 'CONFIRM_ORDER'] as const;
export type SagaStep = (typeof SAGA_STEPS)[number];

export const SAGA_COMPENSATIONS = ['RELEASE_STOCK', 'CANCEL_ORDER', 'REFUND_PAYMENT'] as const;
export type SagaCompensation = (typeof SAGA_COMPENSATIONS)[number];
