import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { Product } from './product.entity';

export interface ProductFilter {
  categoryId?: number;
  supplierId?: number;
  active?: boolean;
  search?: string;
  limit: number;
  offset: number;
}

@Injectable()
export class ProductsRepository {
  constructor(@InjectRepository(Product) private readonly products: Repository<Product>) {}

  findPage(filter: ProductFilter): Promise<[Product[], number]> {
    const query = this.products.createQueryBuilder('product').orderBy('product.id', 'ASC').take(filter.limit).skip(filter.offset);
    if (filter.categoryId !== undefined) query.andWhere('product.categoryId = :categoryId', { categoryId: filter.categoryId });
    if (filter.supplierId !== undefined) query.andWhere('product.supplierId = :supplierId', { supplierId: filter.supplierId });
    if (filter.active !== undefined) query.andWhere('product.active = :active', { active: filter.active });
    if (filter.search !== undefined) {
      const pattern = `%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query.andWhere('(product.name ILIKE :pattern OR product.sku ILIKE :pattern)', { pattern });
    }
    return query.getManyAndCount();
  }

  findById(id: number): Promise<Product | null> {
    return this.products.findOneBy({ id });
  }

  findByIds(ids: number[]): Promise<Product[]> {
    return this.products.createQueryBuilder('product').where('product.id = ANY(:ids)', { ids }).getMany();
  }

  create(fields: Partial<Product>): Product {
    return this.products.create(fields);
  }

  save(product: Product, manager?: EntityManager): Promise<Product> {
    return (manager?.getRepository(Product) ?? this.products).save(product);
  }
}
