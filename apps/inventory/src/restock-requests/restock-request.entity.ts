import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export enum RestockStatus {
  Pending = 'PENDING',
  Approved = 'APPROVED',
  Rejected = 'REJECTED',
}

/** A store asks the warehouse for units of a product; approving moves them. */
@Entity('restock_requests')
@Check('restock_requests_quantity', '"quantity" > 0')
export class RestockRequest {
  @PrimaryGeneratedColumn() id!: number;
  @Index()
  @Column({ type: 'int' })
  productId!: number;
  /** The requesting store. */
  @Index()
  @Column({ type: 'int' })
  locationId!: number;
  /** The warehouse the units come from; set when approved. */
  @Column({ type: 'int', nullable: true }) sourceLocationId!: number | null;
  @Column({ type: 'int' }) quantity!: number;
  @Column({ type: 'varchar', length: 16, default: RestockStatus.Pending }) status!: RestockStatus;
  @Column({ type: 'text', nullable: true }) note!: string | null;
  @Column({ type: 'text', nullable: true }) decisionNote!: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @Column({ type: 'timestamptz', nullable: true }) decidedAt!: Date | null;
}
