import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('stores')
export class Store {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'varchar', length: 30, unique: true }) code!: string;
  @Column({ type: 'varchar', length: 200 }) name!: string;
  /** Inventory's location for this store: its sales take stock from there. */
  @Column({ type: 'int' }) locationId!: number;
  @Column({ type: 'text', nullable: true }) address!: string | null;
  /** An inactive store keeps its history but records no new sales. */
  @Column({ type: 'boolean', default: true }) active!: boolean;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
