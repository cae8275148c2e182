import { ServiceEnvironment } from '@app/config';
import { Expose } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

export class SagaOrchestratorEnvironment extends ServiceEnvironment {
  /** A saga not past payment by then is compensated; stock reservations live a little longer. */
  @Expose() @IsInt() @Min(1) @Max(24 * 3600) SAGA_DEADLINE_SECONDS: number = 120;

  /** How long one participant call may take before it counts as a transient failure. */
  @Expose() @IsInt() @Min(50) @Max(60_000) SAGA_CALL_TIMEOUT_MS: number = 3000;

  /** Attempts of a forward step (before payment) or a compensation before giving up on it. */
  @Expose() @IsInt() @Min(1) @Max(10_000) SAGA_MAX_ATTEMPTS: number = 5;

  /** First retry delay; it doubles (with jitter) up to SAGA_MAX_BACKOFF_MS. */
  @Expose() @IsInt() @Min(1) @Max(60_000) SAGA_BACKOFF_MS: number = 200;
  @Expose() @IsInt() @Min(1) @Max(600_000) SAGA_MAX_BACKOFF_MS: number = 10_000;

  /** An instance that stops renewing its lease for this long loses its sagas to another instance. */
  @Expose() @IsInt() @Min(1) @Max(600) SAGA_LEASE_SECONDS: number = 15;

  /** How often an instance looks for sagas to resume (retries due, leases expired, deadlines). */
  @Expose() @IsInt() @Min(10) @Max(60_000) SAGA_POLL_INTERVAL_MS: number = 250;

  /** Sagas one instance drives at once (0: it only takes requests; other instances drive). */
  @Expose() @IsInt() @Min(0) @Max(10_000) SAGA_MAX_IN_FLIGHT: number = 200;
}
