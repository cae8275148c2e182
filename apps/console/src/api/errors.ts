/** What went wrong with a call, in the terms a person can act on. */
export type ApiErrorKind =
  | 'validation' // 400: fields to correct
  | 'unauthorized' // 401: sign in again
  | 'forbidden' // 403
  | 'not-found' // 404
  | 'conflict' // 409: the reason says what to change
  | 'rate-limited' // 429: wait Retry-After seconds
  | 'unavailable' // 502/503/504, or no answer at all: the gateway or a service is down
  | 'server'; // any other 5xx

export interface FieldProblem {
  field: string;
  problems: string[];
}

/** The body every service answers errors with (libs/contracts ErrorResponse); the gateway's have only `message`. */
interface ErrorBody {
  status_code?: number;
  message?: string;
  code?: string;
  errors?: FieldProblem[];
  error_id?: string;
}

export class ApiError extends Error {
  constructor(
    readonly kind: ApiErrorKind,
    readonly status: number | undefined,
    message: string,
    readonly details: {
      code?: string;
      fields?: FieldProblem[];
      retryAfterSeconds?: number;
      errorId?: string;
    } = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The problems of one field, by its dotted path (`lines.0.quantity`), or of its children. */
  problemsOf(field: string): string[] {
    return (this.details.fields ?? [])
      .filter((error) => error.field === field || error.field.startsWith(`${field}.`))
      .flatMap((error) => error.problems);
  }
}

function kindOf(status: number): ApiErrorKind {
  if (status === 400 || status === 422) return 'validation';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 409) return 'conflict';
  if (status === 429) return 'rate-limited';
  if (status === 502 || status === 503 || status === 504) return 'unavailable';
  return 'server';
}

/** Retry-After as seconds: a number of seconds or an HTTP date (RFC 9110). */
export function retryAfterSeconds(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim());
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

/** The error a failed answer stands for. `body` is the parsed JSON, if any. */
export function apiErrorFrom(status: number, body: unknown, headers: Headers): ApiError {
  const error = (typeof body === 'object' && body !== null ? body : {}) as ErrorBody;
  const message = error.message ?? `HTTP ${status}`;
  return new ApiError(kindOf(status), status, message, {
    code: error.code,
    fields: Array.isArray(error.errors) ? error.errors : undefined,
    retryAfterSeconds: status === 429 ? retryAfterSeconds(headers.get('retry-after')) : undefined,
    errorId: error.error_id,
  });
}

/** No answer at all: the gateway is down or unreachable (fetch rejects with a TypeError). */
export function networkError(cause: unknown): ApiError {
  return new ApiError('unavailable', undefined, cause instanceof Error ? cause.message : String(cause));
}
