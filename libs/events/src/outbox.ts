import { ServiceConfig } from '@app/config';
import { Transaction } from '@app/persistence';
import { EVENT_SUBSCRIBERS, EVENT_VERSIONS, EventEnvelope, EventPayloads, EventType, ServiceName } from '@app/contracts';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { OutboxEvent } from './event.entities';

export interface RecordOptions {
  correlationId?: string;
  /** When the fact happened, if not now (history loaded as demo data or imported). */
  occurredAt?: Date;
}

/** Records domain events in the producer's own database, inside the caller's transaction (`UnitOfWork.run`). */
@Injectable()
export class Outbox {
  constructor(private readonly config: ServiceConfig) {}

  record<Type extends EventType>(
    tx: Transaction,
    type: Type,
    payload: EventPayloads[Type],
    options: RecordOptions = {},
  ): Promise<EventEnvelope<Type>> {
    return recordEvent(tx, this.config.service, type, payload, options);
  }
}

/** `Outbox.record` for code that runs outside the Nest container (demo data). */
export async function recordEvent<Type extends EventType>(
  tx: Transaction,
  source: ServiceName,
  type: Type,
  payload: EventPayloads[Type],
  options: RecordOptions = {},
): Promise<EventEnvelope<Type>> {
  const envelope: EventEnvelope<Type> = {
    event_id: randomUUID(),
    type,
    version: EVENT_VERSIONS[type],
    source,
    occurred_at: (options.occurredAt ?? new Date()).toISOString(),
    ...(options.correlationId && { correlation_id: options.correlationId }),
    payload,
  };
  // Plain SQL rather than the insert builder: this runs in every command of the saga.
  await tx.query(
    `INSERT INTO outbox_events (event_id, type, version, payload, correlation_id, occurred_at, pending_for)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      envelope.event_id,
      type,
      envelope.version,
      JSON.stringify(payload),
      options.correlationId ?? null,
      envelope.occurred_at,
      EVENT_SUBSCRIBERS[type],
    ],
  );
  return envelope;
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
