import { ServiceConfig } from '@app/config';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InventoryEnvironment } from '../inventory.environment';
import { ReservationsService } from './reservations.service';

/** A lost saga cannot hold stock forever: expired reservations go back to available. */
@Injectable()
export class ReservationExpiryService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ReservationExpiryService.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly reservations: ReservationsService,
    private readonly config: ServiceConfig<InventoryEnvironment>,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep(), this.config.env.RESERVATION_SWEEP_SECONDS * 1000);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async sweep(): Promise<void> {
    try {
      const expired = await this.reservations.expireDue();
      if (expired > 0) this.logger.log(`released ${expired} expired reservation(s)`);
    } catch (error) {
      this.logger.error({ err: error }, 'reservation sweep failed');
    }
  }
}
