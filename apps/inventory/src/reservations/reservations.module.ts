import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LocationsModule } from '../locations/locations.module';
import { StockModule } from '../stock/stock.module';
import { Reservation, ReservationLine } from './reservation.entity';
import { ReservationExpiryService } from './reservation-expiry.service';
import { ReservationsHandler } from './reservations.handler';
import { ReservationsRepository } from './reservations.repository';
import { ReservationsService } from './reservations.service';

@Module({
  imports: [TypeOrmModule.forFeature([Reservation, ReservationLine]), LocationsModule, StockModule],
  controllers: [ReservationsHandler],
  providers: [ReservationsService, ReservationsRepository, ReservationExpiryService],
})
export class ReservationsModule {}
