import { StockChangeReason, StockChangedV1, StockLevelV1 } from '@app/contracts';
import { Outbox } from '@app/events';
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
