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
  const row = newEventRow(type, options);
  const envelope: EventEnvelope<Type> = {
    event_id: row.eventId,
    type,
    version: row.version,
    source,
    occurred_at: row.occurredAt,
    ...(options.correlationId && { correlation_id: options.correlationId }),
    payload,
  };
  // Plain SQL rather than the insert builder: this runs in every command of the saga.
  await tx.query(
    `INSERT INTO outbox_events (event_id, type, version, payload, correlation_id, occurred_at, pending_for)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [row.eventId, type, row.version, JSON.stringify(payload), row.correlationId, row.occurredAt, row.pendingFor],
  );
  return envelope;
}

/**
 * The row `recordEvent` writes, as an `INSERT … SELECT` to put in the caller's own statement (a data-modifying CTE):
 * for a hot path that writes its change, its event and its reply in one round trip. The payload is the SQL
 * expression `payload`, written once per row of `from` (a FROM clause: no row, no event); the other columns are
 * `parameters`, numbered from `$${firstParameter}`, to append to the statement's own.
 */
export function outboxInsertSql(
  type: EventType,
  payload: string,
  from: string,
  firstParameter: number,
  options: RecordOptions = {},
): { sql: string; parameters: unknown[] } {
  const row = newEventRow(type, options);
  const $ = (offset: number) => `$${firstParameter + offset}`;
  return {
    sql: `INSERT INTO outbox_events (event_id, type, version, payload, correlation_id, occurred_at, pending_for)
      SELECT ${$(0)}::uuid, ${$(1)}::varchar, ${$(2)}::int, ${payload}, ${$(3)}::varchar, ${$(4)}::timestamptz, ${$(5)}::text[] ${from}`,
    parameters: [row.eventId, type, row.version, row.correlationId, row.occurredAt, row.pendingFor],
  };
}

/** What the outbox stores of a new event besides its payload. */
function newEventRow(type: EventType, options: RecordOptions) {
  return {
    eventId: randomUUID(),
    version: EVENT_VERSIONS[type],
    correlationId: options.correlationId ?? null,
    occurredAt: (options.occurredAt ?? new Date()).toISOString(),
    pendingFor: EVENT_SUBSCRIBERS[type],
  };
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
