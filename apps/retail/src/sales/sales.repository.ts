import { Transaction } from '@app/persistence';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, DeepPartial, In } from 'typeorm';
import { SaleReturn } from '../returns/sale-return.entity';
import { Sale, SaleLine } from './sale.entity';

export interface SaleFilter {
  storeId?: number;
  from?: Date;
  /** Exclusive end. */
  before?: Date;
  limit: number;
  offset: number;
}

@Injectable()
export class SalesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Newest first. */
  async findPage(filter: SaleFilter): Promise<[Sale[], number]> {
    // Paged without joining the lines: a joined page would count lines, not sales.
    const query = this.dataSource
      .getRepository(Sale)
      .createQueryBuilder('sale')
      .orderBy('sale.soldAt', 'DESC')
      .addOrderBy('sale.id', 'DESC')
      .take(filter.limit)
      .skip(filter.offset);
    if (filter.storeId !== undefined) query.andWhere('sale.storeId = :storeId', { storeId: filter.storeId });
    if (filter.from !== undefined) query.andWhere('sale.soldAt >= :from', { from: filter.from });
    if (filter.before !== undefined) query.andWhere('sale.soldAt < :before', { before: filter.before });
    const [sales, total] = await query.getManyAndCount();
    const lines = await this.dataSource
      .getRepository(SaleLine)
      .find({ where: { saleId: In(sales.map((sale) => sale.id)) }, order: { id: 'ASC' } });
    for (const sale of sales) sale.lines = lines.filter((line) => line.saleId === sale.id);
    return [sales, total];
  }

  findById(id: number): Promise<Sale | null> {
    return this.dataSource
      .getRepository(Sale)
      .findOne({ where: { id }, relations: { lines: true }, order: { lines: { id: 'ASC' } } });
  }

  returnsOf(saleId: number): Promise<SaleReturn[]> {
    return this.dataSource.getRepository(SaleReturn).find({
      where: { saleId },
      relations: { lines: true },
      order: { id: 'ASC', lines: { id: 'ASC' } },
    });
  }

  /** The sale, locked until the transaction ends, with its lines. */
  async lockWithLines(tx: Transaction, id: number): Promise<Sale | null> {
    // Locked alone: FOR UPDATE cannot reach through the outer join that loading the lines needs.
    const sale = await tx
      .getRepository(Sale)
      .createQueryBuilder('sale')
      .setLock('pessimistic_write')
      .where('sale.id = :id', { id })
      .getOne();
    if (!sale) return null;
    sale.lines = await tx.getRepository(SaleLine).find({ where: { saleId: id }, order: { id: 'ASC' } });
    return sale;
  }

  save(tx: Transaction, fields: DeepPartial<Sale>): Promise<Sale> {
    const sales = tx.getRepository(Sale);
    return sales.save(sales.create(fields));
  }

  async saveReturnedQuantities(tx: Transaction, lines: SaleLine[]): Promise<void> {
    for (const line of lines) {
      await tx.getRepository(SaleLine).update(line.id, { returnedQuantity: line.returnedQuantity });
    }
  }
}
