import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DeepPartial, Repository } from 'typeorm';
import { Product } from '../products/product.entity';
import { Category } from './category.entity';

export type CategoryDeletion = { outcome: 'DELETED' } | { outcome: 'NOT_FOUND' } | { outcome: 'IN_USE'; products: number };

@Injectable()
export class CategoriesRepository {
  constructor(@InjectRepository(Category) private readonly categories: Repository<Category>) {}

  findPage(limit: number, offset: number): Promise<[Category[], number]> {
    return this.categories.findAndCount({ order: { id: 'ASC' }, take: limit, skip: offset });
  }

  findById(id: number): Promise<Category | null> {
    return this.categories.findOneBy({ id });
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

  /**
   * Deletes the category unless a product refers to it. The row lock makes this race-free: a product
   * inserted or moved into the category takes a key-share lock on it for its foreign key, so either it
   * committed first and is counted here, or it waits for this transaction and then fails on the missing row.
   */
  delete(id: number): Promise<CategoryDeletion> {
    return this.categories.manager.transaction(async (manager) => {
      const category = await manager
        .getRepository(Category)
        .createQueryBuilder('category')
        .setLock('pessimistic_write')
        .where('category.id = :id', { id })
        .getOne();
      if (!category) return { outcome: 'NOT_FOUND' };
      const products = await manager.getRepository(Product).countBy({ categoryId: id });
      if (products > 0) return { outcome: 'IN_USE', products };
      await manager.getRepository(Category).delete({ id });
      return { outcome: 'DELETED' };
    });
  }
}
