import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LocationsModule } from '../locations/locations.module';
import { StockModule } from '../stock/stock.module';
import { ProcessedCommand } from './processed-command.entity';
import { Reservation, ReservationLine } from './reservation.entity';
import { ReservationExpiryService } from './reservation-expiry.service';
import { ReservationsHandler } from './reservations.handler';
import { ReservationsRepository } from './reservations.repository';
import { ReservationsService } from './reservations.service';

@Module({
  imports: [TypeOrmModule.forFeature([Reservation, ReservationLine, ProcessedCommand]), LocationsModule, StockModule],
  controllers: [ReservationsHandler],
  providers: [ReservationsService, ReservationsRepository, ReservationExpiryService],
})
export class ReservationsModule {}
