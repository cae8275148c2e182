import { ServiceConfig } from '@app/config';
import {
  CheckStockCommand,
  CheckStockReply,
  CommitReservationCommand,
  GetReservationReply,
  InventoryPatterns,
  mergeLinesByProduct,
  ReleaseStockCommand,
  ReservationChangeReply,
  ReservationView,
  ReserveStockCommand,
  ReserveRejection,
  ReserveStockReply,
  StockLine,
  StockLineAvailability,
} from '@app/contracts';
import { IdempotentCommands, RollbackWith, Transaction, UnitOfWork } from '@app/persistence';
import { Injectable } from '@nestjs/common';
import { InventoryEnvironment } from '../inventory.environment';
import { Location } from '../locations/location.entity';
import { LocationsService } from '../locations/locations.service';
import { StockEvents } from '../stock/stock-events';
import { StockRepository } from '../stock/stock.repository';
import { Reservation } from './reservation.entity';
import { ReservableAt, ReservationsRepository } from './reservations.repository';

/**
 * Recorded as the reply to a reserve command whose release came first (see IdempotentCommands.lockOrForbid),
 * so that reserve, arriving late, is refused.
 */
const CANCELLED: ReserveStockReply = { outcome: 'REJECTED', reason: 'CANCELLED', lines: [] };

@Injectable()
export class ReservationsService {
  constructor(
    private readonly reservations: ReservationsRepository,
    private readonly commands: IdempotentCommands,
    private readonly stock: StockRepository,
    private readonly stockEvents: StockEvents,
    private readonly locations: LocationsService,
    private readonly config: ServiceConfig<InventoryEnvironment>,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  async check(command: CheckStockCommand): Promise<CheckStockReply> {
    const requested = mergeLinesByProduct(command.lines);
    const productIds = requested.map((line) => line.product_id);
    const stock = (await this.reservations.stockAt(command.location_id, productIds)) ??
      // No such location: this read throws why (an unknown location, or no warehouse) — unless one was just added.
      { locationId: (await this.locationOf(command.location_id)).id, available: new Map<number, number>() };
    const lines = requested.map((line) => ({
      product_id: line.product_id,
      requested: line.quantity,
      available: stock.available.get(line.product_id) ?? 0,
    }));
    return { location_id: stock.locationId, all_available: lines.every((line) => line.available >= line.requested), lines };
  }

  async reserve(command: ReserveStockCommand): Promise<ReserveStockReply> {
    const lines = mergeLinesByProduct(command.lines);
    const ttl = command.ttl_seconds ?? this.config.env.RESERVATION_TTL_SECONDS;
    const fields = {
      reservationKey: command.idempotency_key,
      holder: command.holder,
      expiresAt: new Date(Date.now() + ttl * 1000),
    };
    // The usual case (every line available, a new key) in one statement; anything else takes the full path,
    // which works out the refusal, or answers a repeated key with its first reply.
    const reserved = await this.reservations.reserveAtOnce(fields, command.location_id, lines, InventoryPatterns.reserveStock);
    return reserved ?? this.reserveStepByStep(command, lines, fields);
  }

  private reserveStepByStep(
    command: ReserveStockCommand,
    lines: StockLine[],
    fields: Pick<Reservation, 'reservationKey' | 'holder' | 'expiresAt'>,
  ): Promise<ReserveStockReply> {
    return this.commands.once(command.idempotency_key, InventoryPatterns.reserveStock, async (tx) => {
      const target = await this.reservations.reservableAt(
        tx,
        command.location_id,
        lines.map((line) => line.product_id),
      );
      const refusal = this.refusalOf(target, lines);
      if (refusal || !target) {
        throw new RollbackWith<ReserveStockReply>(async () => ({
          outcome: 'REJECTED',
          reason: refusal ?? 'UNKNOWN_LOCATION',
          lines: [],
        }));
      }
      // The reservation is written before the stock rows are updated: those updates lock the rows until the
      // commit, and every statement after them keeps concurrent orders of the same product waiting.
      const reservation = await this.reservations.insertActive(tx, { ...fields, locationId: target.locationId }, lines);
      const levels = [];
      for (const line of lines) {
        const level = await this.stock.reserve(tx, line.product_id, target.locationId, line.quantity);
        if (!level) {
          throw new RollbackWith<ReserveStockReply>(async () => ({
            outcome: 'REJECTED',
            reason: 'INSUFFICIENT_STOCK',
            lines: await this.availability(target.locationId, lines),
          }));
        }
        levels.push(level);
      }
      await this.stockEvents.record(tx, 'RESERVATION', levels);
      return { outcome: 'RESERVED', reservation: this.toView(reservation) };
    });
  }

  release(command: ReleaseStockCommand): Promise<ReservationChangeReply> {
    return this.commands.once(command.idempotency_key, InventoryPatterns.releaseStock, async (tx) => {
      const reservation = await this.commands.lockOrForbid(
        tx,
        command.reservation_key,
        InventoryPatterns.reserveStock,
        CANCELLED,
        (tx, key) => this.reservations.lockByKey(tx, key),
      );
      if (!reservation) return { outcome: 'NOT_FOUND' };
      switch (reservation.status) {
        case 'ACTIVE':
          await this.returnToStock(tx, reservation, 'RELEASED');
          return { outcome: 'RELEASED', reservation: this.toView(reservation) };
        case 'RELEASED':
        case 'EXPIRED':
          return { outcome: 'ALREADY_RELEASED', reservation: this.toView(reservation) };
        case 'COMMITTED':
          return { outcome: 'REJECTED', reason: 'RESERVATION_COMMITTED', reservation: this.toView(reservation) };
      }
    });
  }

  async commit(command: CommitReservationCommand): Promise<ReservationChangeReply> {
    // The usual case (an active reservation, a new key) in one statement; anything else takes the full path.
    const committed = await this.reservations.commitAtOnce(
      command.reservation_key,
      command.idempotency_key,
      InventoryPatterns.commitReservation,
    );
    return committed ?? this.commitStepByStep(command);
  }

  private commitStepByStep(command: CommitReservationCommand): Promise<ReservationChangeReply> {
    return this.commands.once(command.idempotency_key, InventoryPatterns.commitReservation, async (tx) => {
      const reservation = await this.reservations.lockByKey(tx, command.reservation_key);
      if (!reservation) return { outcome: 'NOT_FOUND' };
      switch (reservation.status) {
        case 'ACTIVE': {
          // Status first: the stock updates below lock the product rows until the commit.
          await this.reservations.setStatus(tx, reservation, 'COMMITTED');
          const levels = [];
          for (const line of reservation.lines) {
            levels.push(await this.stock.consumeReserved(tx, line.productId, reservation.locationId, line.quantity));
          }
          await this.stockEvents.record(tx, 'COMMIT', levels);
          return { outcome: 'COMMITTED', reservation: this.toView(reservation) };
        }
        case 'COMMITTED':
          return { outcome: 'ALREADY_COMMITTED', reservation: this.toView(reservation) };
        case 'RELEASED':
        case 'EXPIRED':
          return { outcome: 'REJECTED', reason: 'RESERVATION_RELEASED', reservation: this.toView(reservation) };
      }
    });
  }

  async get(reservationKey: string): Promise<GetReservationReply> {
    const reservation = await this.reservations.findByKey(reservationKey);
    return reservation ? { found: true, reservation: this.toView(reservation) } : { found: false };
  }

  /** Releases active reservations past their expiry; returns how many. */
  async expireDue(batchSize = 100): Promise<number> {
    return this.unitOfWork.run(async (tx) => {
      const expired = await this.reservations.lockExpired(tx, batchSize);
      for (const reservation of expired) await this.returnToStock(tx, reservation, 'EXPIRED');
      return expired.length;
    });
  }

  private async returnToStock(tx: Transaction, reservation: Reservation, status: 'RELEASED' | 'EXPIRED'): Promise<void> {
    // Status first: the stock updates below lock the product rows until the commit.
    await this.reservations.setStatus(tx, reservation, status);
    const levels = [];
    for (const line of reservation.lines) {
      levels.push(await this.stock.unreserve(tx, line.productId, reservation.locationId, line.quantity));
    }
    await this.stockEvents.record(tx, 'RELEASE', levels);
  }

  /** What is available now, read outside the command's transaction (which is being rolled back). */
  private async availability(locationId: number, lines: StockLine[]): Promise<StockLineAvailability[]> {
    const levels = await this.stock.findAt(
      locationId,
      lines.map((line) => line.product_id),
    );
    const available = new Map(levels.map((level) => [level.productId, level.onHand - level.reserved]));
    return lines.map((line) => ({
      product_id: line.product_id,
      requested: line.quantity,
      available: available.get(line.product_id) ?? 0,
    }));
  }

  private locationOf(locationId?: number): Promise<Location> {
    return locationId === undefined ? this.locations.warehouse() : this.locations.find(locationId);
  }

  private refusalOf(target: ReservableAt | null, lines: StockLine[]): ReserveRejection | undefined {
    if (!target) return 'UNKNOWN_LOCATION';
    if (target.products.length < lines.length) return 'UNKNOWN_PRODUCT';
    if (target.products.some((product) => !product.active)) return 'INACTIVE_PRODUCT';
    return undefined;
  }

  /** The one-statement paths build the same view in SQL (`viewSql` in the repository); tests keep the two equal. */
  private toView(reservation: Reservation): ReservationView {
    return {
      reservation_id: reservation.id,
      reservation_key: reservation.reservationKey,
      holder: reservation.holder,
      location_id: reservation.locationId,
      status: reservation.status,
      expires_at: reservation.expiresAt.toISOString(),
      lines: reservation.lines.map((line) => ({ product_id: line.productId, quantity: line.quantity })),
    };
  }
}
