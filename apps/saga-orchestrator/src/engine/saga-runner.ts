import { ServiceConfig } from '@app/config';
import { SagaCompensation, SagaStatus, SagaStep, TERMINAL_SAGA_STATUSES } from '@app/contracts';
import { jitteredBackoffMs } from '@app/persistence';
import { Injectable, Logger } from '@nestjs/common';
import { SagaOrchestratorEnvironment } from '../saga-orchestrator.environment';
import { Saga } from '../sagas/saga.entity';
import { LogEntry, LostLease, SagasRepository } from '../sagas/sagas.repository';
import { CommandRejected, TransientFailure } from './participants';
import { SagaEndings } from './saga-endings';
import { SagaMetrics } from './saga.metrics';
import { COMPENSATION_OF, Outcome, SagaSteps } from './saga-steps';

const NEXT_STEP: Record<SagaStep, SagaStep | null> = {
  CHECK_STOCK: 'RESERVE_STOCK',
  RESERVE_STOCK: 'CREATE_ORDER',
  CREATE_ORDER: 'PROCESS_PAYMENT',
  PROCESS_PAYMENT: 'CONFIRM_ORDER',
  CONFIRM_ORDER: null,
};
/** The state the saga shows while a step runs, and once it has succeeded. */
const RUNNING: Record<SagaStep, SagaStatus> = {
  CHECK_STOCK: 'STOCK_CHECKING',
  RESERVE_STOCK: 'STOCK_CHECKING',
  CREATE_ORDER: 'STOCK_RESERVED',
  PROCESS_PAYMENT: 'PAYMENT_PROCESSING',
  CONFIRM_ORDER: 'PAYMENT_COMPLETED',
};
const SUCCEEDED: Record<SagaStep, SagaStatus> = {
  CHECK_STOCK: 'STOCK_CHECKING',
  RESERVE_STOCK: 'STOCK_RESERVED',
  CREATE_ORDER: 'ORDER_CREATED',
  PROCESS_PAYMENT: 'PAYMENT_COMPLETED',
  CONFIRM_ORDER: 'COMPLETED',
};

/**
 * Drives one saga through its steps, or its compensations, writing every transition before the
 * next call. Stops when the saga ends, when it must wait for a retry (it is then released for any
 * instance to resume), or when another instance has taken it over.
 */
@Injectable()
export class SagaRunner {
  private readonly logger = new Logger(SagaRunner.name);

  constructor(
    private readonly sagas: SagasRepository,
    private readonly steps: SagaSteps,
    private readonly metrics: SagaMetrics,
    private readonly endings: SagaEndings,
    private readonly config: ServiceConfig<SagaOrchestratorEnvironment>,
  ) {}

  async drive(saga: Saga, stopping: () => boolean): Promise<void> {
    try {
      while (!TERMINAL_SAGA_STATUSES.includes(saga.status)) {
        if (stopping()) return await this.sagas.release(saga);
        const waiting = saga.status === 'COMPENSATING' ? await this.compensateNext(saga) : await this.stepForward(saga);
        if (waiting) return;
      }
    } catch (error) {
      if (error instanceof LostLease) return this.logger.warn(error.message);
      throw error;
    }
  }

  /** Runs the next step; true when the saga now waits for a retry. */
  private async stepForward(saga: Saga): Promise<boolean> {
    const step = saga.nextStep!;
    if (this.pastDeadline(saga)) {
      await this.beginCompensation(saga, `DEADLINE_EXCEEDED: not finished within ${this.config.env.SAGA_DEADLINE_SECONDS} s`);
      return false;
    }
    // Marked before the call: if this instance dies during it, whoever resumes knows what may need undoing. Usually
    // written with the previous step's success already; only a change of the status shown needs a write of its own.
    const running = this.runningState(saga, step);
    if (saga.status !== running.status || running.effectiveSteps !== saga.effectiveSteps) await this.write(saga, running);
    const started = Date.now();
    const attempt = saga.attempts + 1;
    let outcome: Outcome;
    try {
      outcome = await this.steps.run(step, saga);
    } catch (error) {
      if (error instanceof TransientFailure) {
        // Past payment the saga only moves forward: it retries for as long as it takes.
        const maxAttempts = this.pastPayment(saga) ? Infinity : this.config.env.SAGA_MAX_ATTEMPTS;
        return this.retryLater(saga, step, attempt, started, error, maxAttempts);
      }
      if (!(error instanceof CommandRejected)) throw error;
      outcome = { ok: false, reason: error.message };
    }
    const entry = this.entry('STEP', step, attempt, started, outcome.ok ? null : outcome.reason);
    this.metrics.attempt(step, entry.status as 'SUCCESS' | 'FAILED', entry.durationMs / 1000);
    if (outcome.ok) {
      const next = NEXT_STEP[step];
      // The next step is marked with this write, unless past the deadline: then it will not run, and would be undone
      // for nothing.
      const startsNext = next !== null && (outcome.paymentId !== undefined || !this.pastDeadline(saga));
      await this.write(
        saga,
        {
          status: SUCCEEDED[step],
          ...(startsNext && { effectiveSteps: this.runningState(saga, next).effectiveSteps }),
          nextStep: next,
          attempts: 0,
          outcomeUnknown: false,
          lastError: null,
          ...(outcome.orderId !== undefined && { orderId: outcome.orderId }),
          ...(outcome.paymentId !== undefined && { paymentId: outcome.paymentId }),
          ...(next === null && { finishedAt: new Date() }),
        },
        entry,
      );
      if (next === null) this.ended(saga);
      return false;
    }
    if (this.pastPayment(saga)) {
      // Paid: never undone. What is left needs an operator (POST /sagas/{id}/retry).
      await this.write(
        saga,
        { status: 'FAILED', failureReason: `${step} refused after payment: ${outcome.reason}`, finishedAt: new Date() },
        entry,
      );
      this.ended(saga);
      return false;
    }
    // A refused step had no effect: nothing of it to undo.
    await this.beginCompensation(
      saga,
      `${step}: ${outcome.reason}`,
      saga.effectiveSteps.filter((s) => s !== step),
      entry,
    );
    return false;
  }

  /** Runs the next compensation; true when the saga now waits for a retry. */
  private async compensateNext(saga: Saga): Promise<boolean> {
    const [compensation, ...rest] = saga.pendingCompensations;
    if (!compensation) {
      await this.write(saga, { status: 'COMPENSATED', finishedAt: new Date() });
      this.ended(saga);
      return false;
    }
    const started = Date.now();
    const attempt = saga.attempts + 1;
    let outcome: Outcome;
    try {
      outcome = await this.steps.compensate(compensation, saga);
    } catch (error) {
      if (error instanceof TransientFailure) {
        return this.retryLater(saga, compensation, attempt, started, error, this.config.env.SAGA_MAX_ATTEMPTS);
      }
      if (!(error instanceof CommandRejected)) throw error;
      outcome = { ok: false, reason: error.message };
    }
    const entry = this.entry('COMPENSATION', compensation, attempt, started, outcome.ok ? null : outcome.reason);
    this.metrics.attempt(compensation, entry.status as 'SUCCESS' | 'FAILED', entry.durationMs / 1000);
    if (outcome.ok) {
      this.metrics.compensated(compensation);
      await this.write(saga, { pendingCompensations: rest, attempts: 0, outcomeUnknown: false, lastError: null }, entry);
      return false;
    }
    await this.giveUp(saga, compensation, outcome.reason, entry);
    return false;
  }

  private async beginCompensation(saga: Saga, reason: string, effective = saga.effectiveSteps, entry?: LogEntry): Promise<void> {
    const pending = [...effective]
      .reverse()
      .map((step) => COMPENSATION_OF[step])
      .filter((compensation): compensation is SagaCompensation => compensation !== undefined);
    await this.write(
      saga,
      {
        status: 'COMPENSATING',
        effectiveSteps: effective,
        pendingCompensations: pending,
        failureReason: reason,
        attempts: 0,
        outcomeUnknown: false,
      },
      entry,
    );
  }

  private async retryLater(
    saga: Saga,
    name: SagaStep | SagaCompensation,
    attempt: number,
    started: number,
    failure: TransientFailure,
    maxAttempts: number,
  ): Promise<boolean> {
    const entry = this.entry(
      saga.status === 'COMPENSATING' ? 'COMPENSATION' : 'STEP',
      name,
      attempt,
      started,
      failure.message,
      'RETRYING',
    );
    this.metrics.attempt(name, 'RETRYING', entry.durationMs / 1000);
    if (attempt >= maxAttempts) {
      if (saga.status === 'COMPENSATING') {
        await this.giveUp(saga, name as SagaCompensation, failure.message, entry);
      } else {
        await this.beginCompensation(
          saga,
          `${name}: gave up after ${attempt} attempts: ${failure.message}`,
          saga.effectiveSteps,
          entry,
        );
      }
      return false;
    }
    const delay = jitteredBackoffMs(attempt - 1, this.config.env.SAGA_BACKOFF_MS, this.config.env.SAGA_MAX_BACKOFF_MS);
    await this.write(
      saga,
      // A timeout leaves the outcome unknown: the next attempt asks the participant first.
      {
        attempts: attempt,
        outcomeUnknown: saga.outcomeUnknown || failure.timedOut,
        lastError: failure.message,
        nextAttemptAt: new Date(Date.now() + delay),
      },
      entry,
      'release',
    );
    return true;
  }

  /** A compensation that cannot be completed: the saga waits in FAILED for an operator, reason recorded. */
  private async giveUp(saga: Saga, compensation: SagaCompensation, reason: string, entry: LogEntry): Promise<void> {
    this.metrics.compensationGivenUp(compensation);
    await this.write(
      saga,
      { status: 'FAILED', failureReason: `${saga.failureReason}; ${compensation} failed: ${reason}`, finishedAt: new Date() },
      { ...entry, status: 'FAILED' },
    );
    this.ended(saga);
  }

  /** The state that marks `step` as running: its status, and the step among those to undo if it has an undo. */
  private runningState(saga: Saga, step: SagaStep): Pick<Saga, 'status' | 'effectiveSteps'> {
    const effectiveSteps =
      COMPENSATION_OF[step] && !saga.effectiveSteps.includes(step) ? [...saga.effectiveSteps, step] : saga.effectiveSteps;
    return { status: RUNNING[step], effectiveSteps };
  }

  /** Past payment a saga has no deadline: it only moves forward. */
  private pastDeadline(saga: Saga): boolean {
    return !this.pastPayment(saga) && Date.now() > saga.deadlineAt.getTime();
  }

  private pastPayment(saga: Saga): boolean {
    return saga.paymentId !== null && saga.status !== 'COMPENSATING';
  }

  private async write(saga: Saga, changes: Partial<Saga>, entry?: LogEntry, lease: 'renew' | 'release' = 'renew'): Promise<Saga> {
    const written = await this.sagas.transition(saga, changes, this.config.env.SAGA_LEASE_SECONDS, entry, lease);
    this.metrics.transitioned(written);
    return written;
  }

  private entry(
    kind: 'STEP' | 'COMPENSATION',
    name: string,
    attempt: number,
    started: number,
    error: string | null,
    status?: LogEntry['status'],
  ): LogEntry {
    return {
      kind,
      name,
      attempt,
      durationMs: Date.now() - started,
      error,
      status: status ?? (error === null ? 'SUCCESS' : 'FAILED'),
    };
  }

  private ended(saga: Saga): void {
    this.metrics.ended(saga.status, (Date.now() - saga.createdAt.getTime()) / 1000);
    this.endings.ended(saga);
  }
}
