/** PostgreSQL error codes the services react to. */
export const PgErrorCode = {
  uniqueViolation: '23505',
  foreignKeyViolation: '23503',
  checkViolation: '23514',
  serializationFailure: '40001',
  deadlockDetected: '40P01',
} as const;

interface DriverError {
  code?: string;
  constraint?: string;
  driverError?: DriverError;
}

function driverErrorOf(error: unknown): DriverError | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const candidate = error as DriverError;
  return candidate.driverError ?? candidate;
}

export function isPgError(error: unknown, code: string, constraint?: string): boolean {
  const driverError = driverErrorOf(error);
  return driverError?.code === code && (constraint === undefined || driverError.constraint === constraint);
}

/**
 * What `saving` resolves to; if it breaks a unique key (a name or code already used), the domain error `taken()`
 * makes instead, which its service's exception maps to a 409.
 */
export async function unlessTaken<T>(saving: Promise<T>, taken: () => Error): Promise<T> {
  try {
    return await saving;
  } catch (error) {
    if (isPgError(error, PgErrorCode.uniqueViolation)) throw taken();
    throw error;
  }
}
