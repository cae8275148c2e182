import type { ReservationStatus } from '@app/contracts';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  OneToMany,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  ManyToOne,
  JoinColumn,
} from 'typeorm';

@Entity('reservations')
@Index('reservations_active_expiry', ['expiresAt'], { where: `"status" = 'ACTIVE'` })
export class Reservation {
  @PrimaryGeneratedColumn() id!: number;
  /** The idempotency key of the command that made it, e.g. `{saga_id}:RESERVE_STOCK`. */
  @Column({ type: 'varchar', length: 200, unique: true }) reservationKey!: string;
  @Column({ type: 'varchar', length: 200 }) holder!: string;
  @Column({ type: 'int' }) locationId!: number;
  @Column({ type: 'varchar', length: 16 }) status!: ReservationStatus;
  @Column({ type: 'timestamptz' }) expiresAt!: Date;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
  @OneToMany(() => ReservationLine, (line) => line.reservation, { cascade: ['insert'] }) lines!: ReservationLine[];
}

@Entity('reservation_lines')
export class ReservationLine {
  @PrimaryGeneratedColumn() id!: number;
  @Index()
  @Column({ type: 'int' })
  reservationId!: number;
  @ManyToOne(() => Reservation, (reservation) => reservation.lines, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'reservation_id' })
  reservation?: Reservation;
  @Column({ type: 'int' }) productId!: number;
  @Column({ type: 'int' }) quantity!: number;
}
