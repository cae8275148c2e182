import { Transaction } from '@app/persistence';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DeepPartial, Repository } from 'typeorm';
import { Customer } from './customer.entity';

export interface CustomerFilter {
  search?: string;
  limit: number;
  offset: number;
}

@Injectable()
export class CustomersRepository {
  constructor(@InjectRepository(Customer) private readonly customers: Repository<Customer>) {}

  findPage(filter: CustomerFilter): Promise<[Customer[], number]> {
    const query = this.customers
      .createQueryBuilder('customer')
      .orderBy('customer.id', 'ASC')
      .take(filter.limit)
      .skip(filter.offset);
    if (filter.search !== undefined) {
      const pattern = `%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query.andWhere('(customer.name ILIKE :pattern OR customer.email ILIKE :pattern)', { pattern });
    }
    return query.getManyAndCount();
  }

  findById(id: number): Promise<Customer | null> {
    return this.customers.findOneBy({ id });
  }

  exists(id: number, tx: Transaction = this.customers.manager): Promise<boolean> {
    return tx.getRepository(Customer).existsBy({ id });
  }

  create(fields: DeepPartial<Customer>): Customer {
    return this.customers.create(fields);
  }

  merge(customer: Customer, changes: DeepPartial<Customer>): Customer {
    return this.customers.merge(customer, changes);
  }

  save(customer: Customer): Promise<Customer> {
    return this.customers.save(customer);
  }
}
