import { EventDeliveryReply, EventEnvelope, EventOutcome, EventType } from '@app/contracts';
import { Transaction } from '@app/persistence';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

export type EventHandler<Type extends EventType> = (tx: Transaction, event: EventEnvelope<Type>) => Promise<void>;

/** Applies several events at once: the new events of one delivery, in the delivery's order. */
export type EventBatchHandler = (tx: Transaction, events: EventEnvelope[]) => Promise<void>;

/**
 * Applies each delivered event exactly once: its id is recorded in `processed_events` in the same
 * transaction as its effect, so a redelivery finds it and changes nothing.
 */
@Injectable()
export class EventInbox {
  private readonly logger = new Logger(EventInbox.name);
  private readonly handlers = new Map<EventType, EventHandler<EventType>>();
  private readonly batchHandlers = new Map<EventType, EventBatchHandler>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Called by feature services at start-up for the event types they react to. */
  on<Type extends EventType>(type: Type, handler: EventHandler<Type>): void {
    this.assertUnhandled(type);
    this.handlers.set(type, handler as unknown as EventHandler<EventType>);
  }

  /**
   * Like `on`, for a consumer that applies many events in fewer statements: `handler` is called once per
   * delivery, in its transaction, with the delivery's new events of these types (in the delivery's order),
   * after the `on` handlers of its other events. Duplicates are left out and answered as with `on`.
   */
  onBatch(types: readonly EventType[], handler: EventBatchHandler): void {
    for (const type of types) {
      this.assertUnhandled(type);
      this.batchHandlers.set(type, handler);
    }
  }

  private assertUnhandled(type: EventType): void {
    if (this.handlers.has(type) || this.batchHandlers.has(type)) throw new Error(`Two handlers for ${type}`);
  }

  async apply(event: EventEnvelope): Promise<{ outcome: EventOutcome }> {
    const [outcome] = await this.dataSource.transaction((manager) => this.applyIn(manager, [event]));
    return { outcome };
  }

  /**
   * Applies a delivery in one transaction (one commit for the lot). If that fails, the events are applied
   * one at a time so that those before the failing one are kept; the reply stops at the failing one.
   */
  async applyAll(events: EventEnvelope[]): Promise<EventDeliveryReply> {
    if (events.length > 1) {
      try {
        return { outcomes: await this.dataSource.transaction((manager) => this.applyIn(manager, events)) };
      } catch {
        // Applied one at a time below: the failure is met (and logged) again there, unless it has passed.
      }
    }
    const outcomes: EventOutcome[] = [];
    for (const event of events) {
      try {
        outcomes.push((await this.apply(event)).outcome);
      } catch (error) {
        this.logger.error({ err: error, event_id: event.event_id }, `applying ${event.type} failed`);
        return { outcomes, error: `${event.event_id}: ${messageOf(error)}` };
      }
    }
    return { outcomes };
  }

  private async applyIn(manager: EntityManager, events: EventEnvelope[]): Promise<EventOutcome[]> {
    const inserted = await manager.query<Array<{ event_id: string }>>(
      `INSERT INTO processed_events (event_id, type) SELECT * FROM unnest($1::uuid[], $2::varchar[])
       ON CONFLICT DO NOTHING RETURNING event_id`,
      [events.map((event) => event.event_id), events.map((event) => event.type)],
    );
    const unseen = new Set(inserted.map((row) => row.event_id));
    const outcomes: EventOutcome[] = [];
    const batches = new Map<EventBatchHandler, EventEnvelope[]>();
    for (const event of events) {
      // Deleted once applied: the same event twice in one delivery is a duplicate the second time.
      if (!unseen.delete(event.event_id)) {
        outcomes.push('DUPLICATE');
        continue;
      }
      const batchHandler = this.batchHandlers.get(event.type);
      if (batchHandler) {
        const batch = batches.get(batchHandler);
        if (batch) batch.push(event);
        else batches.set(batchHandler, [event]);
        outcomes.push('APPLIED');
        continue;
      }
      const handler = this.handlers.get(event.type);
      if (!handler) {
        this.logger.warn(`no handler for ${event.type} v${event.version}: acknowledged and ignored`);
        outcomes.push('IGNORED');
        continue;
      }
      await handler(manager, event);
      outcomes.push('APPLIED');
    }
    // A failure here fails the whole delivery's transaction, as a failing `on` handler does.
    for (const [handler, batch] of batches) await handler(manager, batch);
    return outcomes;
  }
}

/** An Error's message, an RPC error's `message` (a plain object over the transport), or the value as JSON. */
export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  const message = (error as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' ? message : JSON.stringify(error);
}
