import { Check, Column, Entity, Index, JoinColumn, ManyToOne, OneToMany, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { CashRegister } from '../cash-registers/cash-register.entity';
import { Store } from '../stores/store.entity';

@Entity('sales')
@Index('sales_store_sold_at', ['storeId', 'soldAt'])
export class Sale {
  @PrimaryGeneratedColumn() id!: number;

  @Column({ type: 'int' }) storeId!: number;
  @ManyToOne(() => Store, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'store_id' })
  store?: Store;

  @Column({ type: 'int' }) registerId!: number;
  @ManyToOne(() => CashRegister, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'register_id' })
  register?: CashRegister;

  /** numeric(12,2): read back as an exact string. */
  @Column({ type: 'numeric', precision: 12, scale: 2 }) total!: string;
  /** Set by the service (not by the database) so that it is exact to the millisecond the API shows. */
  @Index()
  @Column({ type: 'timestamptz' })
  soldAt!: Date;

  @OneToMany(() => SaleLine, (line) => line.sale, { cascade: ['insert'] }) lines!: SaleLine[];
}

/** One product of a sale: lines of the same product are merged, so a product appears once. */
@Entity('sale_lines')
@Unique('sale_lines_sale_product', ['saleId', 'productId'])
@Check('sale_lines_quantities', '"quantity" > 0 AND "returned_quantity" >= 0 AND "returned_quantity" <= "quantity"')
export class SaleLine {
  @PrimaryGeneratedColumn() id!: number;

  @Column({ type: 'int' }) saleId!: number;
  @ManyToOne(() => Sale, (sale) => sale.lines, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'sale_id' })
  sale?: Sale;

  @Column({ type: 'int' }) productId!: number;
  @Column({ type: 'int' }) quantity!: number;
  /** Units of this line brought back so far: the check constraint backs the rule that it never exceeds the quantity sold. */
  @Column({ type: 'int', default: 0 }) returnedQuantity!: number;
  @Column({ type: 'numeric', precision: 12, scale: 2 }) unitPrice!: string;
  @Column({ type: 'numeric', precision: 12, scale: 2 }) lineTotal!: string;
}
