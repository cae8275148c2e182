import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** The first outcome of every idempotent command, returned again when the key is seen again. */
@Entity('processed_commands')
export class ProcessedCommand {
  @PrimaryColumn({ type: 'varchar', length: 200 }) idempotencyKey!: string;
  @Column({ type: 'varchar', length: 100 }) pattern!: string;
  @Column({ type: 'jsonb' }) result!: unknown;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
