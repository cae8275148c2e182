import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Store } from '../stores/store.entity';

@Entity('cash_registers')
// Its index also serves the lookups by store.
@Unique('cash_registers_store_code', ['storeId', 'code'])
export class CashRegister {
  @PrimaryGeneratedColumn() id!: number;

  @Column({ type: 'int' }) storeId!: number;
  @ManyToOne(() => Store, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'store_id' })
  store?: Store;

  @Column({ type: 'varchar', length: 30 }) code!: string;
  @Column({ type: 'boolean', default: true }) active!: boolean;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
