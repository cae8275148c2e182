import { Transaction } from '@app/persistence';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, DeepPartial } from 'typeorm';
import { Payment } from './payment.entity';

export interface PaymentFilter {
  orderId?: number;
  limit: number;
  offset: number;
}

@Injectable()
export class PaymentsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findPage(filter: PaymentFilter): Promise<[Payment[], number]> {
    return this.dataSource.getRepository(Payment).findAndCount({
      where: filter.orderId === undefined ? {} : { orderId: filter.orderId },
      order: { id: 'DESC' },
      take: filter.limit,
      skip: filter.offset,
    });
  }

  findById(id: number): Promise<Payment | null> {
    return this.dataSource.getRepository(Payment).findOneBy({ id });
  }

  findByKey(paymentKey: string): Promise<Payment | null> {
    return this.dataSource.getRepository(Payment).findOneBy({ paymentKey });
  }

  existsForOrder(tx: Transaction, orderId: number): Promise<boolean> {
    return tx.getRepository(Payment).existsBy({ orderId });
  }

  lockByKey(tx: Transaction, paymentKey: string): Promise<Payment | null> {
    return tx
      .getRepository(Payment)
      .createQueryBuilder('payment')
      .setLock('pessimistic_write')
      .where('payment.paymentKey = :paymentKey', { paymentKey })
      .getOne();
  }

  /** insert, not save: the row is new, and insert fills in the id and timestamps all the same. */
  async create(tx: Transaction, fields: DeepPartial<Payment>): Promise<Payment> {
    const payment = tx.getRepository(Payment).create(fields);
    await tx.getRepository(Payment).insert(payment);
    return payment;
  }

  async update(tx: Transaction, payment: Payment, changes: Pick<Partial<Payment>, 'status' | 'refundedAt'>): Promise<void> {
    await tx.getRepository(Payment).update(payment.id, changes);
    Object.assign(payment, changes);
  }
}
