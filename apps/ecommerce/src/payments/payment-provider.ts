import { ServiceConfig } from '@app/config';
import { PaymentMethod, cents } from '@app/contracts';
import { Injectable } from '@nestjs/common';
import { EcommerceEnvironment } from '../ecommerce.environment';
import { DeclineReason } from './payment.entity';

export type ChargeResult = { status: 'COMPLETED' } | { status: 'DECLINED'; reason: DeclineReason };

/**
 * The simulated card processor. Deterministic, so that every path of the saga can be brought about
 * on purpose: `declined_card` is always declined, and so is any amount above PAYMENT_AMOUNT_LIMIT.
 */
@Injectable()
export class PaymentProvider {
  constructor(private readonly config: ServiceConfig<EcommerceEnvironment>) {}

  charge(amount: string, method: PaymentMethod): ChargeResult {
    if (method === 'declined_card') return { status: 'DECLINED', reason: 'CARD_DECLINED' };
    if (cents(amount) > cents(this.config.env.PAYMENT_AMOUNT_LIMIT)) return { status: 'DECLINED', reason: 'AMOUNT_OVER_LIMIT' };
    return { status: 'COMPLETED' };
  }
}
