import { ServiceEnvironment } from '@app/config';
import { MONEY_PATTERN } from '@app/contracts';
import { Expose } from 'class-transformer';
import { Matches } from 'class-validator';

export class EcommerceEnvironment extends ServiceEnvironment {
  /** Where checkouts start the order-processing saga (the orchestrator's public HTTP API). */
  @Expose()
  @Matches(/^https?:\/\/[^/\s]+/, { message: 'SAGA_ORCHESTRATOR_URL must look like http://host:3005' })
  SAGA_ORCHESTRATOR_URL: string = 'http://127.0.0.1:3005';

  /** The simulated payment provider declines any charge above this amount. */
  @Expose()
  @Matches(MONEY_PATTERN, { message: 'PAYMENT_AMOUNT_LIMIT must be an amount with at most 2 decimal places, e.g. 10000.00' })
  PAYMENT_AMOUNT_LIMIT: string = '10000.00';
}
