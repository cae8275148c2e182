import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DeepPartial, Repository } from 'typeorm';
import { Product } from '../products/product.entity';
import { Supplier } from './supplier.entity';

export type SupplierDeletion = { outcome: 'DELETED' } | { outcome: 'NOT_FOUND' } | { outcome: 'IN_USE'; products: number };

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

  /** Deletes the supplier unless a product refers to it; race-free for the reason given in CategoriesRepository.delete. */
  delete(id: number): Promise<SupplierDeletion> {
    return this.suppliers.manager.transaction(async (manager) => {
      const supplier = await manager
        .getRepository(Supplier)
        .createQueryBuilder('supplier')
        .setLock('pessimistic_write')
        .where('supplier.id = :id', { id })
        .getOne();
      if (!supplier) return { outcome: 'NOT_FOUND' };
      const products = await manager.getRepository(Product).countBy({ supplierId: id });
      if (products > 0) return { outcome: 'IN_USE', products };
      await manager.getRepository(Supplier).delete({ id });
      return { outcome: 'DELETED' };
    });
  }
}
