import { EventEnvelope, EventType } from '@app/contracts';
import { Transaction } from '@app/persistence';

interface EventLogRow {
  seq: string;
  event_id: string;
  type: string;
  version: number;
  source: EventEnvelope['source'];
  occurred_at: Date;
  correlation_id: string | null;
  payload: EventEnvelope['payload'];
}

/** Keeps the event as received, in the caller's transaction (the one that applies it). */
export async function appendToLog(tx: Transaction, event: EventEnvelope): Promise<void> {
  await tx.query(
    `INSERT INTO event_log (event_id, type, version, source, occurred_at, correlation_id, payload)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      event.event_id,
      event.type,
      event.version,
      event.source,
      event.occurred_at,
      event.correlation_id ?? null,
      JSON.stringify(event.payload),
    ],
  );
}

/** The logged events after `afterSeq`, in the order they arrived. */
export async function readLog(
  tx: Transaction,
  afterSeq: string,
  limit: number,
): Promise<Array<{ seq: string; event: EventEnvelope }>> {
  const rows = await tx.query<EventLogRow[]>(
    `SELECT seq, event_id, type, version, source, occurred_at, correlation_id, payload FROM event_log
      WHERE seq > $1 ORDER BY seq LIMIT $2`,
    [afterSeq, limit],
  );
  return rows.map((row) => ({
    seq: row.seq,
    event: {
      event_id: row.event_id,
      type: row.type as EventType,
      version: row.version,
      source: row.source,
      occurred_at: row.occurred_at.toISOString(),
      ...(row.correlation_id && { correlation_id: row.correlation_id }),
      payload: row.payload,
    },
  }));
}
