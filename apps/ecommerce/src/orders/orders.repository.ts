import { OrderStatus } from '@app/contracts';
import { Transaction } from '@app/persistence';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, DeepPartial } from 'typeorm';
import { Payment } from '../payments/payment.entity';
import { Shipment } from '../shipments/shipment.entity';
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

  findByKey(orderKey: string): Promise<Order | null> {
    return this.dataSource.getRepository(Order).findOne({ where: { orderKey }, ...WITH_LINES });
  }

  /** The order with its lines in one query, its row locked (the lines never change). */
  lockByKey(tx: Transaction, orderKey: string): Promise<Order | null> {
    return (
      tx
        .getRepository(Order)
        // Not aliased `order`: FOR UPDATE OF would name the reserved word unquoted.
        .createQueryBuilder('placed')
        .leftJoinAndSelect('placed.lines', 'line')
        .setLock('pessimistic_write', undefined, ['placed'])
        .where('placed.orderKey = :orderKey', { orderKey })
        .orderBy('line.productId', 'ASC')
        .getOne()
    );
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
}
