import { ReservationChangeReply, ReservationStatus, ReserveStockReply, StockLine } from '@app/contracts';
import { PgErrorCode, Transaction, isPgError, processedCommandSql } from '@app/persistence';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { LocationType } from '../locations/location.entity';
import { stockChangedInsertSql } from '../stock/stock-events';
import { levelColumnsOf } from '../stock/stock.repository';
import { Reservation, ReservationLine } from './reservation.entity';

/** The location a command names, or the warehouse when it names none: `$1` is the location id or null. */
const COMMAND_LOCATION = `(SELECT id FROM locations
  WHERE CASE WHEN $1::int IS NULL THEN type = '${LocationType.Warehouse}' ELSE id = $1 END ORDER BY id LIMIT 1)`;

/**
 * A reservation as the commands reply with it (`ReservationView`, the service's `toView`), from the reservation row
 * `reservation` and its lines `FROM …` (aliased `line`, in the order they were written).
 */
const viewSql = (reservation: string, linesFrom: string) => `jsonb_build_object(
  'reservation_id', ${reservation}.id, 'reservation_key', ${reservation}.reservation_key,
  'holder', ${reservation}.holder, 'location_id', ${reservation}.location_id, 'status', ${reservation}.status,
  'expires_at', to_char(${reservation}.expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
  'lines', (SELECT jsonb_agg(jsonb_build_object('product_id', line.product_id, 'quantity', line.quantity) ORDER BY line.id)
             ${linesFrom}))`;

/**
 * A reserve command that takes every line, in one statement (atomic on its own, no transaction around it):
 * the stock rows are locked in product order (in READ COMMITTED `FOR NO KEY UPDATE` waits for a concurrent change
 * and returns the level it committed), every line is checked against those levels, and only if all are available
 * and their products active are the levels updated, the reservation and its lines written, its event and its
 * reply stored. Otherwise nothing is written and no row comes back. `$1` location id or null, `$2`/`$3` product ids
 * and quantities (merged, in product order), `$4` key, `$5` holder, `$6` expiry, `$7` pattern, `$8`… the event.
 *
 * The levels are written from their values as locked, not from the updated row's columns: the row the UPDATE reads
 * is the version the statement's snapshot sees, which a concurrent change may have replaced before the lock was
 * granted. PostgreSQL moves the update on to the latest version, but checks `reserved <= on_hand` on the row
 * computed from the old one first (a race of reserves and releases failed it).
 */
const reserveAtOnceSql = (event: string) => `
  WITH line AS (
    SELECT line.product_id, line.quantity FROM unnest($2::int[], $3::int[]) AS line(product_id, quantity)
  ), location AS ${COMMAND_LOCATION},
  locked AS MATERIALIZED (
    SELECT stock.product_id, stock.on_hand, stock.reserved, stock.version
      FROM stock_levels stock
     WHERE stock.location_id = (SELECT id FROM location) AND stock.product_id = ANY($2::int[])
     ORDER BY stock.product_id
       FOR NO KEY UPDATE
  ), reservable AS (
    -- An aggregate: every stock row is locked before anything below is written.
    SELECT count(*) = cardinality($2::int[]) AS yes
      FROM locked JOIN line USING (product_id) JOIN products product ON product.id = locked.product_id
     WHERE product.active AND locked.on_hand - locked.reserved >= line.quantity
  ), level AS (
    -- From the level as locked, not the updated row's own columns (see above).
    UPDATE stock_levels stock
       SET reserved = locked.reserved + line.quantity, version = locked.version + 1, updated_at = now()
      FROM locked JOIN line USING (product_id), reservable
     WHERE reservable.yes AND stock.location_id = (SELECT id FROM location) AND stock.product_id = locked.product_id
    RETURNING ${levelColumnsOf('stock')}
  ), reservation AS (
    INSERT INTO reservations (reservation_key, holder, location_id, status, expires_at)
    SELECT $4::varchar, $5::varchar, location.id, 'ACTIVE', $6::timestamptz FROM location, reservable WHERE reservable.yes
    RETURNING id, reservation_key, holder, location_id, status, expires_at
  ), reservation_line AS (
    INSERT INTO reservation_lines (reservation_id, product_id, quantity)
    SELECT reservation.id, line.product_id, line.quantity FROM reservation, line ORDER BY line.product_id
    RETURNING id, product_id, quantity
  ), reply AS (
    SELECT jsonb_build_object('outcome', 'RESERVED', 'reservation', ${viewSql('reservation', 'FROM reservation_line line')}) AS body
      FROM reservation
  ), event AS (
    ${event}
  ), command AS (
    ${processedCommandSql('$4', '$7', 'reply.body FROM reply')}
  )
  SELECT body FROM reply`;

/**
 * A commit of an active reservation in one statement: the reservation row locked, then its stock rows in product
 * order (as every change of stock is); only if every line's units are still reserved are the reservation marked
 * committed, the units taken off, its event and its reply stored. Otherwise (no such active reservation, or stock
 * out of step) nothing is written and no row comes back. `$1` reservation key, `$2` command key, `$3` pattern, `$4`… the event.
 */
const commitAtOnceSql = (event: string) => `
  WITH reservation AS MATERIALIZED (
    SELECT id, location_id FROM reservations WHERE reservation_key = $1 AND status = 'ACTIVE' FOR NO KEY UPDATE
  ), line AS (
    SELECT line.id, line.product_id, line.quantity
      FROM reservation JOIN reservation_lines line ON line.reservation_id = reservation.id
  ), locked AS MATERIALIZED (
    SELECT stock.product_id, stock.on_hand, stock.reserved, stock.version
      FROM line JOIN stock_levels stock
        ON stock.product_id = line.product_id AND stock.location_id = (SELECT location_id FROM reservation)
     ORDER BY stock.product_id
       FOR NO KEY UPDATE OF stock
  ), ready AS (
    SELECT count(*) = (SELECT count(*) FROM line) AS yes
      FROM locked JOIN line USING (product_id)
     WHERE locked.reserved >= line.quantity
  ), committed AS (
    UPDATE reservations SET status = 'COMMITTED', updated_at = now()
      FROM ready
     WHERE ready.yes AND reservations.id = (SELECT id FROM reservation)
    RETURNING reservations.id, reservation_key, holder, location_id, status, expires_at
  ), level AS (
    -- From the level as locked, not the updated row's own columns (see reserveAtOnceSql).
    UPDATE stock_levels stock
       SET reserved = locked.reserved - line.quantity, on_hand = locked.on_hand - line.quantity,
           version = locked.version + 1, updated_at = now()
      FROM locked JOIN line USING (product_id), ready
     WHERE ready.yes AND stock.location_id = (SELECT location_id FROM reservation) AND stock.product_id = locked.product_id
    RETURNING ${levelColumnsOf('stock')}
  ), reply AS (
    SELECT jsonb_build_object('outcome', 'COMMITTED', 'reservation', ${viewSql('committed', 'FROM line')}) AS body
      FROM committed
  ), event AS (
    ${event}
  ), command AS (
    ${processedCommandSql('$2', '$3', 'reply.body FROM reply')}
  )
  SELECT body FROM reply`;

export interface StockAt {
  locationId: number;
  /** Available units by product; a product without a stock row there is absent. */
  available: Map<number, number>;
}

export interface ReservableAt {
  locationId: number;
  products: Array<{ id: number; active: boolean }>;
}

@Injectable()
export class ReservationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findByKey(reservationKey: string): Promise<Reservation | null> {
    return this.dataSource.getRepository(Reservation).findOne({ where: { reservationKey }, relations: { lines: true } });
  }

  /** The reservation with its lines in one query, its row locked (the lines never change). */
  lockByKey(tx: Transaction, reservationKey: string): Promise<Reservation | null> {
    return tx
      .getRepository(Reservation)
      .createQueryBuilder('reservation')
      .leftJoinAndSelect('reservation.lines', 'line')
      .setLock('pessimistic_write', undefined, ['reservation'])
      .where('reservation.reservationKey = :reservationKey', { reservationKey })
      .getOne();
  }

  /** Active reservations past their expiry, locked; rows another sweeper holds are skipped. */
  async lockExpired(tx: Transaction, limit: number): Promise<Reservation[]> {
    const expired = await tx
      .getRepository(Reservation)
      .createQueryBuilder('reservation')
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .where(`reservation.status = 'ACTIVE' AND reservation.expiresAt <= now()`)
      .orderBy('reservation.expiresAt', 'ASC')
      .take(limit)
      .getMany();
    return Promise.all(expired.map((reservation) => this.withLines(tx, reservation)));
  }

  /** The command's location and what is available there of each product, in one round trip; null if no such location. */
  async stockAt(locationId: number | undefined, productIds: number[]): Promise<StockAt | null> {
    const rows = await this.dataSource.query<Array<{ location_id: number; product_id: number | null; available: number | null }>>(
      `SELECT location.id AS location_id, stock.product_id, stock.on_hand - stock.reserved AS available
         FROM ${COMMAND_LOCATION} location
         LEFT JOIN stock_levels stock ON stock.location_id = location.id AND stock.product_id = ANY($2::int[])`,
      [locationId ?? null, productIds],
    );
    if (rows.length === 0) return null;
    const available = new Map<number, number>();
    for (const row of rows) if (row.product_id !== null) available.set(row.product_id, row.available!);
    return { locationId: rows[0].location_id, available };
  }

  /** The command's location and the products it names (those that exist), in one round trip; null if no such location. */
  async reservableAt(tx: Transaction, locationId: number | undefined, productIds: number[]): Promise<ReservableAt | null> {
    const rows = await tx.query<Array<{ location_id: number; product_id: number | null; active: boolean | null }>>(
      `SELECT location.id AS location_id, product.id AS product_id, product.active
         FROM ${COMMAND_LOCATION} location LEFT JOIN products product ON product.id = ANY($2::int[])`,
      [locationId ?? null, productIds],
    );
    if (rows.length === 0) return null;
    return {
      locationId: rows[0].location_id,
      products: rows.filter((row) => row.product_id !== null).map((row) => ({ id: row.product_id!, active: row.active! })),
    };
  }

  /** Inserts an active reservation and its lines in one statement. */
  async insertActive(
    tx: Transaction,
    fields: Pick<Reservation, 'reservationKey' | 'holder' | 'locationId' | 'expiresAt'>,
    lines: StockLine[],
  ): Promise<Reservation> {
    const [row] = await tx.query<Array<{ id: number; created_at: Date; updated_at: Date }>>(
      `WITH reservation AS (
         INSERT INTO reservations (reservation_key, holder, location_id, status, expires_at)
         VALUES ($1, $2, $3, 'ACTIVE', $4) RETURNING id, created_at, updated_at)
       INSERT INTO reservation_lines (reservation_id, product_id, quantity)
       SELECT reservation.id, line.product_id, line.quantity
         FROM reservation, unnest($5::int[], $6::int[]) AS line(product_id, quantity)
       RETURNING reservation_id AS id, (SELECT created_at FROM reservation), (SELECT updated_at FROM reservation)`,
      [
        fields.reservationKey,
        fields.holder,
        fields.locationId,
        fields.expiresAt,
        lines.map((line) => line.product_id),
        lines.map((line) => line.quantity),
      ],
    );
    return Object.assign(new Reservation(), fields, {
      id: row.id,
      status: 'ACTIVE' as const,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      lines: lines.map((line) =>
        Object.assign(new ReservationLine(), { reservationId: row.id, productId: line.product_id, quantity: line.quantity }),
      ),
    });
  }

  /**
   * Reserves every line at once (see `reserveAtOnceSql`) and returns the reply it stored; undefined when it wrote
   * nothing: a refusal, or a key that has a reply already (a repeat, a tombstone) or is being used at this moment.
   * The caller then takes the full path, which tells why.
   */
  reserveAtOnce(
    fields: Pick<Reservation, 'reservationKey' | 'holder' | 'expiresAt'>,
    locationId: number | undefined,
    lines: StockLine[],
    pattern: string,
  ): Promise<ReserveStockReply | undefined> {
    const event = stockChangedInsertSql('RESERVATION', 'level', 'FROM reservation', 8);
    return this.replyAtOnce<ReserveStockReply>(reserveAtOnceSql(event.sql), [
      locationId ?? null,
      lines.map((line) => line.product_id),
      lines.map((line) => line.quantity),
      fields.reservationKey,
      fields.holder,
      fields.expiresAt,
      pattern,
      ...event.parameters,
    ]);
  }

  /** Commits an active reservation at once (see `commitAtOnceSql`); undefined as for `reserveAtOnce`. */
  commitAtOnce(reservationKey: string, key: string, pattern: string): Promise<ReservationChangeReply | undefined> {
    const event = stockChangedInsertSql('COMMIT', 'level', 'FROM committed', 4);
    return this.replyAtOnce<ReservationChangeReply>(commitAtOnceSql(event.sql), [
      reservationKey,
      key,
      pattern,
      ...event.parameters,
    ]);
  }

  async setStatus(tx: Transaction, reservation: Reservation, status: ReservationStatus): Promise<void> {
    await tx.query('UPDATE reservations SET status = $2, updated_at = now() WHERE id = $1', [reservation.id, status]);
    reservation.status = status;
  }

  private async replyAtOnce<Reply>(sql: string, parameters: unknown[]): Promise<Reply | undefined> {
    try {
      const [row] = await this.dataSource.query<Array<{ body: Reply }>>(sql, parameters);
      return row?.body;
    } catch (error) {
      // The key is taken (or a full-path command of the same key holds it and waits for our stock rows): the
      // statement wrote nothing, and the full path answers as the first command did.
      if (isPgError(error, PgErrorCode.uniqueViolation) || isPgError(error, PgErrorCode.deadlockDetected)) return undefined;
      throw error;
    }
  }

  private async withLines(tx: Transaction, reservation: Reservation): Promise<Reservation> {
    const withLines = await tx.getRepository(Reservation).findOneOrFail({
      where: { id: reservation.id },
      relations: { lines: true },
    });
    return Object.assign(reservation, { lines: withLines.lines });
  }
}
