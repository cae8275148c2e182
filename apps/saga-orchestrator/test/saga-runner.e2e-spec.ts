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
/** What each call hands back; the order's call (named after PROCESS_PAYMENT, whose call it is) creates and pays. */
const RESULTS: Record<string, Partial<SagaResults>> = { PROCESS_PAYMENT: { orderId: 41, paymentId: 7 } };

/** A refusal of a call, by the call's own step or (`{ step }`) by a step folded into it. */
type Failure = 'refuse' | 'timeout' | { step: string; results?: Partial<SagaResults> };

/** Stands in for inventory and ecommerce: records every call (with the saga's status then) and fails where told. */
class FakeParticipants {
  readonly calls: string[] = [];
  private readonly failures = new Map<string, Failure[]>();

  failNext(name: string, ...failures: Failure[]): void {
    this.failures.set(name, failures);
  }

  async answer(name: string, saga: Saga): Promise<Outcome> {
    this.calls.push(`${name} ${saga.status}${saga.outcomeUnknown ? ' asking' : ''}`);
    const failure = this.failures.get(name)?.shift();
    if (failure === 'timeout') throw new TransientFailure(`${name} did not answer`, true);
    if (failure === 'refuse') return refused(`${name} said no`);
    return failure ? refused(`${failure.step} said no`, failure.step, failure.results) : done(RESULTS[name]);
  }
}

const fake =
  (name: string): SagaCall<FakeParticipants> =>
  (saga, participants) =>
    participants.answer(name, saga);

/** The step with its calls answered by the fakes; a step folded into the next one's call stays without a call. */
const faked = ({ compensation, run, ...step }: SagaStepDefinition<OrderSagaContext>): SagaStepDefinition<FakeParticipants> => ({
  ...step,
  ...(run && { run: fake(step.name) }),
  compensation: compensation && { name: compensation.name, run: fake(compensation.name) },
});

/** The order saga with a step added after the stock reservation, all its calls answered by the fakes. */
const [checkStock, reserveStock, ...rest] = orderSaga.steps.map(faked);
const withFraudCheck: SagaDefinition<FakeParticipants> = {
  steps: [
    checkStock,
    reserveStock,
    {
      name: 'FRAUD_CHECK',
      running: 'STOCK_RESERVED',
      succeeded: 'STOCK_RESERVED',
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
    const {
      accepted: { saga_id },
    } = await t.app.get(SagasService).start(1, {
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

  it("runs the added step in its place, each call under its first step's status, in one write per call", async () => {
    const saga = await givenSaga();
    const writes = jest.spyOn(sagas, 'transition');

    await runner.drive(saga, () => false);

    // Four calls for six steps: the stock check is the reservation's, the order is created by its payment's call.
    expect(participants.calls).toEqual([
      'RESERVE_STOCK STOCK_CHECKING',
      'FRAUD_CHECK STOCK_RESERVED',
      'PROCESS_PAYMENT STOCK_RESERVED',
      'CONFIRM_ORDER PAYMENT_COMPLETED',
    ]);
    expect(await logOf(saga)).toEqual([
      'STEP CHECK_STOCK SUCCESS',
      'STEP RESERVE_STOCK SUCCESS',
      'STEP FRAUD_CHECK SUCCESS',
      'STEP CREATE_ORDER SUCCESS',
      'STEP PROCESS_PAYMENT SUCCESS',
      'STEP CONFIRM_ORDER SUCCESS',
    ]);
    // The steps' results are kept: what a call hands back is written with its success.
    expect(await sagas.findById(saga.id)).toMatchObject({ status: 'COMPLETED', nextStep: null, orderId: 41, paymentId: 7 });
    // A success each, and one write to mark the first call running: this saga was not started by the runner's instance.
    expect(writes).toHaveBeenCalledTimes(4 + 1);
  });

  it('is written marked as running its first call when the instance that takes it drives it at once', () => {
    expect(plan.startedState).toEqual({
      status: 'STOCK_CHECKING',
      nextStep: 'CHECK_STOCK',
      effectiveSteps: ['RESERVE_STOCK'],
      pendingCompensations: [],
    });
  });

  it('undoes what may have had an effect, last step first, when a later step is refused', async () => {
    const saga = await givenSaga();
    participants.failNext('PROCESS_PAYMENT', { step: 'CREATE_ORDER' });

    await runner.drive(saga, () => false);

    expect(await logOf(saga)).toEqual([
      'STEP CHECK_STOCK SUCCESS',
      'STEP RESERVE_STOCK SUCCESS',
      'STEP FRAUD_CHECK SUCCESS',
      'STEP CREATE_ORDER FAILED',
      'COMPENSATION LIFT_FRAUD_HOLD SUCCESS',
      'COMPENSATION RELEASE_STOCK SUCCESS',
    ]);
    expect(participants.calls.slice(-2)).toEqual(['LIFT_FRAUD_HOLD COMPENSATING', 'RELEASE_STOCK COMPENSATING']);
    expect(await sagas.findById(saga.id)).toMatchObject({
      status: 'COMPENSATED',
      failureReason: 'CREATE_ORDER: CREATE_ORDER said no',
      orderId: null,
    });
  });

  it('undoes the steps of a call that succeeded before the one that was refused, and keeps what they handed back', async () => {
    const saga = await givenSaga();
    participants.failNext('PROCESS_PAYMENT', { step: 'PROCESS_PAYMENT', results: { orderId: 41 } });

    await runner.drive(saga, () => false);

    expect((await logOf(saga)).slice(3)).toEqual([
      'STEP CREATE_ORDER SUCCESS',
      'STEP PROCESS_PAYMENT FAILED',
      'COMPENSATION CANCEL_ORDER SUCCESS',
      'COMPENSATION LIFT_FRAUD_HOLD SUCCESS',
      'COMPENSATION RELEASE_STOCK SUCCESS',
    ]);
    expect(await sagas.findById(saga.id)).toMatchObject({
      status: 'COMPENSATED',
      failureReason: 'PROCESS_PAYMENT: PROCESS_PAYMENT said no',
      orderId: 41,
      paymentId: null,
    });
  });

  it('records a refusal by a step folded into the next one as that step, the next one not run', async () => {
    const saga = await givenSaga();
    participants.failNext('RESERVE_STOCK', { step: 'CHECK_STOCK' });

    await runner.drive(saga, () => false);

    expect(await logOf(saga)).toEqual(['STEP CHECK_STOCK FAILED']);
    expect(participants.calls).toEqual(['RESERVE_STOCK STOCK_CHECKING']);
    expect(await sagas.findById(saga.id)).toMatchObject({
      status: 'COMPENSATED',
      failureReason: 'CHECK_STOCK: CHECK_STOCK said no',
    });
  });

  it('retries a step that did not answer, asking first, and undoes it with the others when it is given up', async () => {
    const saga = await givenSaga();
    participants.failNext('FRAUD_CHECK', ...Array<'timeout'>(MAX_ATTEMPTS).fill('timeout'));

    // Each attempt that gets no answer leaves the saga to wait for its retry: the test plays the poll.
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) await runner.drive(saga, () => false);

    expect(participants.calls).toEqual([
      'RESERVE_STOCK STOCK_CHECKING',
      'FRAUD_CHECK STOCK_RESERVED',
      ...Array<string>(MAX_ATTEMPTS - 1).fill('FRAUD_CHECK STOCK_RESERVED asking'),
      'LIFT_FRAUD_HOLD COMPENSATING',
      'RELEASE_STOCK COMPENSATING',
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
