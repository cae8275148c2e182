import { Transaction } from '@app/persistence';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Order } from '../orders/order.entity';
import { Shipment, ShipmentStatus } from './shipment.entity';

/** Derived from the order, so that it is known before the shipment is even stored, and never changes. */
export function trackingNumberOf(orderId: number): string {
  return `EC${String(orderId).padStart(10, '0')}`;
}

/** A new shipment's status: carrier updates are not modelled yet. */
const NEW_SHIPMENT: ShipmentStatus = 'PREPARING';

/**
 * What `createFor` writes, as an `INSERT … SELECT` for a statement that confirms the order as well: one shipment for
 * each row of `from`, an order's `id` and `shipping_address`; `trackingNumber` is the SQL of its tracking number.
 */
export function shipmentInsertSql(from: string, trackingNumber: string): string {
  return `INSERT INTO shipments (order_id, status, tracking_number, shipping_address)
    SELECT id, '${NEW_SHIPMENT}', ${trackingNumber}::varchar, shipping_address ${from}`;
}

export interface ShipmentFilter {
  orderId?: number;
  limit: number;
  offset: number;
}

@Injectable()
export class ShipmentsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findPage(filter: ShipmentFilter): Promise<[Shipment[], number]> {
    return this.dataSource.getRepository(Shipment).findAndCount({
      where: filter.orderId === undefined ? {} : { orderId: filter.orderId },
      order: { id: 'DESC' },
      take: filter.limit,
      skip: filter.offset,
    });
  }

  findById(id: number): Promise<Shipment | null> {
    return this.dataSource.getRepository(Shipment).findOneBy({ id });
  }

  async createFor(tx: Transaction, order: Order): Promise<Shipment> {
    const shipment = tx.getRepository(Shipment).create({
      orderId: order.id,
      status: NEW_SHIPMENT,
      trackingNumber: trackingNumberOf(order.id),
      shippingAddress: order.shippingAddress,
    });
    await tx.getRepository(Shipment).insert(shipment);
    return shipment;
  }
}
