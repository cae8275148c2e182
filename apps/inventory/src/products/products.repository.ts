import { Transaction } from '@app/persistence';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityTarget, Repository } from 'typeorm';
import { Product } from './product.entity';

export interface ProductFilter {
  categoryId?: number;
  supplierId?: number;
  active?: boolean;
  search?: string;
  limit: number;
  offset: number;
}

interface ProductRow {
  id: number;
  sku: string;
  name: string;
  description: string | null;
  category_id: number | null;
  supplier_id: number | null;
  price: string;
  active: boolean;
  created_at: Date;
  updated_at: Date;
  /** count(*) OVER (): bigint, as text. */
  total: string;
}

const COLUMNS = 'id, sku, name, description, category_id, supplier_id, price, active, created_at, updated_at';

function toProduct(row: ProductRow): Product {
  return {
    id: row.id,
    sku: row.sku,
    name: row.name,
    description: row.description,
    categoryId: row.category_id,
    supplierId: row.supplier_id,
    price: row.price,
    active: row.active,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

@Injectable()
export class ProductsRepository {
  constructor(@InjectRepository(Product) private readonly products: Repository<Product>) {}

  /**
   * A page and the total in one statement (the list's hot path: one database round trip, and plain rows
   * rather than TypeORM's entity hydration, which a profile showed costing more than the query).
   */
  async findPage(filter: ProductFilter): Promise<[Product[], number]> {
    const conditions: string[] = [];
    const params: unknown[] = [];
    const where = (condition: (param: string) => string, value: unknown) => {
      params.push(value);
      conditions.push(condition(`$${params.length}`));
    };
    if (filter.categoryId !== undefined) where((p) => `category_id = ${p}`, filter.categoryId);
    if (filter.supplierId !== undefined) where((p) => `supplier_id = ${p}`, filter.supplierId);
    if (filter.active !== undefined) where((p) => `active = ${p}`, filter.active);
    if (filter.search !== undefined) {
      const pattern = `%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      where((p) => `(name ILIKE ${p} OR sku ILIKE ${p})`, pattern);
    }
    const whereSql = conditions.length > 0 ? ` WHERE ${conditions.join(' AND ')}` : '';
    const page = `LIMIT $${params.length + 1} OFFSET $${params.length + 2}`;
    const rows = await this.products.query<ProductRow[]>(
      `SELECT ${COLUMNS}, count(*) OVER () AS total FROM products${whereSql} ORDER BY id ${page}`,
      [...params, filter.limit, filter.offset],
    );
    if (rows.length > 0) return [rows.map(toProduct), Number(rows[0].total)];
    // Past the last page there is no row to carry the total.
    if (filter.offset === 0) return [[], 0];
    const [{ count }] = await this.products.query<Array<{ count: string }>>(
      `SELECT count(*) AS count FROM products${whereSql}`,
      params,
    );
    return [[], Number(count)];
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

  save(tx: Transaction, product: Product): Promise<Product> {
    return tx.getRepository(Product).save(product);
  }
}

/** What deleting a row products may refer to (a category, a supplier) came to. */
export type ReferencedDeletion = { outcome: 'DELETED' } | { outcome: 'NOT_FOUND' } | { outcome: 'IN_USE'; products: number };

/**
 * Deletes row `id` of `entity` unless a product refers to it through `column`. The row lock makes this race-free:
 * a product inserted or moved onto the row takes a key-share lock on it for its foreign key, so either it committed
 * first and is counted here, or it waits for this transaction and then fails on the missing row.
 */
export async function deleteUnlessProductsUse(
  tx: Transaction,
  entity: EntityTarget<{ id: number }>,
  id: number,
  column: 'categoryId' | 'supplierId',
): Promise<ReferencedDeletion> {
  const locked = await tx
    .getRepository(entity)
    .createQueryBuilder('target')
    .setLock('pessimistic_write')
    .where('target.id = :id', { id })
    .getOne();
  if (!locked) return { outcome: 'NOT_FOUND' };
  const products = await tx.getRepository(Product).countBy({ [column]: id });
  if (products > 0) return { outcome: 'IN_USE', products };
  await tx.getRepository(entity).delete({ id });
  return { outcome: 'DELETED' };
}
