import { PageQuery } from '@app/contracts';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DeepPartial, Repository } from 'typeorm';
import { CashRegister } from './cash-register.entity';

@Injectable()
export class CashRegistersRepository {
  constructor(@InjectRepository(CashRegister) private readonly registers: Repository<CashRegister>) {}

  /** Oldest first: all of them, or one store's. */
  findPage(storeId: number | undefined, page: PageQuery): Promise<[CashRegister[], number]> {
    const where = storeId === undefined ? {} : { storeId };
    return this.registers.findAndCount({ where, order: { id: 'ASC' }, take: page.limit, skip: page.offset });
  }

  findById(id: number): Promise<CashRegister | null> {
    return this.registers.findOneBy({ id });
  }

  save(fields: DeepPartial<CashRegister>): Promise<CashRegister> {
    return this.registers.save(this.registers.create(fields));
  }
}
