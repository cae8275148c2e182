import { StockChangeReason, StockChangedV1, StockLevelV1 } from '@app/contracts';
import { Outbox, outboxInsertSql } from '@app/events';
import { Transaction } from '@app/persistence';
import { Injectable } from '@nestjs/common';

export function stockChangedV1(reason: StockChangeReason, levels: StockLevelV1[], changedAt = new Date()): StockChangedV1 {
  return { reason, levels, changed_at: changedAt.toISOString() };
}

/** Publishes the stock levels a transaction changed, in that transaction: one event per change, whatever its lines. */
@Injectable()
export class StockEvents {
  constructor(private readonly outbox: Outbox) {}

  async record(tx: Transaction, reason: StockChangeReason, levels: StockLevelV1[]): Promise<void> {
    if (levels.length === 0) return;
    await this.outbox.record(tx, 'inventory.stock.changed', stockChangedV1(reason, levels));
  }
}

/**
 * `StockEvents.record` as part of the caller's statement (see `outboxInsertSql`): the event of the levels that the
 * CTE `levels` returned (`levelColumnsOf` its rows), written once per row of `from`.
 */
export function stockChangedInsertSql(
  reason: StockChangeReason,
  levels: string,
  from: string,
  firstParameter: number,
): { sql: string; parameters: unknown[] } {
  // The payload `stockChangedV1` makes, its levels filled in by the statement, in product order as the lines are.
  const payload = `jsonb_set($${firstParameter}::jsonb, '{levels}',
    (SELECT jsonb_agg(to_jsonb(level) ORDER BY level.product_id) FROM ${levels} level))`;
  const insert = outboxInsertSql('inventory.stock.changed', payload, from, firstParameter + 1);
  return { sql: insert.sql, parameters: [JSON.stringify(stockChangedV1(reason, [])), ...insert.parameters] };
}
