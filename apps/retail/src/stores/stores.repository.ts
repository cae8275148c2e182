import { PageQuery } from '@app/contracts';
import { Transaction } from '@app/persistence';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DeepPartial, Repository } from 'typeorm';
import { Store } from './store.entity';

@Injectable()
export class StoresRepository {
  constructor(@InjectRepository(Store) private readonly stores: Repository<Store>) {}

  /** Inside a transaction, pass it: a read on a second connection could starve the pool. */
  findById(id: number, tx?: Transaction): Promise<Store | null> {
    return (tx?.getRepository(Store) ?? this.stores).findOneBy({ id });
  }

  /** Oldest first: all of them, or only the active or the inactive ones. */
  findPage(active: boolean | undefined, page: PageQuery): Promise<[Store[], number]> {
    const where = active === undefined ? {} : { active };
    return this.stores.findAndCount({ where, order: { id: 'ASC' }, take: page.limit, skip: page.offset });
  }

  save(tx: Transaction, fields: DeepPartial<Store>): Promise<Store> {
    const stores = tx.getRepository(Store);
    return stores.save(stores.create(fields));
  }
}
