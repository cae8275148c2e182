import {
  CreateOrderCommand,
  CreateOrderReply,
  EcommercePatterns,
  OrderChangeReply,
  PaymentMethod,
  PlaceOrderCommand,
  PlaceOrderReply,
  ProcessPaymentReply,
} from '@app/contracts';
import { Transaction } from '@app/persistence';
import { createTestApp, databaseFingerprint, statementsOf, TestApp } from '@app/testing';
import { ClientProxy, ClientProxyFactory, Transport } from '@nestjs/microservices';
import { lastValueFrom } from 'rxjs';
import { ecommerceService } from '../src/ecommerce.service';
import { OrderCommandsService } from '../src/orders/order-commands.service';
import { OrdersRepository } from '../src/orders/orders.repository';
import { PlaceOrderService } from '../src/orders/place-order.service';
import { PaymentCommandsService } from '../src/payments/payment-commands.service';
import { PaymentsRepository } from '../src/payments/payments.repository';
import { createOrderCommand, givenCustomer, givenSagaCatalogue, stepKey } from './fixtures';

type Reply = { outcome: string; reason?: string };
type End = { order: string | undefined; compensation: string | undefined; stored: string | null };
const outcomeOf = (reply: Reply | undefined) => reply && (reply.reason ? `${reply.outcome} ${reply.reason}` : reply.outcome);

/**
 * Rows and replies made comparable between two sagas: the saga's own id in keys, the ids the database gave
 * (`order_id`, `payment_id`: labelled by what they name, so a reply naming the wrong row still differs) and times.
 */
function comparable(value: unknown, sagaId: string, ids: { order?: number; payment?: number }): unknown {
  if (Array.isArray(value)) return value.map((item) => comparable(item, sagaId, ids));
  if (value instanceof Date) return '<time>';
  if (typeof value === 'string') return value.startsWith(`${sagaId}:`) ? `<saga>${value.slice(sagaId.length)}` : value;
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([field, item]) => {
      if (field === 'order_id' && item === ids.order) return [field, '<order>'];
      if (field === 'payment_id' && item === ids.payment) return [field, '<payment>'];
      if ((field === 'at' || field.endsWith('_at')) && item !== null) return [field, '<time>'];
      return [field, comparable(item, sagaId, ids)];
    }),
  );
}

/**
 * `ecommerce.order.place` (PlaceOrderService): exactly createOrder then processPayment, its usual case in two
 * statements. Each case is compared with the two commands sent one after the other for another saga: same replies,
 * same rows, same replies stored under the same patterns, same events.
 */
describe('placeOrder', () => {
  let t: TestApp;
  let orders: OrderCommandsService;
  let payments: PaymentCommandsService;
  let placing: PlaceOrderService;
  let customerId: number;

  beforeAll(async () => {
    t = await createTestApp(ecommerceService, { listen: true });
    orders = t.app.get(OrderCommandsService);
    payments = t.app.get(PaymentCommandsService);
    placing = t.app.get(PlaceOrderService);
    await givenSagaCatalogue(t.dataSource);
    customerId = (await givenCustomer(t.dataSource)).id;
  });

  afterAll(() => t.close());

  const newCommand = (
    lines: Array<[number, number]> = [[1, 2]],
    method: PaymentMethod = 'credit_card',
    customer = customerId,
  ) => ({
    ...createOrderCommand(customer, lines, method),
    correlation_id: 'corr-place',
  });
  const placeOf = (command: CreateOrderCommand): PlaceOrderCommand => ({
    ...command,
    payment_key: stepKey(command, 'PROCESS_PAYMENT'),
  });
  const place = (command: CreateOrderCommand) => placing.place(placeOf(command));
  const create = (command: CreateOrderCommand) => orders.create(command);
  const pay = (command: CreateOrderCommand) =>
    payments.process({
      idempotency_key: stepKey(command, 'PROCESS_PAYMENT'),
      order_key: command.idempotency_key,
      correlation_id: command.correlation_id,
    });
  /** What the saga sent before placeOrder: create, then pay if the order was made. */
  const separately = async (command: CreateOrderCommand): Promise<PlaceOrderReply> => {
    const order = await create(command);
    return order.outcome === 'CREATED' ? { order, payment: await pay(command) } : { order };
  };
  const cancel = (command: CreateOrderCommand) =>
    orders.cancel({
      idempotency_key: stepKey(command, 'CANCEL_ORDER'),
      order_key: command.idempotency_key,
      reason: 'SAGA_TIMEOUT',
    });
  const refund = (command: CreateOrderCommand) =>
    payments.refund({ idempotency_key: stepKey(command, 'REFUND_PAYMENT'), payment_key: stepKey(command, 'PROCESS_PAYMENT') });
  const confirm = (command: CreateOrderCommand, step = 'CONFIRM_ORDER') =>
    orders.confirm({ idempotency_key: stepKey(command, step), order_key: command.idempotency_key });

  const rows = <T = Record<string, unknown>>(sql: string, parameters: unknown[]) => t.dataSource.query<T[]>(sql, parameters);
  /** Everything written under a saga's keys: its order, lines, payment, shipment, stored replies and events. */
  const writtenFor = async (command: CreateOrderCommand) => {
    const [order] = await rows<{ order_id: number }>(
      `SELECT id AS order_id, customer_id, status, total, payment_method, shipping_address, billing_address, cancel_reason
         FROM orders WHERE order_key = $1`,
      [command.idempotency_key],
    );
    const [payment] = await rows<{ payment_id: number }>(
      `SELECT id AS payment_id, order_id, amount, method, status, decline_reason, refunded_at FROM payments WHERE payment_key = $1`,
      [stepKey(command, 'PROCESS_PAYMENT')],
    );
    const orderId = order?.order_id ?? -1;
    const written = {
      order,
      lines: await rows(
        'SELECT product_id, quantity, unit_price, line_total FROM order_lines WHERE order_id = $1 ORDER BY product_id',
        [orderId],
      ),
      payment,
      shipments: await rows('SELECT status, tracking_number, shipping_address FROM shipments WHERE order_id = $1', [orderId]),
      replies: await rows(
        'SELECT idempotency_key, pattern, result FROM processed_commands WHERE idempotency_key LIKE $1 ORDER BY 1',
        [`${command.saga_id}:%`],
      ),
      events: await rows(
        `SELECT type, version, payload, correlation_id, occurred_at, pending_for FROM outbox_events
          WHERE (payload->>'order_id')::int = $1 ORDER BY id`,
        [orderId],
      ),
    };
    return comparable(written, command.saga_id, { order: order?.order_id, payment: payment?.payment_id });
  };
  const idsOf = (reply: PlaceOrderReply) => ({
    order: reply.order.outcome === 'CREATED' ? reply.order.order.order_id : undefined,
    payment: reply.payment && 'payment' in reply.payment ? reply.payment.payment.payment_id : undefined,
  });

  describe.each<
    [string, () => CreateOrderCommand, ((command: CreateOrderCommand) => Promise<unknown>) | null, string, string | undefined]
  >([
    [
      'a card charged',
      () =>
        newCommand(
          [
            [2, 3],
            [1, 2],
            [2, 1],
          ],
          'paypal',
        ),
      null,
      'CREATED',
      'COMPLETED',
    ],
    ['a card declined', () => newCommand([[1, 1]], 'declined_card'), null, 'CREATED', 'DECLINED CARD_DECLINED'],
    ['an amount over the limit', () => newCommand([[5, 2]]), null, 'CREATED', 'DECLINED AMOUNT_OVER_LIMIT'],
    ['an amount at the limit', () => newCommand([[4, 2]]), null, 'CREATED', 'COMPLETED'],
    ['an unknown customer', () => newCommand([[1, 1]], 'credit_card', 99999), null, 'REJECTED UNKNOWN_CUSTOMER', undefined],
    [
      'an unknown customer and product',
      () => newCommand([[99, 1]], 'credit_card', 99999),
      null,
      'REJECTED UNKNOWN_CUSTOMER',
      undefined,
    ],
    [
      'an unknown product',
      () =>
        newCommand([
          [1, 1],
          [99, 1],
        ]),
      null,
      'REJECTED UNKNOWN_PRODUCT',
      undefined,
    ],
    ['a withdrawn product', () => newCommand([[3, 1]]), null, 'REJECTED INACTIVE_PRODUCT', undefined],
    ['a cancel before it (tombstone)', () => newCommand(), cancel, 'REJECTED CANCELLED', undefined],
    ['a refund before it (tombstone)', () => newCommand(), refund, 'CREATED', 'REJECTED CANCELLED'],
    ['a create before it', () => newCommand(), create, 'CREATED', 'COMPLETED'],
  ])('with %s', (_case, newSaga, given, orderOutcome, paymentOutcome) => {
    it('answers and writes what create then pay would', async () => {
      const [apart, placed] = [newSaga(), newSaga()];
      if (given) {
        await given(apart);
        await given(placed);
      }
      const expected = await separately(apart);
      const reply = await place(placed);
      expect({ order: outcomeOf(reply.order), payment: outcomeOf(reply.payment) }).toEqual({
        order: orderOutcome,
        payment: paymentOutcome,
      });
      expect(comparable(reply, placed.saga_id, idsOf(reply))).toEqual(comparable(expected, apart.saga_id, idsOf(expected)));
      expect(await writtenFor(placed)).toEqual(await writtenFor(apart));
    });

    it('repeated, answers the first reply and writes nothing', async () => {
      const command = newSaga();
      if (given) await given(command);
      const first = await place(command);
      const written = await databaseFingerprint(t.dataSource);
      expect(await place(command)).toEqual(first);
      expect(await databaseFingerprint(t.dataSource)).toEqual(written);
    });

    it('is then answered by create, pay and the lookups as if they had been sent', async () => {
      const command = newSaga();
      if (given) await given(command);
      const reply = await place(command);
      const written = await databaseFingerprint(t.dataSource);
      expect(await create(command)).toEqual(reply.order);
      if (reply.payment) expect(await pay(command)).toEqual(reply.payment);
      expect(await orders.get(command.idempotency_key)).toEqual(
        reply.order.outcome === 'CREATED' ? { found: true, order: reply.order.order } : { found: false },
      );
      expect(await payments.get(stepKey(command, 'PROCESS_PAYMENT'))).toEqual(
        reply.payment && 'payment' in reply.payment ? { found: true, payment: reply.payment.payment } : { found: false },
      );
      expect(await databaseFingerprint(t.dataSource)).toEqual(written);
    });
  });

  it('takes two statements when it succeeds, and stores exactly the replies it gives', async () => {
    const command = newCommand([
      [2, 1],
      [1, 3],
    ]);
    let reply: PlaceOrderReply | undefined;
    expect(
      await statementsOf(async () => {
        reply = await place(command);
      }),
    ).toEqual(['SELECT "CatalogueProduct"."product_id" AS', 'WITH placed AS']);
    const stored = await rows<{ idempotency_key: string; pattern: string; result: unknown }>(
      'SELECT idempotency_key, pattern, result FROM processed_commands WHERE idempotency_key = ANY($1) ORDER BY 1',
      [[command.idempotency_key, stepKey(command, 'PROCESS_PAYMENT')]],
    );
    expect(stored).toEqual([
      { idempotency_key: command.idempotency_key, pattern: EcommercePatterns.createOrder, result: reply?.order },
      { idempotency_key: stepKey(command, 'PROCESS_PAYMENT'), pattern: EcommercePatterns.processPayment, result: reply?.payment },
    ]);
    const [payment] = await rows<{ id: number; order_id: number; created_at: Date }>(
      'SELECT id, order_id, created_at FROM payments WHERE payment_key = $1',
      [stepKey(command, 'PROCESS_PAYMENT')],
    );
    expect(reply).toMatchObject({
      order: { order: { order_id: payment.order_id } },
      payment: { payment: { payment_id: payment.id } },
    });
    const events = await rows(
      'SELECT payload, correlation_id, occurred_at FROM outbox_events WHERE type = $1 AND (payload->>$2)::int = $3',
      ['ecommerce.payment.completed', 'payment_id', payment.id],
    );
    expect(events).toEqual([
      {
        payload: { payment_id: payment.id, order_id: payment.order_id, amount: '4.25', at: payment.created_at.toISOString() },
        correlation_id: 'corr-place',
        occurred_at: payment.created_at,
      },
    ]);
  });

  it('is undone by its compensations as the separate commands are', async () => {
    const [apart, placed] = [newCommand(), newCommand()];
    await separately(apart);
    await place(placed);
    for (const command of [apart, placed]) {
      expect(await refund(command)).toMatchObject({ outcome: 'REFUNDED', payment: { status: 'REFUNDED' } });
      expect(await cancel(command)).toMatchObject({ outcome: 'CANCELLED', order: { status: 'CANCELLED' } });
    }
    expect(await writtenFor(placed)).toEqual(await writtenFor(apart));
    // A late repeat still answers what it first answered.
    expect(await place(placed)).toMatchObject({ order: { outcome: 'CREATED' }, payment: { outcome: 'COMPLETED' } });
  });

  it('creates one order and one payment when the same command arrives many times at once', async () => {
    const command = newCommand([[2, 5]]);
    const replies = await Promise.all(Array.from({ length: 10 }, () => place(command)));
    for (const reply of replies) expect(reply).toEqual(replies[0]);
    expect(outcomeOf(replies[0].payment)).toBe('COMPLETED');
    const [{ orders: placedOrders, charges }] = await rows<{ orders: number; charges: number }>(
      `SELECT (SELECT count(*) FROM orders WHERE order_key = $1)::int AS orders,
              (SELECT count(*) FROM payments WHERE payment_key = $2)::int AS charges`,
      [command.idempotency_key, stepKey(command, 'PROCESS_PAYMENT')],
    );
    expect({ placedOrders, charges }).toEqual({ placedOrders: 1, charges: 1 });
  });

  // Each compensation with the place it undoes: either the place acted and is undone, or it is refused.
  describe.each<{
    pair: string;
    compensation: (command: CreateOrderCommand) => Promise<Reply>;
    repository: () => { lockByKey(tx: Transaction, key: string): Promise<unknown> };
    undone: End;
    refused: End;
    stored: (command: CreateOrderCommand) => Promise<string | null>;
  }>([
    {
      pair: 'a cancel and the place',
      compensation: cancel,
      repository: () => t.app.get(OrdersRepository),
      undone: { order: 'CREATED', compensation: 'CANCELLED', stored: 'CANCELLED' },
      refused: { order: 'REJECTED CANCELLED', compensation: 'NOT_FOUND', stored: null },
      stored: async (command: CreateOrderCommand) =>
        (await rows<{ status: string }>('SELECT status FROM orders WHERE order_key = $1', [command.idempotency_key]))[0]
          ?.status ?? null,
    },
    {
      pair: 'a refund and the place',
      compensation: refund,
      repository: () => t.app.get(PaymentsRepository),
      undone: { order: 'CREATED', compensation: 'REFUNDED', stored: 'REFUNDED' },
      refused: { order: 'CREATED', compensation: 'NOT_FOUND', stored: null },
      stored: async (command: CreateOrderCommand) =>
        (
          await rows<{ status: string }>('SELECT status FROM payments WHERE payment_key = $1', [
            stepKey(command, 'PROCESS_PAYMENT'),
          ])
        )[0]?.status ?? null,
    },
  ])('$pair', ({ compensation, repository, undone, refused, stored }) => {
    afterEach(() => jest.restoreAllMocks());

    it('sent at once, end with the effect undone or never made', async () => {
      const commands = Array.from({ length: 20 }, () => newCommand());
      const replies = await Promise.all(
        commands.map(async (sent, i) => {
          const undoing = i % 2 ? Promise.resolve().then(() => compensation(sent)) : compensation(sent);
          return Promise.all([place(sent), undoing]);
        }),
      );
      const ends = await Promise.all(
        commands.map(async (sent, i) => ({
          order: outcomeOf(replies[i][0].order),
          compensation: outcomeOf(replies[i][1]),
          stored: await stored(sent),
        })),
      );
      for (const end of ends) expect([undone, refused]).toContainEqual(end);
    });

    it('the place committing between the compensation finding nothing and its tombstone is undone', async () => {
      const sent = newCommand();
      let reply: PlaceOrderReply | undefined;
      const locks: { lockByKey(tx: Transaction, key: string): Promise<unknown> } = repository();
      const lockByKey = locks.lockByKey.bind(locks);
      jest.spyOn(locks, 'lockByKey').mockImplementationOnce(async (tx, key) => {
        const none = await lockByKey(tx, key);
        reply = await place(sent);
        return none;
      });
      const undoing = await compensation(sent);
      expect({ order: outcomeOf(reply?.order), compensation: outcomeOf(undoing), stored: await stored(sent) }).toEqual(undone);
      expect(await place(sent)).toEqual(reply);
    });
  });

  describe('then confirmOrder', () => {
    const placed = async (lines: Array<[number, number]> = [[1, 1]]) => {
      const command = newCommand(lines);
      expect(outcomeOf((await place(command)).payment)).toBe('COMPLETED');
      return command;
    };
    const shipmentsOf = async (command: CreateOrderCommand) =>
      (
        await rows<{ n: number }>(
          'SELECT count(*)::int AS n FROM shipments s JOIN orders o ON o.id = s.order_id WHERE o.order_key = $1',
          [command.idempotency_key],
        )
      )[0].n;
    const confirmedEventsOf = async (command: CreateOrderCommand) =>
      (
        await rows<{ n: number }>(
          `SELECT count(*)::int AS n FROM outbox_events e JOIN orders o ON o.id = (e.payload->>'order_id')::int
            WHERE e.type = 'ecommerce.order.confirmed' AND o.order_key = $1`,
          [command.idempotency_key],
        )
      )[0].n;

    it('takes two statements when the order is pending, and stores the reply it gives', async () => {
      const command = await placed([
        [2, 2],
        [1, 1],
      ]);
      let reply: OrderChangeReply | undefined;
      expect(
        await statementsOf(async () => {
          reply = await confirm(command);
        }),
      ).toEqual(['SELECT "placed"."id" AS', 'WITH confirmed AS']);
      expect(reply).toMatchObject({ outcome: 'CONFIRMED', order: { status: 'CONFIRMED', total: '2.50' } });
      expect(await confirm(command)).toEqual(reply);
      const [stored] = await rows('SELECT pattern, result FROM processed_commands WHERE idempotency_key = $1', [
        stepKey(command, 'CONFIRM_ORDER'),
      ]);
      expect(stored).toEqual({ pattern: EcommercePatterns.confirmOrder, result: reply });
      expect({ shipments: await shipmentsOf(command), events: await confirmedEventsOf(command) }).toEqual({
        shipments: 1,
        events: 1,
      });
    });

    it('confirms once when the same confirm arrives many times at once', async () => {
      const command = await placed();
      const replies = await Promise.all(Array.from({ length: 8 }, () => confirm(command)));
      for (const reply of replies) expect(reply).toEqual(replies[0]);
      expect(replies[0].outcome).toBe('CONFIRMED');
      expect({ shipments: await shipmentsOf(command), events: await confirmedEventsOf(command) }).toEqual({
        shipments: 1,
        events: 1,
      });
    });

    it('confirms once when confirms under different keys race', async () => {
      const command = await placed();
      const replies = await Promise.all(Array.from({ length: 6 }, (_, i) => confirm(command, `CONFIRM_ORDER_${i}`)));
      expect(replies.map((reply) => reply.outcome).sort()).toEqual([
        'ALREADY_CONFIRMED',
        'ALREADY_CONFIRMED',
        'ALREADY_CONFIRMED',
        'ALREADY_CONFIRMED',
        'ALREADY_CONFIRMED',
        'CONFIRMED',
      ]);
      expect({ shipments: await shipmentsOf(command), events: await confirmedEventsOf(command) }).toEqual({
        shipments: 1,
        events: 1,
      });
    });

    it('racing a cancel, ends confirmed and shipped or cancelled and not shipped', async () => {
      const commands = await Promise.all(Array.from({ length: 12 }, () => placed()));
      const ends = await Promise.all(
        commands.map(async (command, i) => {
          const cancelling = i % 2 ? Promise.resolve().then(() => cancel(command)) : cancel(command);
          const [confirmed, cancelled] = await Promise.all([confirm(command), cancelling]);
          return {
            confirm: outcomeOf(confirmed),
            cancel: outcomeOf(cancelled),
            shipments: await shipmentsOf(command),
            events: await confirmedEventsOf(command),
          };
        }),
      );
      for (const end of ends) {
        expect([
          { confirm: 'CONFIRMED', cancel: 'REJECTED ORDER_CONFIRMED', shipments: 1, events: 1 },
          { confirm: 'REJECTED ORDER_CANCELLED', cancel: 'CANCELLED', shipments: 0, events: 0 },
        ]).toContainEqual(end);
      }
    });

    it('answers the reply its key already has, even once the order is pending', async () => {
      const command = newCommand();
      expect(await confirm(command)).toEqual({ outcome: 'NOT_FOUND' });
      await place(command);
      const written = await databaseFingerprint(t.dataSource);
      expect(await confirm(command)).toEqual({ outcome: 'NOT_FOUND' });
      expect(await databaseFingerprint(t.dataSource)).toEqual(written);
      expect(await orders.get(command.idempotency_key)).toMatchObject({ order: { status: 'PENDING' } });
    });
  });

  describe('over TCP', () => {
    let client: ClientProxy;
    const send = <T>(pattern: string, payload: unknown) => lastValueFrom(client.send<T>(pattern, payload));

    beforeAll(async () => {
      client = ClientProxyFactory.create({ transport: Transport.TCP, options: { host: '127.0.0.1', port: t.config.tcpPort } });
      await client.connect();
    });

    afterAll(() => client.close());

    it('places an order, and the separate commands find it', async () => {
      const created = newCommand([[1, 1]]);
      const command = placeOf(created);
      const reply = await send<PlaceOrderReply>(EcommercePatterns.placeOrder, command);
      expect(reply).toMatchObject({
        order: { outcome: 'CREATED' },
        payment: { outcome: 'COMPLETED', payment: { amount: '1.20' } },
      });
      expect(await send<CreateOrderReply>(EcommercePatterns.createOrder, created)).toEqual(reply.order);
      expect(
        await send<ProcessPaymentReply>(EcommercePatterns.processPayment, {
          idempotency_key: command.payment_key,
          order_key: command.idempotency_key,
        }),
      ).toEqual(reply.payment);
    });

    it.each([
      ['without payment key', { payment_key: undefined }, 'payment_key'],
      ['with a blank payment key', { payment_key: '  ' }, 'payment_key'],
      ['without lines', { lines: [] }, 'lines'],
      ['paid in cash', { payment_method: 'cash' }, 'payment_method'],
    ])('refuses a place %s, naming the field', async (_case, change, field) => {
      const command = { ...placeOf(newCommand()), ...change };
      await expect(send(EcommercePatterns.placeOrder, command)).rejects.toMatchObject({
        status_code: 400,
        code: 'VALIDATION_FAILED',
        errors: expect.arrayContaining([expect.objectContaining({ field })]),
      });
      expect(await orders.get(command.idempotency_key)).toEqual({ found: false });
    });
  });
});
