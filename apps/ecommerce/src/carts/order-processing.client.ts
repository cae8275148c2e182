import { ServiceConfig } from '@app/config';
import { AddressDto, ErrorResponse, OrderRequest } from '@app/contracts';
import { CORRELATION_HEADER } from '@app/observability';
import { Injectable } from '@nestjs/common';
import { EcommerceErrorCode, EcommerceException } from '../ecommerce.exception';
import { EcommerceEnvironment } from '../ecommerce.environment';

const TIMEOUT_MS = 5000;

/** The orchestrator's answer when it accepts a checkout (its saga), passed on as it is. */
export type SagaAccepted = Record<string, unknown>;

/** The saga orchestrator's public HTTP API: a checkout becomes an order-processing saga there. */
@Injectable()
export class OrderProcessingClient {
  constructor(private readonly config: ServiceConfig<EcommerceEnvironment>) {}

  /** A repeated idempotency key finds the saga the first call started instead of starting another. */
  async start(
    customerId: number,
    request: OrderRequest<AddressDto>,
    headers: { idempotencyKey: string; correlationId: string },
  ): Promise<SagaAccepted> {
    const url = `${this.config.env.SAGA_ORCHESTRATOR_URL.replace(/\/+$/, '')}/api/v1/customers/${customerId}/order-processing`;
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'idempotency-key': headers.idempotencyKey,
          [CORRELATION_HEADER]: headers.correlationId,
        },
        body: JSON.stringify(request),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      throw unavailable(failureOf(error));
    }
    if (response.status >= 500) throw unavailable(`answered ${response.status}`);
    const body: unknown = await response.json().catch(() => undefined);
    if (!response.ok) {
      const refusal = (body ?? {}) as Partial<ErrorResponse>;
      const code = refusal.code ? ` ${refusal.code}` : '';
      throw new EcommerceException(
        EcommerceErrorCode.CheckoutRejected,
        `Order processing refused the checkout with ${response.status}${code}: ${refusal.message ?? 'no reason given'}`,
      );
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      throw unavailable('answered with something other than a JSON object');
    return body as SagaAccepted;
  }
}

function unavailable(what: string): EcommerceException {
  return new EcommerceException(
    EcommerceErrorCode.SagaUnavailable,
    `Order processing is unavailable: the saga orchestrator ${what}. Try again later.`,
  );
}

/** fetch says only "fetch failed"; its cause says why (ECONNREFUSED, ENOTFOUND…). */
function failureOf(error: unknown): string {
  const { name, message, cause } = (error ?? {}) as { name?: string; message?: string; cause?: { code?: string } };
  if (name === 'TimeoutError') return `did not answer within ${TIMEOUT_MS / 1000} s`;
  return `could not be reached (${cause?.code ?? message})`;
}
