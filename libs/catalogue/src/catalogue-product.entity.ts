import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A service's local copy of inventory's product catalogue, kept by `inventory.product.upserted`
 * events, so prices are known even while inventory is down.
 */
@Entity('catalogue_products')
export class CatalogueProduct {
  @PrimaryColumn({ type: 'int' }) productId!: number;
  @Column({ type: 'varchar', length: 64 }) sku!: string;
  @Column({ type: 'varchar', length: 200 }) name!: string;
  @Column({ type: 'int', nullable: true }) categoryId!: number | null;
  @Column({ type: 'varchar', length: 100, nullable: true }) categoryName!: string | null;
  @Column({ type: 'numeric', precision: 12, scale: 2 }) price!: string;
  @Column({ type: 'boolean' }) active!: boolean;
  /** Inventory's `updated_at` of the version held here: an older event never overwrites a newer one. */
  @Column({ type: 'timestamptz' }) sourceUpdatedAt!: Date;
}
