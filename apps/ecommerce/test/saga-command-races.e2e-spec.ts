import { CreateOrderCommand } from '@app/contracts';
import { Transaction } from '@app/persistence';
import { TestApp, createTestApp, databaseFingerprint } from '@app/testing';
import { ecommerceService } from '../src/ecommerce.service';
import { Order } from '../src/orders/order.entity';
import { OrderCommandsService } from '../src/orders/order-commands.service';
import { OrdersRepository } from '../src/orders/orders.repository';
import { Payment } from '../src/payments/payment.entity';
import { PaymentCommandsService } from '../src/payments/payment-commands.service';
import { PaymentsRepository } from '../src/payments/payments.repository';
import { createOrderCommand, givenCatalogue, givenCustomer, stepKey } from './fixtures';

type Reply = { outcome: string; reason?: string };
type Step = (command: CreateOrderCommand) => Promise<Reply>;

/**
 * The saga's command services against PostgreSQL, beyond saga-commands.e2e-spec.ts: a repeated key writes
 * nothing at all, and a compensation racing the command it undoes never leaves that command's effect behind.
 */
describe('saga commands, repeated and racing', () => {
  let t: TestApp;
  let orders: OrderCommandsService;
  let payments: PaymentCommandsService;
  let customerId: number;

  beforeAll(async () => {
    t = await createTestApp(ecommerceService);
    orders = t.app.get(OrderCommandsService);
    payments = t.app.get(PaymentCommandsService);
    await givenCatalogue(t.dataSource, [{ price: '1.20' }]);
    customerId = (await givenCustomer(t.dataSource)).id;
  });

  afterAll(() => t.close());

  const newCommand = () => createOrderCommand(customerId, [[1, 2]]);
  const create: Step = (command) => orders.create(command);
  const cancel: Step = (command) =>
    orders.cancel({
      idempotency_key: stepKey(command, 'CANCEL_ORDER'),
      order_key: command.idempotency_key,
      reason: 'SAGA_TIMEOUT',
    });
  const confirm: Step = (command) =>
    orders.confirm({ idempotency_key: stepKey(command, 'CONFIRM_ORDER'), order_key: command.idempotency_key });
  const pay: Step = (command) =>
    payments.process({ idempotency_key: stepKey(command, 'PROCESS_PAYMENT'), order_key: command.idempotency_key });
  const refund: Step = (command) =>
    payments.refund({ idempotency_key: stepKey(command, 'REFUND_PAYMENT'), payment_key: stepKey(command, 'PROCESS_PAYMENT') });

  describe('a repeated key', () => {
    it.each<[string, Step[], Step, Reply]>([
      ['create', [], create, { outcome: 'CREATED' }],
      ['cancel', [create], cancel, { outcome: 'CANCELLED' }],
      ['cancel that found no order', [], cancel, { outcome: 'NOT_FOUND' }],
      ['create after its cancel', [cancel], create, { outcome: 'REJECTED', reason: 'CANCELLED' }],
      ['confirm', [create], confirm, { outcome: 'CONFIRMED' }],
      ['payment', [create], pay, { outcome: 'COMPLETED' }],
      ['refund', [create, pay], refund, { outcome: 'REFUNDED' }],
      ['refund that found no payment', [create], refund, { outcome: 'NOT_FOUND' }],
      ['payment after its refund', [create, refund], pay, { outcome: 'REJECTED', reason: 'CANCELLED' }],
    ])('of a %s answers the first reply and writes nothing', async (_step, given, step, outcome) => {
      const command = newCommand();
      for (const before of given) await before(command);
      const first = await step(command);
      expect(first).toMatchObject(outcome);
      const written = await databaseFingerprint(t.dataSource);
      expect(await step(command)).toEqual(first);
      expect(await databaseFingerprint(t.dataSource)).toEqual(written);
    });
  });

  // Each compensation with the command it undoes: either the command acted and is undone, or it is refused.
  describe.each([
    {
      pair: 'a cancel and its create',
      given: async () => undefined,
      command: create,
      compensation: cancel,
      repository: () => t.app.get(OrdersRepository),
      stored: async (command: CreateOrderCommand) =>
        (await t.dataSource.getRepository(Order).findOneBy({ orderKey: command.idempotency_key }))?.status ?? null,
      undone: { command: 'CREATED', compensation: 'CANCELLED', stored: 'CANCELLED' },
    },
    {
      pair: 'a refund and its payment',
      given: create,
      command: pay,
      compensation: refund,
      repository: () => t.app.get(PaymentsRepository),
      stored: async (command: CreateOrderCommand) =>
        (await t.dataSource.getRepository(Payment).findOneBy({ paymentKey: stepKey(command, 'PROCESS_PAYMENT') }))?.status ??
        null,
      undone: { command: 'COMPLETED', compensation: 'REFUNDED', stored: 'REFUNDED' },
    },
  ])('$pair', ({ given, command, compensation, repository, stored, undone }) => {
    const refused = { command: 'REJECTED CANCELLED', compensation: 'NOT_FOUND', stored: null };
    const outcomeOf = (reply: Reply) => (reply.reason ? `${reply.outcome} ${reply.reason}` : reply.outcome);

    afterEach(() => jest.restoreAllMocks());

    it('sent at once, end with the effect undone or never made', async () => {
      const commands = Array.from({ length: 20 }, newCommand);
      await Promise.all(commands.map((sent) => given(sent)));
      // Every other pair sends the compensation first, or a moment later: where each wins is up to the database.
      const replies = await Promise.all(
        commands.map(async (sent, i) => {
          const undoing = i % 2 ? Promise.resolve().then(() => compensation(sent)) : compensation(sent);
          return Promise.all([command(sent), undoing]);
        }),
      );
      const ends = await Promise.all(
        commands.map(async (sent, i) => ({
          command: outcomeOf(replies[i][0]),
          compensation: outcomeOf(replies[i][1]),
          stored: await stored(sent),
        })),
      );
      for (const end of ends) expect([undone, refused]).toContainEqual(end);
    });

    it('the command committing between the compensation finding nothing and its tombstone is undone', async () => {
      const sent = newCommand();
      await given(sent);
      let reply: Reply | undefined;
      // The compensation's first look for the record finds nothing; the command then runs to its commit.
      const locks: { lockByKey(tx: Transaction, key: string): Promise<unknown> } = repository();
      const lockByKey = locks.lockByKey.bind(locks);
      jest.spyOn(locks, 'lockByKey').mockImplementationOnce(async (tx, key) => {
        const none = await lockByKey(tx, key);
        reply = await command(sent);
        return none;
      });
      const undoing = await compensation(sent);
      expect({ command: reply && outcomeOf(reply), compensation: outcomeOf(undoing), stored: await stored(sent) }).toEqual(
        undone,
      );
      expect(await command(sent)).toEqual(reply);
    });
  });
});
