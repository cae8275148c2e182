import { Check, Column, Entity, Index, JoinColumn, ManyToOne, OneToMany, PrimaryGeneratedColumn } from 'typeorm';
import { Sale } from '../sales/sale.entity';

/** Goods brought back from one sale, refunded at the prices of that sale. */
@Entity('sale_returns')
export class SaleReturn {
  @PrimaryGeneratedColumn() id!: number;

  @Index()
  @Column({ type: 'int' })
  saleId!: number;
  @ManyToOne(() => Sale, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'sale_id' })
  sale?: Sale;

  /** The sale's store, copied so that returns are listed by store without a join. */
  @Index()
  @Column({ type: 'int' })
  storeId!: number;

  @Column({ type: 'numeric', precision: 12, scale: 2 }) totalRefund!: string;
  @Column({ type: 'text', nullable: true }) reason!: string | null;
  @Column({ type: 'timestamptz' }) returnedAt!: Date;

  @OneToMany(() => SaleReturnLine, (line) => line.saleReturn, { cascade: ['insert'] }) lines!: SaleReturnLine[];
}

@Entity('sale_return_lines')
@Check('sale_return_lines_quantity', '"quantity" > 0')
export class SaleReturnLine {
  @PrimaryGeneratedColumn() id!: number;

  @Index()
  @Column({ type: 'int' })
  returnId!: number;
  @ManyToOne(() => SaleReturn, (saleReturn) => saleReturn.lines, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'return_id' })
  saleReturn?: SaleReturn;

  @Column({ type: 'int' }) productId!: number;
  @Column({ type: 'int' }) quantity!: number;
  @Column({ type: 'numeric', precision: 12, scale: 2 }) refund!: string;
}
