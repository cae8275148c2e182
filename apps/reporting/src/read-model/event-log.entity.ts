import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Every event reporting has received, in the order it arrived, written in the transaction that
 * applied it: the read model can be wiped and rebuilt from here alone (`npm run reporting:rebuild`).
 */
@Entity('event_log')
export class EventLogEntry {
  @PrimaryGeneratedColumn({ type: 'bigint' }) seq!: string;
  @Column({ type: 'uuid', unique: true }) eventId!: string;
  @Column({ type: 'varchar', length: 100 }) type!: string;
  @Column({ type: 'int' }) version!: number;
  @Column({ type: 'varchar', length: 40 }) source!: string;
  @Column({ type: 'timestamptz' }) occurredAt!: Date;
  @Column({ type: 'varchar', length: 128, nullable: true }) correlationId!: string | null;
  @Column({ type: 'jsonb' }) payload!: object;
  @CreateDateColumn({ type: 'timestamptz' }) receivedAt!: Date;
}
