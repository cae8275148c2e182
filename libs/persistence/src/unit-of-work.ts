import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/**
 * A database transaction in progress. Services receive one from `UnitOfWork.run` and pass it on, unopened, to
 * repositories and to `Outbox.record`; only repositories read or write through it.
 */
export type Transaction = EntityManager;

/** Isolation levels a unit of work may ask for (PostgreSQL's default is READ COMMITTED). */
export type IsolationLevel = 'READ COMMITTED' | 'REPEATABLE READ' | 'SERIALIZABLE';

/**
 * Opens the transactions of a service: the change and its events commit together or not at all.
 *
 *   const saved = await this.unitOfWork.run(async (tx) => {
 *     const sale = await this.sales.save(tx, fields);
 *     await this.outbox.record(tx, 'retail.sale.recorded', saleRecordedV1(sale));
 *     return sale;
 *   });
 */
@Injectable()
export class UnitOfWork {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  run<T>(work: (tx: Transaction) => Promise<T>, isolation?: IsolationLevel): Promise<T> {
    return isolation === undefined ? this.dataSource.transaction(work) : this.dataSource.transaction(isolation, work);
  }
}
