import { EventEnvelope } from '@app/contracts';
import { EventInbox } from '@app/events';
import { Transaction } from '@app/persistence';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { StockEvents } from '../stock/stock-events';
import { StockRepository } from '../stock/stock.repository';

/**
 * Keeps store stock in step with the tills: a sale takes units off the store's shelf, a return puts
 * them back. Applied exactly once per event by the inbox, even when delivered again.
 */
@Injectable()
export class StoreSalesEvents implements OnModuleInit {
  private readonly logger = new Logger(StoreSalesEvents.name);

  constructor(
    private readonly inbox: EventInbox,
    private readonly stock: StockRepository,
    private readonly stockEvents: StockEvents,
  ) {}

  onModuleInit(): void {
    this.inbox.on('retail.sale.recorded', (tx, event) => this.saleRecorded(tx, event));
    this.inbox.on('retail.sale.returned', (tx, event) => this.saleReturned(tx, event));
  }

  private async saleRecorded(tx: Transaction, { payload }: EventEnvelope<'retail.sale.recorded'>): Promise<void> {
    if (payload.imported) return; // history: already part of the stock figures
    const levels = [];
    for (const line of payload.lines) {
      const { shortfall, level } = await this.stock.remove(tx, line.product_id, payload.location_id, line.quantity);
      levels.push(level);
      if (shortfall > 0) {
        // The goods have left the store whatever the records said: the count was off.
        this.logger.warn(
          `sale ${payload.sale_id}: ${shortfall} more unit(s) of product ${line.product_id} sold at location ${payload.location_id} than on record`,
        );
      }
    }
    await this.stockEvents.record(tx, 'SALE', levels);
  }

  private async saleReturned(tx: Transaction, { payload }: EventEnvelope<'retail.sale.returned'>): Promise<void> {
    if (payload.imported) return;
    const levels = [];
    for (const line of payload.lines) levels.push(await this.stock.add(tx, line.product_id, payload.location_id, line.quantity));
    await this.stockEvents.record(tx, 'RETURN', levels);
  }
}
