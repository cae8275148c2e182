import { ProductUpsertedV1 } from '@app/contracts';
import { Product } from './product.entity';

/** A product as `inventory.product.upserted` publishes it (with its category's name), for live changes and demo data alike. */
export function productUpsertedV1(product: Product, categoryName: string | null): ProductUpsertedV1 {
  return {
    product_id: product.id,
    sku: product.sku,
    name: product.name,
    category_id: product.categoryId,
    category_name: categoryName,
    price: product.price,
    active: product.active,
    updated_at: product.updatedAt.toISOString(),
  };
}
