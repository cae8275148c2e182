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

/** Keeps the events as received, in their order, in the caller's transaction (the one that applies them): one statement. */
export async function appendToLog(tx: Transaction, events: EventEnvelope[]): Promise<void> {
  const rows = events.map((event, ord) => ({
    ord,
    event_id: event.event_id,
    type: event.type,
    version: event.version,
    source: event.source,
    occurred_at: event.occurred_at,
    correlation_id: event.correlation_id ?? null,
    payload: event.payload,
  }));
  await tx.query(
    `INSERT INTO event_log (event_id, type, version, source, occurred_at, correlation_id, payload)
     SELECT event_id, type, version, source, occurred_at, correlation_id, payload
       FROM jsonb_to_recordset($1::jsonb) AS e(ord int, event_id uuid, type varchar, version int, source varchar,
            occurred_at timestamptz, correlation_id varchar, payload jsonb)
      ORDER BY ord`,
    [JSON.stringify(rows)],
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
