import type { OrderAddress } from '@app/contracts';
import { Column, CreateDateColumn, Entity, JoinColumn, OneToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Order } from '../orders/order.entity';

/** Carrier updates (shipped, delivered) are not modelled yet: a shipment is made ready at the warehouse. */
export type ShipmentStatus = 'PREPARING';

/** Made when an order is confirmed; one per order. */
@Entity('shipments')
export class Shipment {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'int' }) orderId!: number;
  @OneToOne(() => Order, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'order_id' })
  order?: Order;
  @Column({ type: 'varchar', length: 16 }) status!: ShipmentStatus;
  @Column({ type: 'varchar', length: 32, unique: true }) trackingNumber!: string;
  /** A copy: the order's address as it was when the order was confirmed. */
  @Column({ type: 'jsonb' }) shippingAddress!: OrderAddress;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
