import { Transaction } from '@app/persistence';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, DeepPartial, In } from 'typeorm';
import { SaleReturn, SaleReturnLine } from './sale-return.entity';

export interface ReturnFilter {
  saleId?: number;
  storeId?: number;
  limit: number;
  offset: number;
}

@Injectable()
export class ReturnsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Newest first. */
  async findPage(filter: ReturnFilter): Promise<[SaleReturn[], number]> {
    // Paged without joining the lines: a joined page would count lines, not returns.
    const [returns, total] = await this.dataSource.getRepository(SaleReturn).findAndCount({
      where: {
        ...(filter.saleId !== undefined && { saleId: filter.saleId }),
        ...(filter.storeId !== undefined && { storeId: filter.storeId }),
      },
      order: { id: 'DESC' },
      take: filter.limit,
      skip: filter.offset,
    });
    const lines = await this.dataSource
      .getRepository(SaleReturnLine)
      .find({ where: { returnId: In(returns.map((saleReturn) => saleReturn.id)) }, order: { id: 'ASC' } });
    for (const saleReturn of returns) saleReturn.lines = lines.filter((line) => line.returnId === saleReturn.id);
    return [returns, total];
  }

  findById(id: number): Promise<SaleReturn | null> {
    return this.dataSource
      .getRepository(SaleReturn)
      .findOne({ where: { id }, relations: { lines: true }, order: { lines: { id: 'ASC' } } });
  }

  save(tx: Transaction, fields: DeepPartial<SaleReturn>): Promise<SaleReturn> {
    const returns = tx.getRepository(SaleReturn);
    return returns.save(returns.create(fields));
  }
}
