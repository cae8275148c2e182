import type { OrderAddress, OrderStatus, PaymentMethod } from '@app/contracts';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Customer } from '../customers/customer.entity';

/** Made only by the order-processing saga, priced from the catalogue copy when it is created. */
@Entity('orders')
export class Order {
  @PrimaryGeneratedColumn() id!: number;
  /** The idempotency key of the command that created it, e.g. `{saga_id}:CREATE_ORDER`: later commands name the order by it. */
  @Column({ type: 'varchar', length: 200, unique: true }) orderKey!: string;
  @Column({ type: 'varchar', length: 200 }) sagaId!: string;
  @Index()
  @Column({ type: 'int' })
  customerId!: number;
  @ManyToOne(() => Customer, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'customer_id' })
  customer?: Customer;
  @Column({ type: 'varchar', length: 16 }) status!: OrderStatus;
  /** Wider than a price: a hundred lines of many units each. */
  @Column({ type: 'numeric', precision: 14, scale: 2 }) total!: string;
  @Column({ type: 'varchar', length: 20 }) paymentMethod!: PaymentMethod;
  /** jsonb: a structured address, or the string the customer gave (a JSON string), kept as given. */
  @Column({ type: 'jsonb' }) shippingAddress!: OrderAddress;
  @Column({ type: 'jsonb' }) billingAddress!: OrderAddress;
  @Column({ type: 'text', nullable: true }) cancelReason!: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
  @OneToMany(() => OrderLine, (line) => line.order) lines!: OrderLine[];
}

@Entity('order_lines')
@Check('order_lines_quantity', '"quantity" > 0')
export class OrderLine {
  @PrimaryColumn({ type: 'int' }) orderId!: number;
  @ManyToOne(() => Order, (order) => order.lines, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'order_id' })
  order?: Order;
  @PrimaryColumn({ type: 'int' }) productId!: number;
  @Column({ type: 'int' }) quantity!: number;
  @Column({ type: 'numeric', precision: 12, scale: 2 }) unitPrice!: string;
  @Column({ type: 'numeric', precision: 14, scale: 2 }) lineTotal!: string;
}
