import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { PgErrorCode, isPgError } from './postgres-errors';
import { ProcessedCommand } from './processed-command.entity';

/**
 * Thrown inside `once()` to roll the transaction back while still answering (and remembering) a
 * reply, worked out once the transaction's connection is back in the pool.
 */
export class RollbackWith<T> {
  constructor(readonly reply: () => Promise<T>) {}
}

/**
 * Commands with idempotency keys: the first reply is stored with the command's effect, in one
 * transaction; a repeated key gets that reply back and changes nothing.
 */
@Injectable()
export class IdempotentCommands {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * No lookup before the work: a repeated key is rare, and the insert of its reply at the end fails on
   * the key and rolls the repeated work back — one database round trip less for every first command.
   */
  async once<T>(key: string, pattern: string, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const reply = await work(manager);
        await manager.query('INSERT INTO processed_commands (idempotency_key, pattern, result) VALUES ($1, $2, $3)', [
          key,
          pattern,
          JSON.stringify(reply),
        ]);
        return reply;
      });
    } catch (error) {
      if (error instanceof RollbackWith) {
        const reply = (await error.reply()) as T;
        const recorded = await this.recordIfAbsent(this.dataSource.manager, key, pattern, reply);
        return recorded ? reply : ((await this.replyTo<T>(key)) as T);
      }
      // The command ran before (or at the same time and committed first): answer as it did.
      if (isPgError(error, PgErrorCode.uniqueViolation)) {
        const stored = await this.replyTo<T>(key);
        if (stored !== undefined) return stored;
      }
      throw error;
    }
  }

  async replyTo<T>(key: string, manager: EntityManager = this.dataSource.manager): Promise<T | undefined> {
    const row = await manager.getRepository(ProcessedCommand).findOneBy({ idempotencyKey: key });
    return row?.result as T | undefined;
  }

  /**
   * Records `reply` for a key unless it has one; true if this call recorded it. Used for tombstones:
   * a compensation that finds nothing to undo records a refusal under the original command's key,
   * so that command, arriving late, is refused instead of acting.
   */
  async recordIfAbsent(manager: EntityManager, key: string, pattern: string, reply: unknown): Promise<boolean> {
    const rows = (await manager.query(
      `INSERT INTO processed_commands (idempotency_key, pattern, result) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING RETURNING idempotency_key`,
      [key, pattern, JSON.stringify(reply)],
    )) as unknown[];
    return rows.length > 0;
  }
}
