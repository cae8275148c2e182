import { ReservationStatus, StockLine } from '@app/contracts';
import { Transaction } from '@app/persistence';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { LocationType } from '../locations/location.entity';
import { Reservation, ReservationLine } from './reservation.entity';

/** The location a command names, or the warehouse when it names none: `$1` is the location id or null. */
const COMMAND_LOCATION = `(SELECT id FROM locations
  WHERE CASE WHEN $1::int IS NULL THEN type = '${LocationType.Warehouse}' ELSE id = $1 END ORDER BY id LIMIT 1)`;

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

  async setStatus(tx: Transaction, reservation: Reservation, status: ReservationStatus): Promise<void> {
    await tx.query('UPDATE reservations SET status = $2, updated_at = now() WHERE id = $1', [reservation.id, status]);
    reservation.status = status;
  }

  private async withLines(tx: Transaction, reservation: Reservation): Promise<Reservation> {
    const withLines = await tx.getRepository(Reservation).findOneOrFail({
      where: { id: reservation.id },
      relations: { lines: true },
    });
    return Object.assign(reservation, { lines: withLines.lines });
  }
}
