import type { PaymentMethod, PaymentStatus, ProcessPaymentReply } from '@app/contracts';
import { Column, CreateDateColumn, Entity, JoinColumn, OneToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Order } from '../orders/order.entity';

export type DeclineReason = Extract<ProcessPaymentReply, { outcome: 'DECLINED' }>['reason'];

/** One charge attempt per order, declined ones included: the saga's replays must find the same outcome. */
@Entity('payments')
export class Payment {
  @PrimaryGeneratedColumn() id!: number;
  /** The idempotency key of the command that made it, e.g. `{saga_id}:PROCESS_PAYMENT`. */
  @Column({ type: 'varchar', length: 200, unique: true }) paymentKey!: string;
  @Column({ type: 'int' }) orderId!: number;
  @OneToOne(() => Order, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'order_id' })
  order?: Order;
  @Column({ type: 'numeric', precision: 14, scale: 2 }) amount!: string;
  @Column({ type: 'varchar', length: 20 }) method!: PaymentMethod;
  @Column({ type: 'varchar', length: 16 }) status!: PaymentStatus;
  @Column({ type: 'varchar', length: 32, nullable: true }) declineReason!: DeclineReason | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
  @Column({ type: 'timestamptz', nullable: true }) refundedAt!: Date | null;
}
