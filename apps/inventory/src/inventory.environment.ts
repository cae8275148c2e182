import { ServiceEnvironment } from '@app/config';
import { Expose } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

export class InventoryEnvironment extends ServiceEnvironment {
  /** Default lifetime of a stock reservation; the saga's deadline should match it. */
  @Expose() @IsInt() @Min(1) @Max(7 * 24 * 3600) RESERVATION_TTL_SECONDS: number = 900;

  /** How often expired reservations are released. */
  @Expose() @IsInt() @Min(1) @Max(3600) RESERVATION_SWEEP_SECONDS: number = 30;
}
