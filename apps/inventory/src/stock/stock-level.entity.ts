import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { Location } from '../locations/location.entity';
import { Product } from '../products/product.entity';

/** Units of one product at one location; `reserved` is held for orders not yet confirmed. */
@Entity('stock_levels')
@Check('stock_levels_quantities', '"on_hand" >= 0 AND "reserved" >= 0 AND "reserved" <= "on_hand"')
export class StockLevel {
  @PrimaryColumn({ type: 'int' }) productId!: number;
  @ManyToOne(() => Product, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'product_id' })
  product?: Product;

  @Index()
  @PrimaryColumn({ type: 'int' })
  locationId!: number;
  @ManyToOne(() => Location, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'location_id' })
  location?: Location;

  @Column({ type: 'int', default: 0 }) onHand!: number;
  @Column({ type: 'int', default: 0 }) reserved!: number;
  /** At or below this many available units the level counts as low stock. */
  @Column({ type: 'int', default: 10 }) reorderLevel!: number;
  /** Counts the changes of this level, so that consumers of its events can tell the newest state. */
  @Column({ type: 'int', default: 0 }) version!: number;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;

  get available(): number {
    return this.onHand - this.reserved;
  }
}
