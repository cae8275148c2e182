import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PgErrorCode, isPgError } from './postgres-errors';
import { ProcessedCommand } from './processed-command.entity';
import { Transaction } from './unit-of-work';

/**
 * Thrown inside `once()` to roll the transaction back while still answering (and remembering) a
 * reply, worked out once the transaction's connection is back in the pool.
 */
export class RollbackWith<T> {
  constructor(readonly reply: () => Promise<T>) {}
}

/**
 * The row `IdempotentCommands.once` stores with a command's effect, as an `INSERT … SELECT` to put in a statement that
 * makes the effect too (a data-modifying CTE, atomic without a transaction): `key` and `pattern` are SQL (parameters),
 * `replyFrom` the reply as a jsonb expression followed by its FROM clause (no row, nothing stored). A key that has a
 * reply already (a repeat, a tombstone) breaks the primary key, and the whole statement writes nothing.
 */
export function processedCommandSql(key: string, pattern: string, replyFrom: string): string {
  return `INSERT INTO processed_commands (idempotency_key, pattern, result) SELECT ${key}::varchar, ${pattern}::varchar, ${replyFrom}`;
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
  async once<T>(key: string, pattern: string, work: (tx: Transaction) => Promise<T>): Promise<T> {
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

  async replyTo<T>(key: string, tx: Transaction = this.dataSource.manager): Promise<T | undefined> {
    const row = await tx.getRepository(ProcessedCommand).findOneBy({ idempotencyKey: key });
    return row?.result as T | undefined;
  }

  /**
   * Records `reply` for a key unless it has one; true if this call recorded it. Used for tombstones:
   * a compensation that finds nothing to undo records a refusal under the original command's key,
   * so that command, arriving late, is refused instead of acting.
   */
  async recordIfAbsent(tx: Transaction, key: string, pattern: string, reply: unknown): Promise<boolean> {
    const rows = await tx.query<unknown[]>(
      `INSERT INTO processed_commands (idempotency_key, pattern, result) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING RETURNING idempotency_key`,
      [key, pattern, JSON.stringify(reply)],
    );
    return rows.length > 0;
  }

  /**
   * The record a compensation acts on, locked by `lock`. When there is none, `refusal` is recorded as the reply
   * to the command that would have made it (`key` under `pattern`), so that command, arriving after its
   * compensation, is refused instead of acting. Null when there is nothing to compensate.
   */
  async lockOrForbid<Row>(
    tx: Transaction,
    key: string,
    pattern: string,
    refusal: unknown,
    lock: (tx: Transaction, key: string) => Promise<Row | null>,
  ): Promise<Row | null> {
    const existing = await lock(tx, key);
    if (existing) return existing;
    const forbidden = await this.recordIfAbsent(tx, key, pattern, refusal);
    // Not recorded: the command finished meanwhile, so its record may exist now.
    return forbidden ? null : lock(tx, key);
  }
}
