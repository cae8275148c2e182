import { CatalogueService } from '@app/catalogue';
import {
  CancelOrderCommand,
  ConfirmOrderCommand,
  CreateOrderCommand,
  CreateOrderReply,
  EcommercePatterns,
  GetOrderReply,
  OrderChangeReply,
  OrderConfirmedV1,
  mergeLinesByProduct,
} from '@app/contracts';
import { Outbox } from '@app/events';
import { IdempotentCommands } from '@app/persistence';
import { Injectable } from '@nestjs/common';
import { CustomersRepository } from '../customers/customers.repository';
import { ShipmentsRepository } from '../shipments/shipments.repository';
import { Order } from './order.entity';
import { moneyLinesOf, newOrderOf, orderViewOf } from './order-view';
import { NewEvent, OrdersRepository } from './orders.repository';

/** The saga's order steps. Business refusals are replies, not errors, and every reply is kept under its key. */
@Injectable()
export class OrderCommandsService {
  constructor(
    private readonly orders: OrdersRepository,
    private readonly customers: CustomersRepository,
    private readonly shipments: ShipmentsRepository,
    private readonly catalogue: CatalogueService,
    private readonly commands: IdempotentCommands,
    private readonly outbox: Outbox,
  ) {}

  create(command: CreateOrderCommand): Promise<CreateOrderReply> {
    return this.commands.once(command.idempotency_key, EcommercePatterns.createOrder, async (tx) => {
      if (!(await this.customers.exists(command.customer_id, tx))) return { outcome: 'REJECTED', reason: 'UNKNOWN_CUSTOMER' };
      const pricing = await this.catalogue.price(mergeLinesByProduct(command.lines), tx);
      if (!pricing.ok) return { outcome: 'REJECTED', reason: pricing.reason };
      const { fields, lines } = newOrderOf(command, pricing);
      const order = await this.orders.create(tx, fields, lines);
      return { outcome: 'CREATED', order: orderViewOf(order) };
    });
  }

  cancel(command: CancelOrderCommand): Promise<OrderChangeReply> {
    return this.commands.once(command.idempotency_key, EcommercePatterns.cancelOrder, async (tx) => {
      // A cancel before its create leaves a tombstone, so that create, arriving late, is refused.
      const cancelled: CreateOrderReply = { outcome: 'REJECTED', reason: 'CANCELLED' };
      const order = await this.commands.lockOrForbid(tx, command.order_key, EcommercePatterns.createOrder, cancelled, (tx, key) =>
        this.orders.lockByKey(tx, key),
      );
      if (!order) return { outcome: 'NOT_FOUND' };
      switch (order.status) {
        case 'PENDING': {
          await this.orders.update(tx, order, { status: 'CANCELLED', cancelReason: command.reason });
          const cancelledAt = new Date();
          const event = { ...this.eventBase(order), reason: command.reason, cancelled_at: cancelledAt.toISOString() };
          await this.outbox.record(tx, 'ecommerce.order.cancelled', event, {
            correlationId: command.correlation_id,
            occurredAt: cancelledAt,
          });
          return { outcome: 'CANCELLED', order: orderViewOf(order) };
        }
        case 'CANCELLED':
          return { outcome: 'ALREADY_CANCELLED', order: orderViewOf(order) };
        case 'CONFIRMED':
          return { outcome: 'REJECTED', reason: 'ORDER_CONFIRMED', order: orderViewOf(order) };
      }
    });
  }

  async confirm(command: ConfirmOrderCommand): Promise<OrderChangeReply> {
    return (await this.confirmAtOnce(command)) ?? (await this.confirmStepByStep(command));
  }

  /**
   * The success path in two statements: the order read, then its writes in one (`OrdersRepository.confirmAtOnce`).
   * Undefined when it wrote nothing (no such order, not pending, or a key that has a reply): the full path answers.
   */
  private async confirmAtOnce(command: ConfirmOrderCommand): Promise<OrderChangeReply | undefined> {
    const order = await this.orders.findByKey(command.order_key);
    if (order?.status !== 'PENDING') return undefined;
    // The statement changes the status only if it is still PENDING: the reply and the event are those it stores.
    order.status = 'CONFIRMED';
    const reply: OrderChangeReply = { outcome: 'CONFIRMED', order: orderViewOf(order) };
    const stored = { key: command.idempotency_key, pattern: EcommercePatterns.confirmOrder, reply };
    return (await this.orders.confirmAtOnce(order, stored, this.confirmedEvent(order, command))) ? reply : undefined;
  }

  private confirmStepByStep(command: ConfirmOrderCommand): Promise<OrderChangeReply> {
    return this.commands.once(command.idempotency_key, EcommercePatterns.confirmOrder, async (tx) => {
      const order = await this.orders.lockByKey(tx, command.order_key);
      if (!order) return { outcome: 'NOT_FOUND' };
      switch (order.status) {
        case 'PENDING': {
          await this.orders.update(tx, order, { status: 'CONFIRMED' });
          await this.shipments.createFor(tx, order);
          const event = this.confirmedEvent(order, command);
          await this.outbox.record(tx, 'ecommerce.order.confirmed', event.payload, event.options);
          return { outcome: 'CONFIRMED', order: orderViewOf(order) };
        }
        case 'CONFIRMED':
          return { outcome: 'ALREADY_CONFIRMED', order: orderViewOf(order) };
        case 'CANCELLED':
          return { outcome: 'REJECTED', reason: 'ORDER_CANCELLED', order: orderViewOf(order) };
      }
    });
  }

  async get(orderKey: string): Promise<GetOrderReply> {
    const order = await this.orders.findByKey(orderKey);
    return order ? { found: true, order: orderViewOf(order) } : { found: false };
  }

  private confirmedEvent(order: Order, command: ConfirmOrderCommand): NewEvent<OrderConfirmedV1> {
    const confirmedAt = new Date();
    return {
      payload: { ...this.eventBase(order), confirmed_at: confirmedAt.toISOString() },
      options: { correlationId: command.correlation_id, occurredAt: confirmedAt },
    };
  }

  /** What the confirmed and cancelled events share. */
  private eventBase(order: Order) {
    return { order_id: order.id, customer_id: order.customerId, lines: moneyLinesOf(order), total: order.total };
  }
}
