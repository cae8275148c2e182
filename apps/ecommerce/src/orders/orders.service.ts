import { Page, pageOfRows } from '@app/contracts';
import { Injectable } from '@nestjs/common';
import { EcommerceErrorCode, EcommerceException } from '../ecommerce.exception';
import { PaymentsService } from '../payments/payments.service';
import { ShipmentsService } from '../shipments/shipments.service';
import { Order } from './order.entity';
import { moneyLinesOf } from './order-view';
import { OrderDetailResponse, OrderQuery, OrderResponse } from './orders.dto';
import { OrdersRepository } from './orders.repository';

/** Reading orders; they are made and changed only by the saga's commands (OrderCommandsService). */
@Injectable()
export class OrdersService {
  constructor(private readonly orders: OrdersRepository) {}

  async list(query: OrderQuery): Promise<Page<OrderResponse>> {
    return pageOfRows(
      await this.orders.findPage({
        customerId: query.customer_id,
        status: query.status,
        limit: query.limit,
        offset: query.offset,
      }),
      query,
      (row) => this.toResponse(row),
    );
  }

  async get(id: number): Promise<OrderDetailResponse> {
    const detail = await this.orders.findDetail(id);
    if (!detail) throw EcommerceException.notFound(EcommerceErrorCode.OrderNotFound, 'Order', id);
    return {
      ...this.toResponse(detail.order),
      payment: detail.payment && PaymentsService.toResponse(detail.payment),
      shipment: detail.shipment && ShipmentsService.toResponse(detail.shipment),
    };
  }

  private toResponse(order: Order): OrderResponse {
    return {
      id: order.id,
      saga_id: order.sagaId,
      customer_id: order.customerId,
      status: order.status,
      lines: moneyLinesOf(order),
      total: order.total,
      shipping_address: order.shippingAddress,
      billing_address: order.billingAddress,
      payment_method: order.paymentMethod,
      cancel_reason: order.cancelReason,
      created_at: order.createdAt.toISOString(),
      updated_at: order.updatedAt.toISOString(),
    };
  }
}
