import type { Saga } from '../../api/hooks/sagas';
import { isTerminal } from '../../api/hooks/sagas';

/**
 * The order-processing saga's steps, in the order the orchestrator runs them (its definition,
 * apps/saga-orchestrator/src/sagas/order-saga.ts, is server code: the API names a step as a plain string).
 */
const SAGA_STEPS: readonly string[] = ['CHECK_STOCK', 'RESERVE_STOCK', 'CREATE_ORDER', 'PROCESS_PAYMENT', 'CONFIRM_ORDER'];

/** What the API says of a step or compensation, and what the timeline adds for the steps not reached. */
export type EntryStatus = 'SUCCESS' | 'FAILED' | 'RETRYING' | 'RUNNING' | 'PENDING' | 'SKIPPED';

export interface TimelineEntry {
  kind: 'step' | 'compensation';
  name: string;
  status: EntryStatus;
  attempts: number;
  /** Seconds. */
  duration: number;
  error?: string;
}

/**
 * The saga as a timeline: its five steps in order (those not reached are PENDING while it runs, SKIPPED once it
 * has ended or is being undone), then its compensations in the order they ran (the API lists them so).
 */
export function timelineOf(saga: Pick<Saga, 'status' | 'steps' | 'compensations'>): TimelineEntry[] {
  const reached = new Map(saga.steps.map((step) => [step.step, step]));
  const stopped = isTerminal(saga.status) || saga.status === 'COMPENSATING' || saga.compensations.length > 0;
  const names = [...SAGA_STEPS, ...saga.steps.map((step) => step.step).filter((name) => !SAGA_STEPS.includes(name))];
  const steps: TimelineEntry[] = names.map((name) => {
    const step = reached.get(name);
    return step
      ? { kind: 'step', name, status: step.status, attempts: step.attempts, duration: step.duration, error: step.error }
      : { kind: 'step', name, status: stopped ? 'SKIPPED' : 'PENDING', attempts: 0, duration: 0 };
  });
  const compensations: TimelineEntry[] = saga.compensations.map((compensation) => ({
    kind: 'compensation',
    name: compensation.compensation,
    status: compensation.status,
    attempts: compensation.attempts,
    duration: compensation.duration,
    error: compensation.error,
  }));
  return [...steps, ...compensations];
}

/** A failure reason as the orchestrator writes it ("PROCESS_PAYMENT: CARD_DECLINED"), in its parts. */
export function failureParts(reason: string): { step: string; code: string; detail: string } | undefined {
  const match = /^([A-Z_]+): ([A-Z_]+)(.*)$/s.exec(reason);
  return match ? { step: match[1], code: match[2], detail: match[3] } : undefined;
}

/** The colour a status is shown in: dark enough for white text (WCAG AA 4.5:1 on a filled badge). */
export function statusColor(status: string): string {
  switch (status) {
    case 'SUCCESS':
    case 'COMPLETED':
    case 'CONFIRMED':
      return 'teal.9';
    case 'FAILED':
    case 'CANCELLED':
      return 'red.9';
    case 'RETRYING':
    case 'COMPENSATING':
    case 'COMPENSATED':
      return '#a34100';
    case 'SKIPPED':
    case 'PENDING':
      return 'gray.7';
    default:
      return 'blue.9';
  }
}
