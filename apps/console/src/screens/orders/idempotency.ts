import { useCallback, useRef } from 'react';

function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * The Idempotency-Key of a submitted order: submitting the same contents again (a double click, a retry after no
 * answer) reuses the key, so the orchestrator answers the first saga instead of placing a second order; changed
 * contents are another order, with a key of their own (the API refuses a key reused for a different order).
 */
export function useIdempotencyKey(): (contents: unknown) => string {
  const last = useRef<{ fingerprint: string; key: string } | null>(null);
  return useCallback((contents: unknown) => {
    const fingerprint = JSON.stringify(contents);
    if (last.current?.fingerprint !== fingerprint) last.current = { fingerprint, key: newIdempotencyKey() };
    return last.current.key;
  }, []);
}
