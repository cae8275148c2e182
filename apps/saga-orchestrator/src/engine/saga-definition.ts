import { SagaStatus } from '@app/contracts';
import { Saga, SagaResults } from '../sagas/saga.entity';

/**
 * What a step or compensation came to; transport failures are thrown (TransientFailure) instead. A step that
 * succeeds may hand back results, written on the saga with its success.
 */
export type Outcome =
  { ok: true; results?: Partial<SagaResults> } | { ok: false; reason: string; step?: string; results?: Partial<SagaResults> };

export const done = (results?: Partial<SagaResults>): Outcome => ({ ok: true, results });
/**
 * `step`: which of the steps a call does refused (the call's own step when absent); those before it succeeded, and
 * hand back `results`.
 */
export const refused = (reason: string, step?: string, results?: Partial<SagaResults>): Outcome => ({
  ok: false,
  reason,
  ...(step && { step }),
  ...(results && { results }),
});

/** Every command's idempotency key: the same for every attempt, so a participant acts at most once. */
export const keyOf = (saga: Pick<Saga, 'id'>, name: string) => `${saga.id}:${name}`;

/** A call to the participants; `context` is what the saga's module hands every call (its participants, its settings). */
export type SagaCall<Context> = (saga: Saga, context: Context) => Promise<Outcome>;

export interface SagaStepDefinition<Context> {
  name: string;
  /** The status the saga shows while the step runs, and once it has succeeded. */
  running: SagaStatus;
  succeeded: SagaStatus;
  /**
   * The participant call. A step without one is done by the call of the step after it — one message for both
   * (the stock check the reservation makes, the order created with its payment): the log still records each
   * step, with that call's outcome, and the call's refusal names the step that refused.
   */
  run?: SagaCall<Context>;
  /** How to undo the step, when it may have had an effect. A refused step had none: only one under way is undone. */
  compensation?: { name: string; run: SagaCall<Context> };
  /**
   * The point of no return (at most one step, and the last of its call): once it has succeeded the saga only moves forward — no deadline,
   * no compensation, retries without limit, and a refusal leaves it FAILED for an operator.
   */
  pivot?: true;
}

/** A saga: its steps in the order they run. The engine (SagaPlan, SagaRunner) knows nothing else of it. */
export interface SagaDefinition<Context> {
  steps: readonly SagaStepDefinition<Context>[];
}
