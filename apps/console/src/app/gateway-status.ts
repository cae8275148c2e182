import { useSyncExternalStore } from 'react';
import { ApiError } from '../api/errors';

/**
 * Whether the last call found the gateway or a service down (no answer, 502, 503, 504), set by `unwrap` on every
 * attempt, so that one banner says so at once, however many queries failed, and goes once the system answers.
 */
let down: string | null = null;
const listeners = new Set<() => void>();

export function reportOutcome(error: unknown): void {
  const next = error instanceof ApiError && error.kind === 'unavailable' ? error.message : null;
  if (next === down) return;
  down = next;
  listeners.forEach((listener) => listener());
}

export function useGatewayDown(): string | null {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => down,
  );
}
