import { Page, pageOfRows } from '@app/contracts';
import { Injectable } from '@nestjs/common';
import { EcommerceErrorCode, EcommerceException } from '../ecommerce.exception';
import { Shipment } from './shipment.entity';
import { ShipmentQuery, ShipmentResponse } from './shipments.dto';
import { ShipmentsRepository } from './shipments.repository';

@Injectable()
export class ShipmentsService {
  constructor(private readonly shipments: ShipmentsRepository) {}

  async list(query: ShipmentQuery): Promise<Page<ShipmentResponse>> {
    return pageOfRows(
      await this.shipments.findPage({ orderId: query.order_id, limit: query.limit, offset: query.offset }),
      query,
      (row) => ShipmentsService.toResponse(row),
    );
  }

  async get(id: number): Promise<ShipmentResponse> {
    const shipment = await this.shipments.findById(id);
    if (!shipment) throw EcommerceException.notFound(EcommerceErrorCode.ShipmentNotFound, 'Shipment', id);
    return ShipmentsService.toResponse(shipment);
  }

  static toResponse(shipment: Shipment): ShipmentResponse {
    return {
      id: shipment.id,
      order_id: shipment.orderId,
      status: shipment.status,
      tracking_number: shipment.trackingNumber,
      shipping_address: shipment.shippingAddress,
      created_at: shipment.createdAt.toISOString(),
    };
  }
}
