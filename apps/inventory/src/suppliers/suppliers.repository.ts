import { Transaction } from '@app/persistence';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DeepPartial, Repository } from 'typeorm';
import { ReferencedDeletion, deleteUnlessProductsUse } from '../products/products.repository';
import { Supplier } from './supplier.entity';

@Injectable()
export class SuppliersRepository {
  constructor(@InjectRepository(Supplier) private readonly suppliers: Repository<Supplier>) {}

  findPage(limit: number, offset: number): Promise<[Supplier[], number]> {
    return this.suppliers.findAndCount({ order: { id: 'ASC' }, take: limit, skip: offset });
  }

  findById(id: number): Promise<Supplier | null> {
    return this.suppliers.findOneBy({ id });
  }

  exists(id: number): Promise<boolean> {
    return this.suppliers.existsBy({ id });
  }

  create(fields: DeepPartial<Supplier>): Supplier {
    return this.suppliers.create(fields);
  }

  merge(supplier: Supplier, changes: DeepPartial<Supplier>): Supplier {
    return this.suppliers.merge(supplier, changes);
  }

  save(supplier: Supplier): Promise<Supplier> {
    return this.suppliers.save(supplier);
  }

  /** Deletes the supplier unless a product refers to it (see deleteUnlessProductsUse). */
  delete(tx: Transaction, id: number): Promise<ReferencedDeletion> {
    return deleteUnlessProductsUse(tx, Supplier, id, 'supplierId');
  }
}
