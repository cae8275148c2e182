import { EventDeliveryReply, EventEnvelope, EventType } from '@app/contracts';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

export type EventHandler<Type extends EventType> = (manager: EntityManager, event: EventEnvelope<Type>) => Promise<void>;

/**
 * Applies each delivered event exactly once: its id is recorded in `processed_events` in the same
 * transaction as its effect, so a redelivery finds it and changes nothing.
 */
@Injectable()
export class EventInbox {
  private readonly logger = new Logger(EventInbox.name);
  private readonly handlers = new Map<EventType, EventHandler<EventType>>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Called by feature services at start-up for the event types they react to. */
  on<Type extends EventType>(type: Type, handler: EventHandler<Type>): void {
    if (this.handlers.has(type)) throw new Error(`Two handlers for ${type}`);
    this.handlers.set(type, handler as unknown as EventHandler<EventType>);
  }

  async apply(event: EventEnvelope): Promise<EventDeliveryReply> {
    const handler = this.handlers.get(event.type);
    return this.dataSource.transaction(async (manager) => {
      const inserted = (await manager.query(
        'INSERT INTO processed_events (event_id, type) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING event_id',
        [event.event_id, event.type],
      )) as unknown[];
      if (inserted.length === 0) return { outcome: 'DUPLICATE' };
      if (!handler) {
        this.logger.warn(`no handler for ${event.type} v${event.version}: acknowledged and ignored`);
        return { outcome: 'IGNORED' };
      }
      await handler(manager, event);
      return { outcome: 'APPLIED' };
    });
  }
}
