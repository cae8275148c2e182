import { CatalogueProduct } from '@app/catalogue';
import { CreateOrderCommand, OrderConfirmedV1, OrderView, PaymentView } from '@app/contracts';
import { OutboxEvent } from '@app/events';
import { ProcessedCommand } from '@app/persistence';
import { TestApp, createTestApp } from '@app/testing';
import { Customer } from '../src/customers/customer.entity';
import { ecommerceService } from '../src/ecommerce.service';
import { Order } from '../src/orders/order.entity';
import { OrderCommandsService } from '../src/orders/order-commands.service';
import { Payment } from '../src/payments/payment.entity';
import { PaymentCommandsService } from '../src/payments/payment-commands.service';
import { Shipment } from '../src/shipments/shipment.entity';
import { BILLING, SHIPPING, createOrderCommand, givenCustomer, givenSagaCatalogue, stepKey } from './fixtures';

describe('saga commands', () => {
  let t: TestApp;
  let orders: OrderCommandsService;
  let payments: PaymentCommandsService;
  let customer: Customer;

  beforeAll(async () => {
    t = await createTestApp(ecommerceService);
    orders = t.app.get(OrderCommandsService);
    payments = t.app.get(PaymentCommandsService);
    await givenSagaCatalogue(t.dataSource);
    customer = await givenCustomer(t.dataSource);
  });

  afterAll(() => t.close());

  const ordersWithKey = (orderKey: string) => t.dataSource.getRepository(Order).countBy({ orderKey });
  const eventsOf = (type: string, orderId: number) =>
    t.dataSource
      .getRepository(OutboxEvent)
      .createQueryBuilder('event')
      .where("event.type = :type AND (event.payload->>'order_id')::int = :orderId", { type, orderId })
      .getMany();
  const createdOrder = async (command: CreateOrderCommand): Promise<OrderView> => {
    const reply = await orders.create(command);
    if (reply.outcome !== 'CREATED') throw new Error(`order not created: ${JSON.stringify(reply)}`);
    return reply.order;
  };
  const pay = (command: CreateOrderCommand, step = 'PROCESS_PAYMENT') =>
    payments.process({ idempotency_key: stepKey(command, step), order_key: command.idempotency_key });

  describe('createOrder', () => {
    it('creates a pending order priced from the catalogue copy, repeated products added up', async () => {
      const command = createOrderCommand(
        customer.id,
        [
          [2, 3],
          [1, 2],
          [2, 1],
        ],
        'paypal',
      );
      const reply = await orders.create(command);
      expect(reply).toEqual({
        outcome: 'CREATED',
        order: {
          order_id: expect.any(Number),
          order_key: command.idempotency_key,
          customer_id: customer.id,
          status: 'PENDING',
          total: '5.00',
          lines: [
            { product_id: 1, quantity: 2, unit_price: '1.20', line_total: '2.40' },
            { product_id: 2, quantity: 4, unit_price: '0.65', line_total: '2.60' },
          ],
        },
      });
      const stored = await t.dataSource.getRepository(Order).findOneByOrFail({ orderKey: command.idempotency_key });
      expect(stored).toMatchObject({
        sagaId: command.saga_id,
        customerId: customer.id,
        status: 'PENDING',
        total: '5.00',
        paymentMethod: 'paypal',
        shippingAddress: SHIPPING,
        billingAddress: BILLING,
        cancelReason: null,
      });
    });

    it('returns the first reply for a repeated key, and creates one order', async () => {
      const command = createOrderCommand(customer.id, [[1, 1]]);
      const first = await orders.create(command);
      await t.dataSource.getRepository(CatalogueProduct).update({ productId: 1 }, { price: '9.99' });
      const again = await orders.create(command);
      await t.dataSource.getRepository(CatalogueProduct).update({ productId: 1 }, { price: '1.20' });
      expect(again).toEqual(first);
      expect(await ordersWithKey(command.idempotency_key)).toBe(1);
    });

    it('creates one order when the same command arrives many times at once', async () => {
      const command = createOrderCommand(customer.id, [[2, 5]]);
      const replies = await Promise.all(Array.from({ length: 10 }, () => orders.create(command)));
      for (const reply of replies) expect(reply).toEqual(replies[0]);
      expect(replies[0].outcome).toBe('CREATED');
      expect(await ordersWithKey(command.idempotency_key)).toBe(1);
    });

    it('rejects an unknown customer and creates nothing', async () => {
      const command = createOrderCommand(99999, [[1, 1]]);
      expect(await orders.create(command)).toEqual({ outcome: 'REJECTED', reason: 'UNKNOWN_CUSTOMER' });
      expect(await ordersWithKey(command.idempotency_key)).toBe(0);
    });

    it.each([
      ['an unknown product', 99, 'UNKNOWN_PRODUCT'],
      ['a withdrawn product', 3, 'INACTIVE_PRODUCT'],
    ])('rejects %s and creates nothing', async (_case, productId, reason) => {
      const command = createOrderCommand(customer.id, [
        [1, 1],
        [productId, 1],
      ]);
      expect(await orders.create(command)).toEqual({ outcome: 'REJECTED', reason });
      expect(await ordersWithKey(command.idempotency_key)).toBe(0);
    });

    it('repeats a rejection even after the product came back', async () => {
      const command = createOrderCommand(customer.id, [[3, 1]]);
      const first = await orders.create(command);
      await t.dataSource.getRepository(CatalogueProduct).update({ productId: 3 }, { active: true });
      const again = await orders.create(command);
      await t.dataSource.getRepository(CatalogueProduct).update({ productId: 3 }, { active: false });
      expect(again).toEqual(first);
      expect(await ordersWithKey(command.idempotency_key)).toBe(0);
    });
  });

  describe('cancelOrder', () => {
    it('cancels a pending order once, and records the cancelled event', async () => {
      const command = createOrderCommand(customer.id, [[1, 2]]);
      const order = await createdOrder(command);
      const cancel = {
        idempotency_key: stepKey(command, 'CANCEL_ORDER'),
        order_key: command.idempotency_key,
        reason: 'PAYMENT_DECLINED',
        correlation_id: 'corr-1',
      };
      const first = await orders.cancel(cancel);
      expect(first).toEqual({ outcome: 'CANCELLED', order: { ...order, status: 'CANCELLED' } });
      expect(await orders.cancel(cancel)).toEqual(first);
      expect(await orders.cancel({ ...cancel, idempotency_key: `${cancel.idempotency_key}-again` })).toEqual({
        outcome: 'ALREADY_CANCELLED',
        order: { ...order, status: 'CANCELLED' },
      });
      expect(await t.dataSource.getRepository(Order).findOneByOrFail({ id: order.order_id })).toMatchObject({
        status: 'CANCELLED',
        cancelReason: 'PAYMENT_DECLINED',
      });
      const events = await eventsOf('ecommerce.order.cancelled', order.order_id);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        version: 1,
        correlationId: 'corr-1',
        payload: {
          order_id: order.order_id,
          customer_id: customer.id,
          lines: order.lines,
          total: '2.40',
          reason: 'PAYMENT_DECLINED',
          cancelled_at: expect.any(String),
        },
      });
    });

    it('a cancel that comes before its create leaves a tombstone, so the late create is refused', async () => {
      const command = createOrderCommand(customer.id, [[1, 1]]);
      const cancel = {
        idempotency_key: stepKey(command, 'CANCEL_ORDER'),
        order_key: command.idempotency_key,
        reason: 'SAGA_TIMEOUT',
      };
      expect(await orders.cancel(cancel)).toEqual({ outcome: 'NOT_FOUND' });
      expect(await orders.create(command)).toEqual({ outcome: 'REJECTED', reason: 'CANCELLED' });
      expect(await ordersWithKey(command.idempotency_key)).toBe(0);
      expect(
        await t.dataSource.getRepository(ProcessedCommand).findOneByOrFail({ idempotencyKey: command.idempotency_key }),
      ).toMatchObject({
        pattern: 'ecommerce.order.create',
      });
    });

    it('refuses to cancel a confirmed order', async () => {
      const command = createOrderCommand(customer.id, [[1, 1]]);
      const order = await createdOrder(command);
      await orders.confirm({ idempotency_key: stepKey(command, 'CONFIRM_ORDER'), order_key: command.idempotency_key });
      const reply = await orders.cancel({
        idempotency_key: stepKey(command, 'CANCEL_ORDER'),
        order_key: command.idempotency_key,
        reason: 'too late',
      });
      expect(reply).toEqual({ outcome: 'REJECTED', reason: 'ORDER_CONFIRMED', order: { ...order, status: 'CONFIRMED' } });
      expect(await t.dataSource.getRepository(Order).findOneByOrFail({ id: order.order_id })).toMatchObject({
        status: 'CONFIRMED',
        cancelReason: null,
      });
      expect(await eventsOf('ecommerce.order.cancelled', order.order_id)).toEqual([]);
    });
  });

  describe('confirmOrder', () => {
    it('confirms a pending order, makes its shipment and records the confirmed event', async () => {
      const command = createOrderCommand(customer.id, [
        [2, 2],
        [1, 1],
      ]);
      const order = await createdOrder(command);
      const confirm = {
        idempotency_key: stepKey(command, 'CONFIRM_ORDER'),
        order_key: command.idempotency_key,
        correlation_id: 'corr-2',
      };
      const first = await orders.confirm(confirm);
      expect(first).toEqual({ outcome: 'CONFIRMED', order: { ...order, status: 'CONFIRMED' } });
      expect(await orders.confirm(confirm)).toEqual(first);
      expect(await orders.confirm({ ...confirm, idempotency_key: `${confirm.idempotency_key}-again` })).toMatchObject({
        outcome: 'ALREADY_CONFIRMED',
      });

      const shipments = await t.dataSource.getRepository(Shipment).findBy({ orderId: order.order_id });
      expect(shipments).toEqual([
        {
          id: expect.any(Number),
          orderId: order.order_id,
          status: 'PREPARING',
          trackingNumber: `EC${String(order.order_id).padStart(10, '0')}`,
          shippingAddress: SHIPPING,
          createdAt: expect.any(Date),
        },
      ]);
      const events = await eventsOf('ecommerce.order.confirmed', order.order_id);
      expect(events).toHaveLength(1);
      const payload: OrderConfirmedV1 = {
        order_id: order.order_id,
        customer_id: customer.id,
        lines: [
          { product_id: 1, quantity: 1, unit_price: '1.20', line_total: '1.20' },
          { product_id: 2, quantity: 2, unit_price: '0.65', line_total: '1.30' },
        ],
        total: '2.50',
        confirmed_at: events[0].occurredAt.toISOString(),
      };
      expect(events[0]).toMatchObject({ version: 1, correlationId: 'corr-2', payload });
    });

    it('refuses to confirm a cancelled order, and ships nothing', async () => {
      const command = createOrderCommand(customer.id, [[1, 1]]);
      const order = await createdOrder(command);
      await orders.cancel({ idempotency_key: stepKey(command, 'CANCEL_ORDER'), order_key: command.idempotency_key, reason: 'x' });
      const reply = await orders.confirm({
        idempotency_key: stepKey(command, 'CONFIRM_ORDER'),
        order_key: command.idempotency_key,
      });
      expect(reply).toEqual({ outcome: 'REJECTED', reason: 'ORDER_CANCELLED', order: { ...order, status: 'CANCELLED' } });
      expect(await t.dataSource.getRepository(Shipment).countBy({ orderId: order.order_id })).toBe(0);
      expect(await eventsOf('ecommerce.order.confirmed', order.order_id)).toEqual([]);
    });

    it('answers NOT_FOUND for an order that does not exist', async () => {
      expect(await orders.confirm({ idempotency_key: 'ghost:CONFIRM_ORDER', order_key: 'ghost:CREATE_ORDER' })).toEqual({
        outcome: 'NOT_FOUND',
      });
    });
  });

  describe('getOrder', () => {
    it('finds an order by its key', async () => {
      const command = createOrderCommand(customer.id, [[1, 1]]);
      const order = await createdOrder(command);
      expect(await orders.get(command.idempotency_key)).toEqual({ found: true, order });
      expect(await orders.get('nothing:CREATE_ORDER')).toEqual({ found: false });
    });
  });

  describe('processPayment', () => {
    it('charges the order total with its payment method, once, and records the completed event', async () => {
      const command = createOrderCommand(customer.id, [[1, 3]], 'debit_card');
      const order = await createdOrder(command);
      const first = await pay(command);
      expect(first).toEqual({
        outcome: 'COMPLETED',
        payment: {
          payment_id: expect.any(Number),
          payment_key: stepKey(command, 'PROCESS_PAYMENT'),
          order_id: order.order_id,
          amount: '3.60',
          method: 'debit_card',
          status: 'COMPLETED',
        },
      });
      expect(await pay(command)).toEqual(first);
      const [payment, ...others] = await t.dataSource.getRepository(Payment).findBy({ orderId: order.order_id });
      expect(others).toEqual([]);
      const events = await eventsOf('ecommerce.payment.completed', order.order_id);
      expect(events.map((event) => event.payload)).toEqual([
        { payment_id: payment.id, order_id: order.order_id, amount: '3.60', at: payment.createdAt.toISOString() },
      ]);
    });

    it('stores a payment declined for the card, and replays it', async () => {
      const command = createOrderCommand(customer.id, [[1, 1]], 'declined_card');
      const order = await createdOrder(command);
      const first = await pay(command);
      expect(first).toMatchObject({
        outcome: 'DECLINED',
        reason: 'CARD_DECLINED',
        payment: { order_id: order.order_id, amount: '1.20', status: 'DECLINED' },
      });
      expect(await pay(command)).toEqual(first);
      expect(await t.dataSource.getRepository(Payment).findBy({ orderId: order.order_id })).toEqual([
        expect.objectContaining({ status: 'DECLINED', declineReason: 'CARD_DECLINED', method: 'declined_card' }),
      ]);
      expect(await eventsOf('ecommerce.payment.completed', order.order_id)).toEqual([]);
      expect((await t.dataSource.getRepository(Order).findOneByOrFail({ id: order.order_id })).status).toBe('PENDING');
    });

    it('declines an amount above the limit and accepts one exactly at it', async () => {
      const over = createOrderCommand(customer.id, [[5, 2]]);
      await createdOrder(over);
      expect(await pay(over)).toMatchObject({
        outcome: 'DECLINED',
        reason: 'AMOUNT_OVER_LIMIT',
        payment: { amount: '10000.02', status: 'DECLINED' },
      });
      const atLimit = createOrderCommand(customer.id, [[4, 2]]);
      await createdOrder(atLimit);
      expect(await pay(atLimit)).toMatchObject({ outcome: 'COMPLETED', payment: { amount: '10000.00' } });
    });

    it('refuses an unknown order, a cancelled order and a second charge of an order', async () => {
      expect(await payments.process({ idempotency_key: 'ghost:PROCESS_PAYMENT', order_key: 'ghost:CREATE_ORDER' })).toEqual({
        outcome: 'REJECTED',
        reason: 'ORDER_NOT_FOUND',
      });

      const cancelled = createOrderCommand(customer.id, [[1, 1]]);
      const cancelledOrder = await createdOrder(cancelled);
      await orders.cancel({
        idempotency_key: stepKey(cancelled, 'CANCEL_ORDER'),
        order_key: cancelled.idempotency_key,
        reason: 'x',
      });
      expect(await pay(cancelled)).toEqual({ outcome: 'REJECTED', reason: 'ORDER_NOT_PENDING' });

      const paid = createOrderCommand(customer.id, [[1, 1]]);
      const paidOrder = await createdOrder(paid);
      await pay(paid);
      expect(await pay(paid, 'PROCESS_PAYMENT_AGAIN')).toEqual({ outcome: 'REJECTED', reason: 'ORDER_NOT_PENDING' });
      expect(await t.dataSource.getRepository(Payment).countBy({ orderId: paidOrder.order_id })).toBe(1);
      expect(await t.dataSource.getRepository(Payment).countBy({ orderId: cancelledOrder.order_id })).toBe(0);
    });

    it('charges once when payment commands with different keys race for one order', async () => {
      const command = createOrderCommand(customer.id, [[2, 1]]);
      const order = await createdOrder(command);
      const replies = await Promise.all(Array.from({ length: 8 }, (_, i) => pay(command, `PROCESS_PAYMENT_${i}`)));
      expect(replies.filter((reply) => reply.outcome === 'COMPLETED')).toHaveLength(1);
      expect(replies.filter((reply) => reply.outcome === 'REJECTED' && reply.reason === 'ORDER_NOT_PENDING')).toHaveLength(7);
      expect(await t.dataSource.getRepository(Payment).countBy({ orderId: order.order_id })).toBe(1);
    });
  });

  describe('refundPayment', () => {
    it('refunds a completed payment once, and records the refunded event', async () => {
      const command = createOrderCommand(customer.id, [[1, 2]]);
      const order = await createdOrder(command);
      await pay(command);
      const refund = { idempotency_key: stepKey(command, 'REFUND_PAYMENT'), payment_key: stepKey(command, 'PROCESS_PAYMENT') };
      const first = await payments.refund(refund);
      expect(first).toMatchObject({
        outcome: 'REFUNDED',
        payment: { order_id: order.order_id, amount: '2.40', status: 'REFUNDED' },
      });
      expect(await payments.refund(refund)).toEqual(first);
      expect(await payments.refund({ ...refund, idempotency_key: `${refund.idempotency_key}-again` })).toMatchObject({
        outcome: 'ALREADY_REFUNDED',
        payment: { status: 'REFUNDED' },
      });
      expect(await t.dataSource.getRepository(Payment).findOneByOrFail({ orderId: order.order_id })).toMatchObject({
        status: 'REFUNDED',
        refundedAt: expect.any(Date),
      });
      const events = await eventsOf('ecommerce.payment.refunded', order.order_id);
      expect(events.map((event) => event.payload)).toEqual([
        expect.objectContaining({ order_id: order.order_id, amount: '2.40' }),
      ]);
    });

    it('refuses to refund a declined payment', async () => {
      const command = createOrderCommand(customer.id, [[1, 1]], 'declined_card');
      await createdOrder(command);
      await pay(command);
      const reply = await payments.refund({
        idempotency_key: stepKey(command, 'REFUND_PAYMENT'),
        payment_key: stepKey(command, 'PROCESS_PAYMENT'),
      });
      expect(reply).toMatchObject({ outcome: 'REJECTED', reason: 'PAYMENT_NOT_COMPLETED', payment: { status: 'DECLINED' } });
    });

    it('a refund that comes before its payment leaves a tombstone, so the late payment charges nothing', async () => {
      const command = createOrderCommand(customer.id, [[1, 1]]);
      const order = await createdOrder(command);
      const refund = await payments.refund({
        idempotency_key: stepKey(command, 'REFUND_PAYMENT'),
        payment_key: stepKey(command, 'PROCESS_PAYMENT'),
      });
      expect(refund).toEqual({ outcome: 'NOT_FOUND' });
      expect(await pay(command)).toEqual({ outcome: 'REJECTED', reason: 'CANCELLED' });
      expect(await t.dataSource.getRepository(Payment).countBy({ orderId: order.order_id })).toBe(0);
    });
  });

  describe('getPayment', () => {
    it('finds a payment by its key', async () => {
      const command = createOrderCommand(customer.id, [[1, 1]]);
      await createdOrder(command);
      const paid = await pay(command);
      expect(paid.outcome).toBe('COMPLETED');
      expect(await payments.get(stepKey(command, 'PROCESS_PAYMENT'))).toEqual({
        found: true,
        payment: (paid as { payment: PaymentView }).payment,
      });
      expect(await payments.get('nothing:PROCESS_PAYMENT')).toEqual({ found: false });
    });
  });
});
