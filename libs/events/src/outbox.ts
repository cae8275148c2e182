import { ServiceConfig } from '@app/config';
import { EVENT_SUBSCRIBERS, EVENT_VERSIONS, EventEnvelope, EventPayloads, EventType } from '@app/contracts';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { OutboxEvent } from './event.entities';

/** Records domain events in the producer's own database, inside the caller's transaction. */
@Injectable()
export class Outbox {
  constructor(private readonly config: ServiceConfig) {}

  async record<Type extends EventType>(
    manager: EntityManager,
    type: Type,
    payload: EventPayloads[Type],
    options: { correlationId?: string; occurredAt?: Date } = {},
  ): Promise<EventEnvelope<Type>> {
    const envelope: EventEnvelope<Type> = {
      event_id: randomUUID(),
      type,
      version: EVENT_VERSIONS[type],
      source: this.config.service,
      occurred_at: (options.occurredAt ?? new Date()).toISOString(),
      ...(options.correlationId && { correlation_id: options.correlationId }),
      payload,
    };
    await manager.getRepository(OutboxEvent).insert({
      eventId: envelope.event_id,
      type,
      version: envelope.version,
      payload: payload as object,
      correlationId: options.correlationId ?? null,
      occurredAt: new Date(envelope.occurred_at),
      pendingFor: [...EVENT_SUBSCRIBERS[type]],
    });
    return envelope;
  }
}

export function envelopeOf(row: OutboxEvent, source: EventEnvelope['source']): EventEnvelope {
  return {
    event_id: row.eventId,
    type: row.type as EventType,
    version: row.version,
    source,
    occurred_at: row.occurredAt.toISOString(),
    ...(row.correlationId && { correlation_id: row.correlationId }),
    payload: row.payload as EventPayloads[EventType],
  };
}
