import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Category } from '../categories/category.entity';
import { Supplier } from '../suppliers/supplier.entity';

@Entity('products')
export class Product {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'varchar', length: 64, unique: true }) sku!: string;
  @Column({ type: 'varchar', length: 200 }) name!: string;
  @Column({ type: 'text', nullable: true }) description!: string | null;

  @Index()
  @Column({ type: 'int', nullable: true })
  categoryId!: number | null;
  @ManyToOne(() => Category, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'category_id' })
  category?: Category;

  @Index()
  @Column({ type: 'int', nullable: true })
  supplierId!: number | null;
  @ManyToOne(() => Supplier, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'supplier_id' })
  supplier?: Supplier;

  /** numeric(12,2): read back as an exact string. */
  @Column({ type: 'numeric', precision: 12, scale: 2 }) price!: string;
  @Column({ type: 'boolean', default: true }) active!: boolean;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
