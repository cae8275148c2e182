import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ProcessedCommand } from './processed-command.entity';
import { Reservation } from './reservation.entity';

@Injectable()
export class ReservationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async processedResult<T>(key: string, manager: EntityManager = this.dataSource.manager): Promise<T | undefined> {
    const row = await manager.getRepository(ProcessedCommand).findOneBy({ idempotencyKey: key });
    return row?.result as T | undefined;
  }

  /** Fails with a unique violation if the key was recorded meanwhile (the caller then replays). */
  async recordProcessed(manager: EntityManager, key: string, pattern: string, result: unknown): Promise<void> {
    await manager.getRepository(ProcessedCommand).insert({ idempotencyKey: key, pattern, result: result as object });
  }

  /** Records `result` unless the key already has one; true if this call recorded it. */
  async recordProcessedIfAbsent(manager: EntityManager, key: string, pattern: string, result: unknown): Promise<boolean> {
    const rows = (await manager.query(
      `INSERT INTO processed_commands (idempotency_key, pattern, result) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING RETURNING idempotency_key`,
      [key, pattern, JSON.stringify(result)],
    )) as unknown[];
    return rows.length > 0;
  }

  findByKey(reservationKey: string): Promise<Reservation | null> {
    return this.dataSource.getRepository(Reservation).findOne({ where: { reservationKey }, relations: { lines: true } });
  }

  async lockByKey(manager: EntityManager, reservationKey: string): Promise<Reservation | null> {
    const reservation = await manager
      .getRepository(Reservation)
      .createQueryBuilder('reservation')
      .setLock('pessimistic_write')
      .where('reservation.reservationKey = :reservationKey', { reservationKey })
      .getOne();
    return reservation && this.withLines(manager, reservation);
  }

  /** Active reservations past their expiry, locked; rows another sweeper holds are skipped. */
  async lockExpired(manager: EntityManager, limit: number): Promise<Reservation[]> {
    const expired = await manager
      .getRepository(Reservation)
      .createQueryBuilder('reservation')
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .where(`reservation.status = 'ACTIVE' AND reservation.expiresAt <= now()`)
      .orderBy('reservation.expiresAt', 'ASC')
      .take(limit)
      .getMany();
    return Promise.all(expired.map((reservation) => this.withLines(manager, reservation)));
  }

  save(manager: EntityManager, reservation: Reservation): Promise<Reservation> {
    return manager.getRepository(Reservation).save(reservation);
  }

  private async withLines(manager: EntityManager, reservation: Reservation): Promise<Reservation> {
    const withLines = await manager.getRepository(Reservation).findOneOrFail({
      where: { id: reservation.id },
      relations: { lines: true },
    });
    return Object.assign(reservation, { lines: withLines.lines });
  }
}
