import { Transaction } from '@app/persistence';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DeepPartial, Repository } from 'typeorm';
import { ReferencedDeletion, deleteUnlessProductsUse } from '../products/products.repository';
import { Category } from './category.entity';

@Injectable()
export class CategoriesRepository {
  constructor(@InjectRepository(Category) private readonly categories: Repository<Category>) {}

  findPage(limit: number, offset: number): Promise<[Category[], number]> {
    return this.categories.findAndCount({ order: { id: 'ASC' }, take: limit, skip: offset });
  }

  findById(id: number, tx?: Transaction): Promise<Category | null> {
    return (tx?.getRepository(Category) ?? this.categories).findOneBy({ id });
  }

  exists(id: number): Promise<boolean> {
    return this.categories.existsBy({ id });
  }

  create(fields: DeepPartial<Category>): Category {
    return this.categories.create(fields);
  }

  merge(category: Category, changes: DeepPartial<Category>): Category {
    return this.categories.merge(category, changes);
  }

  save(category: Category): Promise<Category> {
    return this.categories.save(category);
  }

  /** Deletes the category unless a product refers to it (see deleteUnlessProductsUse). */
  delete(tx: Transaction, id: number): Promise<ReferencedDeletion> {
    return deleteUnlessProductsUse(tx, Category, id, 'categoryId');
  }
}
