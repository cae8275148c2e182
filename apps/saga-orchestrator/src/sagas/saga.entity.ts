import type { OrderAddress, PaymentMethod, SagaCompensation, SagaStatus, SagaStep, StockLine } from '@app/contracts';
import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export interface OrderRequest {
  products: StockLine[];
  /** A string address is kept as the customer gave it. */
  shipping_address: OrderAddress;
  billing_address: OrderAddress;
  payment_method: PaymentMethod;
}

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
  /** The forward step to run next (null once all have run). */
  @Column({ type: 'varchar', length: 20, nullable: true }) nextStep!: SagaStep | null;
  /** Steps that may have had an effect, in order: what compensation must undo. */
  @Column({ type: 'text', array: true, default: '{}' }) effectiveSteps!: SagaStep[];
  /** Compensations still to run, in order. */
  @Column({ type: 'text', array: true, default: '{}' }) pendingCompensations!: SagaCompensation[];
  /** Attempts of the current step or compensation. */
  @Column({ type: 'int', default: 0 }) attempts!: number;
  /** The last attempt timed out: ask the participant before sending the command again. */
  @Column({ type: 'boolean', default: false }) outcomeUnknown!: boolean;
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
