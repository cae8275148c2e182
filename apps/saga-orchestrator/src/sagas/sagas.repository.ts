import { SAGA_STATUSES, SagaStatus, TERMINAL_SAGA_STATUSES } from '@app/contracts';
import { PgErrorCode, isPgError } from '@app/persistence';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, Not } from 'typeorm';
import { Saga, SagaLogEntry } from './saga.entity';

export type LogEntry = Pick<SagaLogEntry, 'kind' | 'name' | 'status' | 'attempt' | 'durationMs' | 'error'>;

/** The driver's write was fenced off: another instance owns the saga now. */
export class LostLease extends Error {}

export interface SagaFilter {
  status?: SagaStatus;
  /** Only ended sagas (true) or only those still running (false). */
  ended?: boolean;
  customerId?: number;
  limit: number;
  offset: number;
}

/** Every status but the two that end a saga for good (FAILED waits for an operator, so it is counted). */
const COUNTED_STATUSES = SAGA_STATUSES.filter((status) => status !== 'COMPLETED' && status !== 'COMPENSATED');

@Injectable()
export class SagasRepository {
  private insert?: { sql: string; properties: Array<keyof Saga> };

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Inserts a new saga; with an idempotency key already used by that customer, returns that saga instead. */
  async insertOrFind(saga: Saga): Promise<{ saga: Saga; created: boolean }> {
    try {
      const { sql, properties } = (this.insert ??= this.insertStatement());
      await this.dataSource.query(
        sql,
        properties.map((property) => saga[property] ?? null),
      );
      return { saga, created: true };
    } catch (error) {
      if (saga.idempotencyKey && isPgError(error, PgErrorCode.uniqueViolation)) {
        const existing = await this.dataSource
          .getRepository(Saga)
          .findOneByOrFail({ customerId: saga.customerId, idempotencyKey: saga.idempotencyKey });
        return { saga: existing, created: false };
      }
      throw error;
    }
  }

  /**
   * Every column, from the entity's metadata, in one plain INSERT: a saga is inserted once per order, and TypeORM's
   * insert builder (which works out defaults and reads generated values back) cost 4 % of the orchestrator's CPU.
   */
  private insertStatement(): { sql: string; properties: Array<keyof Saga> } {
    const columns = this.dataSource.getMetadata(Saga).columns;
    return {
      sql: `INSERT INTO sagas (${columns.map((column) => `"${column.databaseName}"`).join(', ')})
            VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`,
      properties: columns.map((column) => column.propertyName as keyof Saga),
    };
  }

  findById(id: string): Promise<Saga | null> {
    return this.dataSource.getRepository(Saga).findOneBy({ id });
  }

  findPage(filter: SagaFilter): Promise<[Saga[], number]> {
    return this.dataSource.getRepository(Saga).findAndCount({
      where: {
        ...(filter.ended !== undefined && {
          status: filter.ended ? In([...TERMINAL_SAGA_STATUSES]) : Not(In([...TERMINAL_SAGA_STATUSES])),
        }),
        ...(filter.status && { status: filter.status }),
        ...(filter.customerId && { customerId: filter.customerId }),
      },
      order: { createdAt: 'DESC', id: 'ASC' },
      take: filter.limit,
      skip: filter.offset,
    });
  }

  logOf(sagaId: string): Promise<SagaLogEntry[]> {
    return this.dataSource.getRepository(SagaLogEntry).find({ where: { sagaId }, order: { id: 'ASC' } });
  }

  /**
   * Writes a transition and its log entries, renewing (or releasing) the lease, if `saga` is still the
   * version this driver last wrote; otherwise nothing is written and LostLease is thrown. One
   * statement (an UPDATE feeding an INSERT): atomic, and one round trip on the hot path.
   */
  async transition(
    saga: Saga,
    changes: Partial<Saga>,
    leaseSeconds: number,
    log: LogEntry[] = [],
    lease: 'renew' | 'release' = 'renew',
  ): Promise<Saga> {
    const metadata = this.dataSource.getMetadata(Saga);
    const parameters: unknown[] = [saga.id, saga.version, leaseSeconds];
    const assignments = Object.entries(changes).map(([property, value]) => {
      parameters.push(value);
      return `"${metadata.findColumnWithPropertyName(property)!.databaseName}" = $${parameters.length}`;
    });
    const leaseAssignment =
      lease === 'renew' ? 'lease_until = now() + make_interval(secs => $3)' : 'owner = NULL, lease_until = NULL';
    const update = `UPDATE sagas SET ${[...assignments, leaseAssignment, 'version = version + 1', 'updated_at = now()'].join(', ')}
      WHERE id = $1 AND version = $2 AND $3::int IS NOT NULL RETURNING id, updated_at`;
    let sql = update;
    if (log.length > 0) {
      const column = <K extends keyof LogEntry>(key: K) => log.map((entry) => entry[key]);
      parameters.push(column('kind'), column('name'), column('status'), column('attempt'), column('durationMs'), column('error'));
      const n = parameters.length;
      // WITH ORDINALITY and ORDER BY: the entries get their ids (the log's order) in the order given.
      sql = `WITH updated AS (${update})
        INSERT INTO saga_log (saga_id, kind, name, status, attempt, duration_ms, error)
        SELECT updated.id, entry.kind, entry.name, entry.status, entry.attempt, entry.duration_ms, entry.error
          FROM updated, unnest($${n - 5}::varchar[], $${n - 4}::varchar[], $${n - 3}::varchar[], $${n - 2}::int[],
                               $${n - 1}::int[], $${n}::text[]) WITH ORDINALITY
                 AS entry(kind, name, status, attempt, duration_ms, error, position)
         ORDER BY entry.position
        RETURNING (SELECT updated_at FROM updated)`;
    }
    type Written = { updated_at: Date };
    const result = await this.dataSource.query<Written[] | [Written[], number]>(sql, parameters);
    const rows = log.length > 0 ? (result as Written[]) : (result as [Written[], number])[0];
    if (rows.length === 0) throw new LostLease(`saga ${saga.id} is driven elsewhere now`);
    return Object.assign(
      saga,
      changes,
      { version: saga.version + 1, updatedAt: rows[0].updated_at },
      lease === 'release' ? { owner: null, leaseUntil: null } : {},
    );
  }

  /**
   * Takes over sagas that are due and not leased (their retry time has come, or their owner died):
   * SKIP LOCKED so that instances claiming at the same time take different sagas.
   */
  async claimRunnable(owner: string, limit: number, leaseSeconds: number): Promise<Saga[]> {
    if (limit <= 0) return [];
    const ids = await this.dataSource.query<[Array<{ id: string }>, number]>(
      `UPDATE sagas SET owner = $1, lease_until = now() + make_interval(secs => $3), version = version + 1
        WHERE id IN (SELECT id FROM sagas
                      WHERE status NOT IN ('COMPLETED', 'COMPENSATED', 'FAILED')
                        AND next_attempt_at <= now() AND (lease_until IS NULL OR lease_until < now())
                      ORDER BY next_attempt_at LIMIT $2 FOR UPDATE SKIP LOCKED)
        RETURNING id`,
      [owner, limit, leaseSeconds],
    );
    const claimed = ids[0].map((row) => row.id);
    return claimed.length ? this.dataSource.getRepository(Saga).findBy({ id: In(claimed) }) : [];
  }

  /** Gives a saga back (shutdown, or waiting for a retry) so that any instance may resume it. */
  async release(saga: Saga): Promise<void> {
    await this.dataSource.getRepository(Saga).update({ id: saga.id, version: saga.version }, { owner: null, leaseUntil: null });
  }

  async countsByStatus(): Promise<{ byStatus: Partial<Record<SagaStatus, number>>; stuck: number }> {
    // The open statuses named (not "NOT IN the ended ones"), so the status index finds the few open sagas
    // instead of a scan of every saga ever: 250 ms against 1.5 ms with a million ended ones (docs/scaling.md).
    const rows = await this.dataSource.query<Array<{ status: SagaStatus; count: number; stuck: number }>>(
      `SELECT status, count(*)::int AS count, count(*) FILTER (WHERE deadline_at < now() - interval '1 minute')::int AS stuck
         FROM sagas WHERE status = ANY($1::text[]) GROUP BY status`,
      [COUNTED_STATUSES],
    );
    const byStatus = Object.fromEntries(rows.map((row) => [row.status, row.count]));
    const stuck = rows.filter((row) => row.status !== 'FAILED').reduce((sum, row) => sum + row.stuck, 0);
    return { byStatus, stuck };
  }
}
