import { RestockUpsertedV1 } from '@app/contracts';
import { RestockRequest } from './restock-request.entity';

/** A restock request as `inventory.restock.upserted` publishes it, for live changes and demo data alike. */
export function restockUpsertedV1(request: RestockRequest): RestockUpsertedV1 {
  return {
    restock_request_id: request.id,
    product_id: request.productId,
    location_id: request.locationId,
    quantity: request.quantity,
    status: request.status,
    requested_at: request.createdAt.toISOString(),
    decided_at: request.decidedAt?.toISOString() ?? null,
  };
}
