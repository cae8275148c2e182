import { SagaStatus } from '@app/contracts';
import { Saga } from '../sagas/saga.entity';
import { Outcome, SagaDefinition } from './saga-definition';

type BoundCall = (saga: Saga) => Promise<Outcome>;

export interface PlannedStep {
  name: string;
  running: SagaStatus;
  succeeded: SagaStatus;
  pivot: boolean;
  compensation: string | null;
}

/** One participant call and the steps it does: one step, or several folded into one message. */
export interface PlannedCall {
  steps: readonly PlannedStep[];
  run: BoundCall;
  /** The step after this call's steps; null after the last. */
  next: string | null;
  /** Shown while the call runs: its first step's running status. */
  running: SagaStatus;
  /** Its last step is the pivot. */
  pivot: boolean;
}

/** A saga definition bound to what its calls need, with the lookups the runner makes on every transition. */
export class SagaPlan {
  private readonly steps = new Map<string, PlannedStep & { index: number }>();
  /** By the name of each call's first step: where `nextStep` always points. */
  private readonly calls = new Map<string, PlannedCall>();
  private readonly firstStep: string;
  private readonly pivotIndex: number;

  private constructor(
    calls: PlannedCall[],
    private readonly compensations: Map<string, BoundCall>,
  ) {
    const steps = calls.flatMap((call) => call.steps);
    const names = [...steps.map((step) => step.name), ...compensations.keys()];
    if (steps.length === 0 || new Set(names).size !== names.length || steps.filter((step) => step.pivot).length > 1) {
      throw new Error(`A saga needs steps, unique names and at most one pivot: ${names.join(', ')}`);
    }
    steps.forEach((step, index) => this.steps.set(step.name, { ...step, index }));
    for (const call of calls) this.calls.set(call.steps[0].name, call);
    this.firstStep = steps[0].name;
    this.pivotIndex = steps.findIndex((step) => step.pivot);
  }

  static of<Context>(definition: SagaDefinition<Context>, context: Context): SagaPlan {
    const compensations = new Map<string, BoundCall>();
    const calls: PlannedCall[] = [];
    let folded: PlannedStep[] = [];
    definition.steps.forEach((step, i) => {
      if (step.compensation) compensations.set(step.compensation.name, (saga) => step.compensation!.run(saga, context));
      const planned: PlannedStep = {
        name: step.name,
        running: step.running,
        succeeded: step.succeeded,
        pivot: step.pivot === true,
        compensation: step.compensation?.name ?? null,
      };
      if (planned.pivot && !step.run) throw new Error(`The pivot ${step.name} must be the last step of its call`);
      folded.push(planned);
      if (!step.run) return;
      const run = step.run;
      calls.push({
        steps: folded,
        run: (saga) => run(saga, context),
        next: definition.steps[i + 1]?.name ?? null,
        running: folded[0].running,
        pivot: planned.pivot,
      });
      folded = [];
    });
    if (folded.length > 0) throw new Error(`The last step (${folded[folded.length - 1].name}) needs a call`);
    return new SagaPlan(calls, compensations);
  }

  /** A new saga: nothing run yet, the first step next. */
  get initialState(): Pick<Saga, 'status' | 'nextStep' | 'effectiveSteps' | 'pendingCompensations'> {
    return { status: 'PENDING', nextStep: this.firstStep, effectiveSteps: [], pendingCompensations: [] };
  }

  /** A new saga that its instance starts driving at once: written already marked as running its first call. */
  get startedState(): Pick<Saga, 'status' | 'nextStep' | 'effectiveSteps' | 'pendingCompensations'> {
    return { ...this.initialState, ...this.runningState([], this.call(this.firstStep)) };
  }

  step(name: string): PlannedStep & { index: number } {
    const step = this.steps.get(name);
    if (!step) throw new Error(`No step ${name} in this saga`);
    return step;
  }

  /** The call that starts with step `name`. */
  call(name: string): PlannedCall {
    const call = this.calls.get(name);
    if (!call) throw new Error(`No call starts with step ${name} in this saga`);
    return call;
  }

  /** The state that marks `call` as running: its status, and its steps that have an undo among those to undo. */
  runningState(effectiveSteps: string[], call: PlannedCall): Pick<Saga, 'status' | 'effectiveSteps'> {
    const added = call.steps
      .filter((step) => step.compensation !== null && !effectiveSteps.includes(step.name))
      .map((step) => step.name);
    return { status: call.running, effectiveSteps: added.length ? [...effectiveSteps, ...added] : effectiveSteps };
  }

  compensate(compensation: string, saga: Saga): Promise<Outcome> {
    const run = this.compensations.get(compensation);
    if (!run) throw new Error(`No compensation ${compensation} in this saga`);
    return run(saga);
  }

  /** What undoes `steps` (those that may have had an effect), last step first. */
  compensationsOf(steps: string[]): string[] {
    return steps
      .map((name) => this.step(name).compensation)
      .filter((compensation) => compensation !== null)
      .reverse();
  }

  /** Whether the pivot has succeeded: the saga then only moves forward. */
  pastPivot(saga: Saga): boolean {
    if (this.pivotIndex < 0 || saga.status === 'COMPENSATING') return false;
    return saga.nextStep === null || this.step(saga.nextStep).index > this.pivotIndex;
  }

  /** An operator's retry of a FAILED saga: its compensation resumes, or (past the pivot) the step that failed. */
  resumeStatus(saga: Saga): SagaStatus {
    return saga.pendingCompensations.length > 0 ? 'COMPENSATING' : this.call(saga.nextStep!).running;
  }
}
