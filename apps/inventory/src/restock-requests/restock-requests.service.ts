import { Page, pageOf } from '@app/contracts';
import { Outbox } from '@app/events';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { InventoryErrorCode, InventoryException } from '../inventory.exception';
import { LocationType } from '../locations/location.entity';
import { LocationsService } from '../locations/locations.service';
import { ProductsRepository } from '../products/products.repository';
import { StockEvents } from '../stock/stock-events';
import { StockRepository } from '../stock/stock.repository';
import { restockUpsertedV1 } from './restock-events';
import { RestockRequest, RestockStatus } from './restock-request.entity';
import {
  CreateRestockRequestDto,
  DecideRestockRequestDto,
  RestockRequestQuery,
  RestockRequestResponse,
} from './restock-requests.dto';

@Injectable()
export class RestockRequestsService {
  constructor(
    private readonly products: ProductsRepository,
    private readonly locations: LocationsService,
    private readonly stock: StockRepository,
    private readonly stockEvents: StockEvents,
    private readonly outbox: Outbox,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async list(query: RestockRequestQuery): Promise<Page<RestockRequestResponse>> {
    const [rows, total] = await this.dataSource.getRepository(RestockRequest).findAndCount({
      where: {
        ...(query.status && { status: query.status }),
        ...(query.location_id && { locationId: query.location_id }),
        ...(query.product_id && { productId: query.product_id }),
      },
      order: { id: 'DESC' },
      take: query.limit,
      skip: query.offset,
    });
    return pageOf(
      rows.map((row) => this.toResponse(row)),
      total,
      query,
    );
  }

  async get(id: number): Promise<RestockRequestResponse> {
    const request = await this.dataSource.getRepository(RestockRequest).findOneBy({ id });
    if (!request) throw InventoryException.notFound(InventoryErrorCode.RestockRequestNotFound, 'Restock request', id);
    return this.toResponse(request);
  }

  async create(dto: CreateRestockRequestDto): Promise<RestockRequestResponse> {
    if (!(await this.products.findById(dto.product_id))) {
      throw InventoryException.notFound(InventoryErrorCode.ProductNotFound, 'Product', dto.product_id);
    }
    const location = await this.locations.find(dto.location_id);
    if (location.type !== LocationType.Store) {
      throw new InventoryException(InventoryErrorCode.NotAStore, `Location ${location.id} is not a store`);
    }
    const saved = await this.dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(RestockRequest);
      const request = await repository.save(
        repository.create({
          productId: dto.product_id,
          locationId: dto.location_id,
          quantity: dto.quantity,
          note: dto.note ?? null,
          status: RestockStatus.Pending,
        }),
      );
      await this.outbox.record(manager, 'inventory.restock.upserted', restockUpsertedV1(request));
      return request;
    });
    return this.toResponse(saved);
  }

  /** Moves the units from the warehouse to the store, all at once or not at all. */
  async approve(id: number, dto: DecideRestockRequestDto): Promise<RestockRequestResponse> {
    const warehouse = await this.locations.warehouse();
    return this.decide(id, dto, RestockStatus.Approved, async (manager, request) => {
      const taken = await this.stock.take(manager, request.productId, warehouse.id, request.quantity);
      if (!taken) {
        throw new InventoryException(
          InventoryErrorCode.InsufficientStock,
          `The warehouse has fewer than ${request.quantity} available units of product ${request.productId}`,
        );
      }
      const added = await this.stock.add(manager, request.productId, request.locationId, request.quantity);
      await this.stockEvents.record(manager, 'RESTOCK', [taken, added]);
      request.sourceLocationId = warehouse.id;
    });
  }

  reject(id: number, dto: DecideRestockRequestDto): Promise<RestockRequestResponse> {
    return this.decide(id, dto, RestockStatus.Rejected, async () => undefined);
  }

  private async decide(
    id: number,
    dto: DecideRestockRequestDto,
    status: RestockStatus,
    effect: (manager: EntityManager, request: RestockRequest) => Promise<void>,
  ): Promise<RestockRequestResponse> {
    const decided = await this.dataSource.transaction(async (manager) => {
      const request = await manager
        .getRepository(RestockRequest)
        .createQueryBuilder('request')
        .setLock('pessimistic_write')
        .where('request.id = :id', { id })
        .getOne();
      if (!request) throw InventoryException.notFound(InventoryErrorCode.RestockRequestNotFound, 'Restock request', id);
      if (request.status !== RestockStatus.Pending) {
        throw new InventoryException(InventoryErrorCode.RestockNotPending, `Restock request ${id} is already ${request.status}`);
      }
      await effect(manager, request);
      request.status = status;
      request.decisionNote = dto.note ?? null;
      request.decidedAt = new Date();
      const saved = await manager.getRepository(RestockRequest).save(request);
      await this.outbox.record(manager, 'inventory.restock.upserted', restockUpsertedV1(saved));
      return saved;
    });
    return this.toResponse(decided);
  }

  private toResponse(request: RestockRequest): RestockRequestResponse {
    return {
      id: request.id,
      product_id: request.productId,
      location_id: request.locationId,
      source_location_id: request.sourceLocationId,
      quantity: request.quantity,
      status: request.status,
      note: request.note,
      decision_note: request.decisionNote,
      created_at: request.createdAt.toISOString(),
      decided_at: request.decidedAt?.toISOString() ?? null,
    };
  }
}
