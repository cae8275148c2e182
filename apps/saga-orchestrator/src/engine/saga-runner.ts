import { ServiceConfig } from '@app/config';
import { TERMINAL_SAGA_STATUSES } from '@app/contracts';
import { jitteredBackoffMs } from '@app/persistence';
import { Injectable, Logger } from '@nestjs/common';
import { SagaOrchestratorEnvironment } from '../saga-orchestrator.environment';
import { Saga, SagaResults } from '../sagas/saga.entity';
import { LogEntry, LostLease, SagasRepository } from '../sagas/sagas.repository';
import { CommandRejected, TransientFailure } from './participants';
import { SagaEndings } from './saga-endings';
import { SagaMetrics } from './saga.metrics';
import { Outcome } from './saga-definition';
import { PlannedCall, SagaPlan } from './saga-plan';

/**
 * Drives one saga through the steps of its plan, or its compensations, writing every transition before the
 * next call. Stops when the saga ends, when it must wait for a retry (it is then released for any
 * instance to resume), or when another instance has taken it over. What the steps are and do is the plan's.
 */
@Injectable()
export class SagaRunner {
  private readonly logger = new Logger(SagaRunner.name);

  constructor(
    private readonly plan: SagaPlan,
    private readonly sagas: SagasRepository,
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

  /** Runs the next call (its step, or the steps folded into it); true when the saga now waits for a retry. */
  private async stepForward(saga: Saga): Promise<boolean> {
    const call = this.plan.call(saga.nextStep!);
    if (this.pastDeadline(saga)) {
      await this.beginCompensation(saga, `DEADLINE_EXCEEDED: not finished within ${this.config.env.SAGA_DEADLINE_SECONDS} s`);
      return false;
    }
    // Marked before the call: if this instance dies during it, whoever resumes knows what may need undoing. Usually
    // written already (with the saga, or with the previous call's success); only a change of the status shown
    // needs a write of its own.
    const running = this.plan.runningState(saga.effectiveSteps, call);
    if (saga.status !== running.status || running.effectiveSteps !== saga.effectiveSteps) await this.write(saga, running);
    const started = Date.now();
    const attempt = saga.attempts + 1;
    let outcome: Outcome;
    try {
      outcome = await call.run(saga);
    } catch (error) {
      if (error instanceof TransientFailure) {
        // Past the pivot (payment) the saga only moves forward: it retries for as long as it takes.
        const maxAttempts = this.plan.pastPivot(saga) ? Infinity : this.config.env.SAGA_MAX_ATTEMPTS;
        return this.retryLater(saga, call.steps[0].name, attempt, started, error, maxAttempts);
      }
      if (!(error instanceof CommandRejected)) throw error;
      outcome = { ok: false, reason: error.message };
    }
    const refusedAt = outcome.ok ? call.steps.length : this.refusedStepIndex(call, outcome.step);
    const entries = this.callEntries(call, refusedAt, attempt, started, outcome.ok ? null : outcome.reason);
    if (outcome.ok) {
      const last = call.steps[call.steps.length - 1];
      const next = call.next;
      // The next call is marked with this write, unless past the deadline (which no longer applies once the pivot
      // has succeeded): then it will not run, and would be undone for nothing.
      const startsNext = next !== null && (call.pivot || !this.pastDeadline(saga));
      await this.write(
        saga,
        {
          status: last.succeeded,
          ...(startsNext && { effectiveSteps: this.plan.runningState(saga.effectiveSteps, this.plan.call(next)).effectiveSteps }),
          nextStep: next,
          attempts: 0,
          outcomeUnknown: false,
          lastError: null,
          ...outcome.results,
          ...(next === null && { finishedAt: new Date() }),
        },
        entries,
      );
      if (next === null) this.ended(saga);
      return false;
    }
    const refusedStep = call.steps[refusedAt];
    if (this.plan.pastPivot(saga)) {
      // Paid: never undone. What is left needs an operator (POST /sagas/{id}/retry).
      await this.write(
        saga,
        {
          status: 'FAILED',
          failureReason: `${refusedStep.name} refused after payment: ${outcome.reason}`,
          finishedAt: new Date(),
        },
        entries,
      );
      this.ended(saga);
      return false;
    }
    // A refused step had no effect, nor had those of its call after it: nothing of them to undo.
    const notRun = new Set(call.steps.slice(refusedAt).map((step) => step.name));
    await this.beginCompensation(
      saga,
      `${refusedStep.name}: ${outcome.reason}`,
      saga.effectiveSteps.filter((name) => !notRun.has(name)),
      entries,
      outcome.results,
    );
    return false;
  }

  private refusedStepIndex(call: PlannedCall, step: string | undefined): number {
    const index = step === undefined ? call.steps.length - 1 : call.steps.findIndex((planned) => planned.name === step);
    if (index < 0) throw new Error(`A call of ${call.steps.map((s) => s.name).join(', ')} refused as ${step}`);
    return index;
  }

  /**
   * The log of one call: its steps before `refusedAt` succeeded, the one at it (if any) was refused, those after it
   * did not run. The call's time is on the step it ended with; a step folded into it took none of its own.
   */
  private callEntries(call: PlannedCall, refusedAt: number, attempt: number, started: number, error: string | null): LogEntry[] {
    const endedWith = Math.min(refusedAt, call.steps.length - 1);
    return call.steps.slice(0, endedWith + 1).map((step, index) => {
      const entry = this.entry(
        'STEP',
        step.name,
        attempt,
        index === endedWith ? started : Date.now(),
        index === refusedAt ? error : null,
      );
      this.metrics.attempt(step.name, entry.status as 'SUCCESS' | 'FAILED', entry.durationMs / 1000);
      return entry;
    });
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
      outcome = await this.plan.compensate(compensation, saga);
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

  private async beginCompensation(
    saga: Saga,
    reason: string,
    effective = saga.effectiveSteps,
    entries?: LogEntry | LogEntry[],
    results?: Partial<SagaResults>,
  ): Promise<void> {
    await this.write(
      saga,
      {
        ...results,
        status: 'COMPENSATING',
        effectiveSteps: effective,
        pendingCompensations: this.plan.compensationsOf(effective),
        failureReason: reason,
        attempts: 0,
        outcomeUnknown: false,
      },
      entries,
    );
  }

  private async retryLater(
    saga: Saga,
    name: string,
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
        await this.giveUp(saga, name, failure.message, entry);
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
  private async giveUp(saga: Saga, compensation: string, reason: string, entry: LogEntry): Promise<void> {
    this.metrics.compensationGivenUp(compensation);
    await this.write(
      saga,
      { status: 'FAILED', failureReason: `${saga.failureReason}; ${compensation} failed: ${reason}`, finishedAt: new Date() },
      { ...entry, status: 'FAILED' },
    );
    this.ended(saga);
  }

  /** Past the pivot a saga has no deadline: it only moves forward. */
  private pastDeadline(saga: Saga): boolean {
    return !this.plan.pastPivot(saga) && Date.now() > saga.deadlineAt.getTime();
  }

  private async write(
    saga: Saga,
    changes: Partial<Saga>,
    log?: LogEntry | LogEntry[],
    lease: 'renew' | 'release' = 'renew',
  ): Promise<Saga> {
    const entries = log === undefined ? [] : Array.isArray(log) ? log : [log];
    const written = await this.sagas.transition(saga, changes, this.config.env.SAGA_LEASE_SECONDS, entries, lease);
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
