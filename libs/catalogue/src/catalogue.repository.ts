import { ProductUpsertedV1 } from '@app/contracts';
import { Transaction } from '@app/persistence';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { CatalogueProduct } from './catalogue-product.entity';

/** The service's local copy of the catalogue (`catalogue_products`): the only code of this library that touches TypeORM. */
@Injectable()
export class CatalogueRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findByIds(productIds: number[], tx: Transaction = this.dataSource.manager): Promise<CatalogueProduct[]> {
    return tx.getRepository(CatalogueProduct).findBy({ productId: In(productIds) });
  }

  findAll(): Promise<CatalogueProduct[]> {
    return this.dataSource.getRepository(CatalogueProduct).find({ order: { productId: 'ASC' } });
  }

  /** Upserts the product unless what is held is newer (events of one product may arrive out of order). */
  async upsert(tx: Transaction, p: ProductUpsertedV1): Promise<void> {
    await tx.query(
      `INSERT INTO catalogue_products (product_id, sku, name, category_id, category_name, price, active, source_updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (product_id) DO UPDATE SET sku = $2, name = $3, category_id = $4, category_name = $5, price = $6,
         active = $7, source_updated_at = $8
       WHERE catalogue_products.source_updated_at <= $8`,
      [p.product_id, p.sku, p.name, p.category_id, p.category_name, p.price, p.active, p.updated_at],
    );
  }
}
