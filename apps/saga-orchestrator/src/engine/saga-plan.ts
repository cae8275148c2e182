import { SagaStatus } from '@app/contracts';
import { Saga } from '../sagas/saga.entity';
import { Outcome, SagaDefinition } from './saga-definition';

type BoundCall = (saga: Saga) => Promise<Outcome>;

export interface PlannedStep {
  name: string;
  running: SagaStatus;
  succeeded: SagaStatus;
  pivot: boolean;
  /** The step after this one; null for the last. */
  next: string | null;
  compensation: string | null;
  run: BoundCall;
}

/** A saga definition bound to what its calls need, with the lookups the runner makes on every transition. */
export class SagaPlan {
  private readonly steps = new Map<string, PlannedStep & { index: number }>();
  private readonly firstStep: string;
  private readonly pivotIndex: number;

  private constructor(
    steps: PlannedStep[],
    private readonly compensations: Map<string, BoundCall>,
  ) {
    const names = [...steps.map((step) => step.name), ...compensations.keys()];
    if (steps.length === 0 || new Set(names).size !== names.length || steps.filter((step) => step.pivot).length > 1) {
      throw new Error(`A saga needs steps, unique names and at most one pivot: ${names.join(', ')}`);
    }
    steps.forEach((step, index) => this.steps.set(step.name, { ...step, index }));
    this.firstStep = steps[0].name;
    this.pivotIndex = steps.findIndex((step) => step.pivot);
  }

  static of<Context>(definition: SagaDefinition<Context>, context: Context): SagaPlan {
    const compensations = new Map<string, BoundCall>();
    const steps = definition.steps.map((step, i): PlannedStep => {
      if (step.compensation) compensations.set(step.compensation.name, (saga) => step.compensation!.run(saga, context));
      return {
        name: step.name,
        running: step.running,
        succeeded: step.succeeded,
        pivot: step.pivot === true,
        next: definition.steps[i + 1]?.name ?? null,
        compensation: step.compensation?.name ?? null,
        run: (saga) => step.run(saga, context),
      };
    });
    return new SagaPlan(steps, compensations);
  }

  /** A new saga: nothing run yet, the first step next. */
  get initialState(): Pick<Saga, 'status' | 'nextStep' | 'effectiveSteps' | 'pendingCompensations'> {
    return { status: 'PENDING', nextStep: this.firstStep, effectiveSteps: [], pendingCompensations: [] };
  }

  step(name: string): PlannedStep & { index: number } {
    const step = this.steps.get(name);
    if (!step) throw new Error(`No step ${name} in this saga`);
    return step;
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
    return saga.pendingCompensations.length > 0 ? 'COMPENSATING' : this.step(saga.nextStep!).running;
  }
}
