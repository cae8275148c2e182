import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Reservation } from './reservation.entity';

@Injectable()
export class ReservationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findByKey(reservationKey: string): Promise<Reservation | null> {
    return this.dataSource.getRepository(Reservation).findOne({ where: { reservationKey }, relations: { lines: true } });
  }

  /** The reservation with its lines in one query, its row locked (the lines never change). */
  lockByKey(manager: EntityManager, reservationKey: string): Promise<Reservation | null> {
    return manager
      .getRepository(Reservation)
      .createQueryBuilder('reservation')
      .leftJoinAndSelect('reservation.lines', 'line')
      .setLock('pessimistic_write', undefined, ['reservation'])
      .where('reservation.reservationKey = :reservationKey', { reservationKey })
      .getOne();
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
