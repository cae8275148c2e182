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

/** What a customer means to buy. Holds no prices: they are read from the catalogue copy each time. */
@Entity('carts')
export class Cart {
  @PrimaryGeneratedColumn() id!: number;
  @Index()
  @Column({ type: 'int' })
  customerId!: number;
  @ManyToOne(() => Customer, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'customer_id' })
  customer?: Customer;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
  @OneToMany(() => CartLine, (line) => line.cart) lines!: CartLine[];
}

@Entity('cart_lines')
@Check('cart_lines_quantity', '"quantity" BETWEEN 1 AND 1000')
export class CartLine {
  @PrimaryColumn({ type: 'int' }) cartId!: number;
  @ManyToOne(() => Cart, (cart) => cart.lines, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'cart_id' })
  cart?: Cart;
  @PrimaryColumn({ type: 'int' }) productId!: number;
  @Column({ type: 'int' }) quantity!: number;
}
