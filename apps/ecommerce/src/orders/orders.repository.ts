import { EventPayloads, OrderStatus } from '@app/contracts';
import { RecordOptions, outboxInsertSql } from '@app/events';
import { PgErrorCode, Transaction, isPgError, processedCommandSql } from '@app/persistence';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, DeepPartial } from 'typeorm';
import { Payment } from '../payments/payment.entity';
import { Shipment } from '../shipments/shipment.entity';
import { shipmentInsertSql, trackingNumberOf } from '../shipments/shipments.repository';
import { Order, OrderLine } from './order.entity';

export interface OrderFilter {
  customerId?: number;
  status?: OrderStatus;
  limit: number;
  offset: number;
}

export interface OrderDetail {
  order: Order;
  payment: Payment | null;
  shipment: Shipment | null;
}

const WITH_LINES = { relations: { lines: true }, order: { lines: { productId: 'ASC' } } } as const;

/** A command's reply, to store as `IdempotentCommands.once` does. */
export interface CommandReply {
  key: string;
  pattern: string;
  reply: unknown;
}

/** An event to record with a change, as `Outbox.record` would. */
export interface NewEvent<Payload> {
  payload: Payload;
  options: RecordOptions;
}

/**
 * createOrder then processPayment, their writes in one statement (atomic without a transaction): the order (`$1`–`$9`)
 * if its customer exists, its lines (`$10`–`$13`, arrays), the payment (`$14`–`$20`), each command's reply under its
 * key (`$21`–`$24`), and the payment's event (`event`, payload `$25`) when there is one. The ids are the statement's to
 * give: the replies and the event come with 0 and get `order_id` and `payment_id` filled in where they have them.
 */
const placeAtOnceSql = (event: string | undefined) => `
  WITH placed AS (
    INSERT INTO orders (order_key, saga_id, customer_id, status, total, payment_method, shipping_address, billing_address,
                        cancel_reason)
    SELECT $1::varchar, $2::varchar, $3::int, $4::varchar, $5::numeric, $6::varchar, $7::jsonb, $8::jsonb, $9::text
     WHERE EXISTS (SELECT 1 FROM customers WHERE id = $3::int)
    RETURNING id
  ), line AS (
    INSERT INTO order_lines (order_id, product_id, quantity, unit_price, line_total)
    SELECT placed.id, line.product_id, line.quantity, line.unit_price, line.line_total
      FROM placed, unnest($10::int[], $11::int[], $12::numeric[], $13::numeric[]) AS line(product_id, quantity, unit_price, line_total)
  ), paid AS (
    INSERT INTO payments (payment_key, order_id, amount, method, status, decline_reason, created_at, updated_at, refunded_at)
    SELECT $14::varchar, placed.id, $15::numeric, $16::varchar, $17::varchar, $18::varchar, $19::timestamptz, $19::timestamptz,
           $20::timestamptz
      FROM placed
    RETURNING id, order_id
  ), order_reply AS (
    ${processedCommandSql('$1', '$21', "jsonb_set($22::jsonb, '{order,order_id}', to_jsonb(paid.order_id)) FROM paid")}
  ), payment_reply AS (
    ${processedCommandSql('$14', '$23', `${withPaymentIds('$24::jsonb', '{payment,payment_id}', '{payment,order_id}')} FROM paid`)}
  )${event === undefined ? '' : `, event AS (${event})`}
  SELECT order_id, id AS payment_id FROM paid`;

/** `json` with the payment's id and its order's id (of the CTE `paid`) at the paths given. */
function withPaymentIds(json: string, paymentIdPath: string, orderIdPath: string): string {
  return `jsonb_set(jsonb_set(${json}, '${paymentIdPath}', to_jsonb(paid.id)), '${orderIdPath}', to_jsonb(paid.order_id))`;
}

/**
 * confirmOrder's writes in one statement (atomic without a transaction): the order `$1` marked confirmed if it is
 * still pending, its shipment (tracking number `$2`), the command's reply (`$3`–`$5`) and the confirmed event
 * (`event`, payload `$6`). Nothing is written when the order is no longer pending.
 */
const confirmAtOnceSql = (event: string) => `
  WITH confirmed AS (
    UPDATE orders SET status = 'CONFIRMED', updated_at = CURRENT_TIMESTAMP
     WHERE id = $1::int AND status = 'PENDING'
    RETURNING id, shipping_address
  ), shipment AS (
    ${shipmentInsertSql('FROM confirmed', '$2')}
  ), reply AS (
    ${processedCommandSql('$3', '$4', '$5::jsonb FROM confirmed')}
  ), event AS (
    ${event}
  )
  SELECT id FROM confirmed`;

@Injectable()
export class OrdersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async findPage(filter: OrderFilter): Promise<[Order[], number]> {
    // Ordering by the lines' column as well made TypeORM page the joined rows, not the orders (10 of 115
    // orders, wrong total): the page is ordered by id only and each order's lines are sorted here.
    const [orders, total] = await this.dataSource.getRepository(Order).findAndCount({
      where: {
        ...(filter.customerId !== undefined && { customerId: filter.customerId }),
        ...(filter.status !== undefined && { status: filter.status }),
      },
      relations: { lines: true },
      order: { id: 'DESC' },
      take: filter.limit,
      skip: filter.offset,
    });
    for (const order of orders) order.lines.sort((a, b) => a.productId - b.productId);
    return [orders, total];
  }

  async findDetail(id: number): Promise<OrderDetail | null> {
    const order = await this.dataSource.getRepository(Order).findOne({ where: { id }, ...WITH_LINES });
    if (!order) return null;
    const [payment, shipment] = await Promise.all([
      this.dataSource.getRepository(Payment).findOneBy({ orderId: id }),
      this.dataSource.getRepository(Shipment).findOneBy({ orderId: id }),
    ]);
    return { order, payment, shipment };
  }

  /** The order with its lines in one query. */
  findByKey(orderKey: string): Promise<Order | null> {
    return this.byKeyWithLines(this.dataSource.manager, orderKey).getOne();
  }

  /** The order with its lines in one query, its row locked (the lines never change). */
  lockByKey(tx: Transaction, orderKey: string): Promise<Order | null> {
    return this.byKeyWithLines(tx, orderKey).setLock('pessimistic_write', undefined, ['placed']).getOne();
  }

  async create(
    tx: Transaction,
    fields: DeepPartial<Order>,
    lines: Array<Omit<DeepPartial<OrderLine>, 'orderId'>>,
  ): Promise<Order> {
    // insert, not save: the rows are new (save would look each line up by its key first).
    const order = tx.getRepository(Order).create(fields);
    await tx.getRepository(Order).insert(order);
    order.lines = lines.map((line) => tx.getRepository(OrderLine).create({ ...line, orderId: order.id }));
    await tx.getRepository(OrderLine).insert(order.lines);
    return order;
  }

  async update(tx: Transaction, order: Order, changes: Pick<Partial<Order>, 'status' | 'cancelReason'>): Promise<void> {
    await tx.getRepository(Order).update(order.id, changes);
    Object.assign(order, changes);
  }

  /**
   * Stores a new order (its lines with it) and its payment, both commands' replies (under the order's key and the
   * payment's key) and the payment's event if given, in one statement (see `placeAtOnceSql`); returns the ids it gave. Undefined when it wrote nothing: the
   * customer does not exist, or a key has a reply already (a repeat, a tombstone) or is being used at this moment.
   */
  async placeAtOnce(
    order: Order,
    payment: Payment,
    replies: { order: Omit<CommandReply, 'key'>; payment: Omit<CommandReply, 'key'> },
    completed?: NewEvent<EventPayloads['ecommerce.payment.completed']>,
  ): Promise<{ orderId: number; paymentId: number } | undefined> {
    const event = completed && {
      payload: JSON.stringify(completed.payload),
      ...outboxInsertSql(
        'ecommerce.payment.completed',
        withPaymentIds('$25::jsonb', '{payment_id}', '{order_id}'),
        'FROM paid',
        26,
        completed.options,
      ),
    };
    const rows = await this.unlessKeyTaken(() =>
      this.dataSource.query<Array<{ order_id: number; payment_id: number }>>(placeAtOnceSql(event?.sql), [
        order.orderKey,
        order.sagaId,
        order.customerId,
        order.status,
        order.total,
        order.paymentMethod,
        JSON.stringify(order.shippingAddress),
        JSON.stringify(order.billingAddress),
        order.cancelReason,
        order.lines.map((line) => line.productId),
        order.lines.map((line) => line.quantity),
        order.lines.map((line) => line.unitPrice),
        order.lines.map((line) => line.lineTotal),
        payment.paymentKey,
        payment.amount,
        payment.method,
        payment.status,
        payment.declineReason,
        payment.createdAt,
        payment.refundedAt,
        replies.order.pattern,
        JSON.stringify(replies.order.reply),
        replies.payment.pattern,
        JSON.stringify(replies.payment.reply),
        ...(event ? [event.payload, ...event.parameters] : []),
      ]),
    );
    const [row] = rows ?? [];
    return row && { orderId: row.order_id, paymentId: row.payment_id };
  }

  /**
   * Marks a pending order confirmed, makes its shipment, stores the command's reply and the confirmed event, in one
   * statement (see `confirmAtOnceSql`). False when it wrote nothing: the order is no longer pending, or the key has a
   * reply already or is being used at this moment.
   */
  async confirmAtOnce(
    order: Order,
    reply: CommandReply,
    confirmed: NewEvent<EventPayloads['ecommerce.order.confirmed']>,
  ): Promise<boolean> {
    const event = outboxInsertSql('ecommerce.order.confirmed', '$6::jsonb', 'FROM confirmed', 7, confirmed.options);
    const rows = await this.unlessKeyTaken(() =>
      this.dataSource.query<unknown[]>(confirmAtOnceSql(event.sql), [
        order.id,
        trackingNumberOf(order.id),
        reply.key,
        reply.pattern,
        JSON.stringify(reply.reply),
        JSON.stringify(confirmed.payload),
        ...event.parameters,
      ]),
    );
    return (rows?.length ?? 0) > 0;
  }

  /** Undefined when the statement broke a unique key: it wrote nothing, and the command's full path tells why. */
  private async unlessKeyTaken<T>(statement: () => Promise<T>): Promise<T | undefined> {
    try {
      return await statement();
    } catch (error) {
      if (isPgError(error, PgErrorCode.uniqueViolation)) return undefined;
      throw error;
    }
  }

  private byKeyWithLines(tx: Transaction, orderKey: string) {
    return (
      tx
        .getRepository(Order)
        // Not aliased `order`: FOR UPDATE OF would name the reserved word unquoted.
        .createQueryBuilder('placed')
        .leftJoinAndSelect('placed.lines', 'line')
        .where('placed.orderKey = :orderKey', { orderKey })
        .orderBy('line.productId', 'ASC')
    );
  }
}
