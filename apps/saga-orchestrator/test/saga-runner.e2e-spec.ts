import { AddressText } from '@app/contracts';
import { TestApp, createTestApp } from '@app/testing';
import { TransientFailure } from '../src/engine/participants';
import { SagaEndings } from '../src/engine/saga-endings';
import { SagaMetrics } from '../src/engine/saga.metrics';
import { Outcome, SagaCall, SagaDefinition, SagaStepDefinition, done, refused } from '../src/engine/saga-definition';
import { SagaPlan } from '../src/engine/saga-plan';
import { SagaRunner } from '../src/engine/saga-runner';
import { SagaOrchestratorEnvironment } from '../src/saga-orchestrator.environment';
import { sagaOrchestratorService } from '../src/saga-orchestrator.service';
import { OrderSagaContext, orderSaga } from '../src/sagas/order-saga';
import { Saga, SagaResults } from '../src/sagas/saga.entity';
import { SagasRepository } from '../src/sagas/sagas.repository';
import { SagasService } from '../src/sagas/sagas.service';

const MAX_ATTEMPTS = 3;
const RESULTS: Record<string, Partial<SagaResults>> = { CREATE_ORDER: { orderId: 41 }, PROCESS_PAYMENT: { paymentId: 7 } };

/** Stands in for inventory and ecommerce: records every call (with the saga's status then) and fails where told. */
class FakeParticipants {
  readonly calls: string[] = [];
  private readonly failures = new Map<string, Array<'refuse' | 'timeout'>>();

  failNext(name: string, ...failures: Array<'refuse' | 'timeout'>): void {
    this.failures.set(name, failures);
  }

  async answer(name: string, saga: Saga): Promise<Outcome> {
    this.calls.push(`${name} ${saga.status}${saga.outcomeUnknown ? ' asking' : ''}`);
    const failure = this.failures.get(name)?.shift();
    if (failure === 'timeout') throw new TransientFailure(`${name} did not answer`, true);
    return failure === 'refuse' ? refused(`${name} said no`) : done(RESULTS[name]);
  }
}

const fake =
  (name: string): SagaCall<FakeParticipants> =>
  (saga, participants) =>
    participants.answer(name, saga);

const faked = ({ compensation, ...step }: SagaStepDefinition<OrderSagaContext>): SagaStepDefinition<FakeParticipants> => ({
  ...step,
  run: fake(step.name),
  compensation: compensation && { name: compensation.name, run: fake(compensation.name) },
});

/** The order saga with a step added after the stock check, all its calls answered by the fakes. */
const [checkStock, ...rest] = orderSaga.steps.map(faked);
const withFraudCheck: SagaDefinition<FakeParticipants> = {
  steps: [
    checkStock,
    {
      name: 'FRAUD_CHECK',
      running: 'STOCK_CHECKING',
      succeeded: 'STOCK_CHECKING',
      run: fake('FRAUD_CHECK'),
      compensation: { name: 'LIFT_FRAUD_HOLD', run: fake('LIFT_FRAUD_HOLD') },
    },
    ...rest,
  ],
};

/** The engine (SagaPlan, SagaRunner) on the orchestrator's real database, without HTTP or participants. */
describe(SagaRunner.name, () => {
  let t: TestApp<SagaOrchestratorEnvironment>;
  let sagas: SagasRepository;
  let participants: FakeParticipants;
  let plan: SagaPlan;
  let runner: SagaRunner;

  beforeAll(async () => {
    // Takes requests but drives nothing itself: the sagas here are driven by the test's runner only.
    t = await createTestApp(sagaOrchestratorService, {
      env: { SAGA_MAX_IN_FLIGHT: '0', SAGA_MAX_ATTEMPTS: String(MAX_ATTEMPTS) },
    });
    sagas = t.app.get(SagasRepository);
  });

  afterAll(() => t.close());

  beforeEach(() => {
    participants = new FakeParticipants();
    plan = SagaPlan.of(withFraudCheck, participants);
    runner = new SagaRunner(plan, sagas, t.app.get(SagaMetrics), t.app.get(SagaEndings), t.config);
  });

  afterEach(() => jest.restoreAllMocks());

  async function givenSaga(): Promise<Saga> {
    const address = new AddressText('1 rue de Rivoli, Paris');
    const { saga_id } = await t.app.get(SagasService).start(1, {
      products: [{ product_id: 1, quantity: 2 }],
      shipping_address: address,
      billing_address: address,
      payment_method: 'credit_card',
    });
    const saga = (await sagas.findById(saga_id))!;
    expect(saga).toMatchObject(plan.initialState);
    return saga;
  }

  const logOf = async (saga: Saga) => (await sagas.logOf(saga.id)).map((entry) => `${entry.kind} ${entry.name} ${entry.status}`);

  it("runs the added step in its place, each step under its definition's status, in one write per step (or two)", async () => {
    const saga = await givenSaga();
    const writes = jest.spyOn(sagas, 'transition');

    await runner.drive(saga, () => false);

    expect(participants.calls).toEqual([
      'CHECK_STOCK STOCK_CHECKING',
      'FRAUD_CHECK STOCK_CHECKING',
      'RESERVE_STOCK STOCK_CHECKING',
      'CREATE_ORDER STOCK_RESERVED',
      'PROCESS_PAYMENT PAYMENT_PROCESSING',
      'CONFIRM_ORDER PAYMENT_COMPLETED',
    ]);
    expect(await logOf(saga)).toEqual([
      'STEP CHECK_STOCK SUCCESS',
      'STEP FRAUD_CHECK SUCCESS',
      'STEP RESERVE_STOCK SUCCESS',
      'STEP CREATE_ORDER SUCCESS',
      'STEP PROCESS_PAYMENT SUCCESS',
      'STEP CONFIRM_ORDER SUCCESS',
    ]);
    // The steps' results are kept: what a step hands back is written with its success.
    expect(await sagas.findById(saga.id)).toMatchObject({ status: 'COMPLETED', nextStep: null, orderId: 41, paymentId: 7 });
    // A success each, and a write of its own for a step that shows a new status while it runs (the first, payment).
    expect(writes).toHaveBeenCalledTimes(6 + 2);
  });

  it('undoes what may have had an effect, last step first, when a later step is refused', async () => {
    const saga = await givenSaga();
    participants.failNext('CREATE_ORDER', 'refuse');

    await runner.drive(saga, () => false);

    expect(await logOf(saga)).toEqual([
      'STEP CHECK_STOCK SUCCESS',
      'STEP FRAUD_CHECK SUCCESS',
      'STEP RESERVE_STOCK SUCCESS',
      'STEP CREATE_ORDER FAILED',
      'COMPENSATION RELEASE_STOCK SUCCESS',
      'COMPENSATION LIFT_FRAUD_HOLD SUCCESS',
    ]);
    expect(participants.calls.slice(-2)).toEqual(['RELEASE_STOCK COMPENSATING', 'LIFT_FRAUD_HOLD COMPENSATING']);
    expect(await sagas.findById(saga.id)).toMatchObject({
      status: 'COMPENSATED',
      failureReason: 'CREATE_ORDER: CREATE_ORDER said no',
      orderId: null,
    });
  });

  it('retries a step that did not answer, asking first, and undoes it with the others when it is given up', async () => {
    const saga = await givenSaga();
    participants.failNext('FRAUD_CHECK', ...Array<'timeout'>(MAX_ATTEMPTS).fill('timeout'));

    // Each attempt that gets no answer leaves the saga to wait for its retry: the test plays the poll.
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) await runner.drive(saga, () => false);

    expect(participants.calls).toEqual([
      'CHECK_STOCK STOCK_CHECKING',
      'FRAUD_CHECK STOCK_CHECKING',
      ...Array<string>(MAX_ATTEMPTS - 1).fill('FRAUD_CHECK STOCK_CHECKING asking'),
      'LIFT_FRAUD_HOLD COMPENSATING',
    ]);
    expect(await sagas.findById(saga.id)).toMatchObject({
      status: 'COMPENSATED',
      failureReason: `FRAUD_CHECK: gave up after ${MAX_ATTEMPTS} attempts: FRAUD_CHECK did not answer`,
    });
  });

  it('past the pivot, never undoes anything: a refusal leaves the saga FAILED for an operator', async () => {
    const saga = await givenSaga();
    participants.failNext('CONFIRM_ORDER', 'refuse');

    await runner.drive(saga, () => false);

    expect((await logOf(saga)).slice(-2)).toEqual(['STEP PROCESS_PAYMENT SUCCESS', 'STEP CONFIRM_ORDER FAILED']);
    const failed = (await sagas.findById(saga.id))!;
    expect(failed).toMatchObject({
      status: 'FAILED',
      failureReason: 'CONFIRM_ORDER refused after payment: CONFIRM_ORDER said no',
      pendingCompensations: [],
      paymentId: 7,
    });
    expect(plan.resumeStatus(failed)).toBe('PAYMENT_COMPLETED');
  });
});
