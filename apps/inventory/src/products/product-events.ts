import { ProductUpsertedV1 } from '@app/contracts';
import { EntityManager } from 'typeorm';
import { Category } from '../categories/category.entity';
import { Product } from './product.entity';

export async function productUpserted(manager: EntityManager, product: Product): Promise<ProductUpsertedV1> {
  const category =
    product.categoryId === null ? null : await manager.getRepository(Category).findOneBy({ id: product.categoryId });
  return {
    product_id: product.id,
    sku: product.sku,
    name: product.name,
    category_id: product.categoryId,
    category_name: category?.name ?? null,
    price: product.price,
    active: product.active,
    updated_at: product.updatedAt.toISOString(),
  };
}
