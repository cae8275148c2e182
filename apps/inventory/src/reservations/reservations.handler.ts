import {
  CheckStockCommand,
  CheckStockReply,
  CommitReservationCommand,
  GetReservationQuery,
  GetReservationReply,
  InventoryPatterns,
  ReleaseStockCommand,
  ReservationChangeReply,
  ReserveStockCommand,
  ReserveStockReply,
} from '@app/contracts';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ReservationsService } from './reservations.service';

/** The saga's commands to inventory, over TCP or NATS. */
@Controller()
export class ReservationsHandler {
  constructor(private readonly reservations: ReservationsService) {}

  @MessagePattern(InventoryPatterns.checkStock)
  check(@Payload() command: CheckStockCommand): Promise<CheckStockReply> {
    return this.reservations.check(command);
  }

  @MessagePattern(InventoryPatterns.reserveStock)
  reserve(@Payload() command: ReserveStockCommand): Promise<ReserveStockReply> {
    return this.reservations.reserve(command);
  }

  @MessagePattern(InventoryPatterns.releaseStock)
  release(@Payload() command: ReleaseStockCommand): Promise<ReservationChangeReply> {
    return this.reservations.release(command);
  }

  @MessagePattern(InventoryPatterns.commitReservation)
  commit(@Payload() command: CommitReservationCommand): Promise<ReservationChangeReply> {
    return this.reservations.commit(command);
  }

  @MessagePattern(InventoryPatterns.getReservation)
  get(@Payload() query: GetReservationQuery): Promise<GetReservationReply> {
    return this.reservations.get(query.reservation_key);
  }
}
