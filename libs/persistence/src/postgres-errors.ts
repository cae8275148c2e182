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
