import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Events waiting to be delivered, written in the same transaction as the change they describe.
 * `pendingFor` lists the subscribers that have not acknowledged the event yet.
 */
@Entity('outbox_events')
@Index('outbox_events_pending', ['nextAttemptAt'], { where: `cardinality("pending_for") > 0` })
@Index('outbox_events_pending_by_id', ['id'], { where: `cardinality("pending_for") > 0` })
export class OutboxEvent {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ type: 'uuid', unique: true }) eventId!: string;
  @Column({ type: 'varchar', length: 100 }) type!: string;
  @Column({ type: 'int' }) version!: number;
  @Column({ type: 'jsonb' }) payload!: object;
  @Column({ type: 'varchar', length: 128, nullable: true }) correlationId!: string | null;
  @Column({ type: 'timestamptz' }) occurredAt!: Date;
  /** When this service recorded it (`occurredAt` may be older: imported history): what delivery lag is measured from. */
  @Column({ type: 'timestamptz', default: () => 'now()' }) recordedAt!: Date;
  @Column({ type: 'text', array: true }) pendingFor!: string[];
  @Column({ type: 'int', default: 0 }) attempts!: number;
  @Column({ type: 'timestamptz', default: () => 'now()' }) nextAttemptAt!: Date;
  @Column({ type: 'text', nullable: true }) lastError!: string | null;
}

/** Events this service has applied: recorded in the same transaction as their effect. */
@Entity('processed_events')
class ProcessedEvent {
  @PrimaryColumn({ type: 'uuid' }) eventId!: string;
  @Column({ type: 'varchar', length: 100 }) type!: string;
  @CreateDateColumn({ type: 'timestamptz' }) processedAt!: Date;
}

export const EVENT_ENTITIES = [OutboxEvent, ProcessedEvent];
