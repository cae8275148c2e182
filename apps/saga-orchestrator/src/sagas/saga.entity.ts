import type { OrderRequest, SagaStatus } from '@app/contracts';
import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/**
 * One order's saga. Every transition is written here before the next participant call; `owner`
 * and `leaseUntil` say which orchestrator instance drives it, and `version` fences a driver that
 * lost its lease.
 */
@Entity('sagas')
@Index('sagas_runnable', ['nextAttemptAt'], { where: `"status" NOT IN ('COMPLETED', 'COMPENSATED', 'FAILED')` })
@Index('sagas_customer_idempotency_key', ['customerId', 'idempotencyKey'], {
  unique: true,
  where: `"idempotency_key" IS NOT NULL`,
})
export class Saga {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Index()
  @Column({ type: 'int' })
  customerId!: number;
  @Column({ type: 'varchar', length: 200, nullable: true }) idempotencyKey!: string | null;
  @Column({ type: 'varchar', length: 64 }) requestHash!: string;
  @Column({ type: 'jsonb' }) request!: OrderRequest;
  @Index()
  @Column({ type: 'varchar', length: 20 })
  status!: SagaStatus;
  /** The forward step to run next (null once all have run); steps and compensations are named by the saga's definition. */
  @Column({ type: 'varchar', length: 20, nullable: true }) nextStep!: string | null;
  /** Steps that may have had an effect, in order: what compensation must undo. */
  @Column({ type: 'text', array: true, default: '{}' }) effectiveSteps!: string[];
  /** Compensations still to run, in order. */
  @Column({ type: 'text', array: true, default: '{}' }) pendingCompensations!: string[];
  /** Attempts of the current step or compensation. */
  @Column({ type: 'int', default: 0 }) attempts!: number;
  /** The last attempt timed out: ask the participant before sending the command again. */
  @Column({ type: 'boolean', default: false }) outcomeUnknown!: boolean;
  /** Results (SagaResults): written with the success of the step that hands them back. */
  @Column({ type: 'int', nullable: true }) orderId!: number | null;
  @Column({ type: 'int', nullable: true }) paymentId!: number | null;
  @Column({ type: 'text', nullable: true }) failureReason!: string | null;
  @Column({ type: 'text', nullable: true }) lastError!: string | null;
  @Column({ type: 'timestamptz' }) deadlineAt!: Date;
  @Column({ type: 'timestamptz', default: () => 'now()' }) nextAttemptAt!: Date;
  @Column({ type: 'varchar', length: 64, nullable: true }) owner!: string | null;
  @Column({ type: 'timestamptz', nullable: true }) leaseUntil!: Date | null;
  @Column({ type: 'int', default: 0 }) version!: number;
  @Column({ type: 'varchar', length: 128, nullable: true }) correlationId!: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
  @Column({ type: 'timestamptz', nullable: true }) finishedAt!: Date | null;
}

/** What the saga's steps hand back and the saga keeps: the order created, the payment made. */
export type SagaResults = Pick<Saga, 'orderId' | 'paymentId'>;

export type SagaLogKind = 'STEP' | 'COMPENSATION' | 'RETRY';
export type SagaLogStatus = 'SUCCESS' | 'FAILED' | 'RETRYING' | 'REQUESTED';

/** The saga's history: one row per attempt of a step or compensation, and per operator retry. */
@Entity('saga_log')
export class SagaLogEntry {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Index()
  @Column({ type: 'uuid' })
  sagaId!: string;
  @Column({ type: 'varchar', length: 16 }) kind!: SagaLogKind;
  @Column({ type: 'varchar', length: 20 }) name!: string;
  @Column({ type: 'varchar', length: 16 }) status!: SagaLogStatus;
  @Column({ type: 'int' }) attempt!: number;
  @Column({ type: 'int' }) durationMs!: number;
  @Column({ type: 'text', nullable: true }) error!: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) at!: Date;
}
