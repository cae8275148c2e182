import { Page, pageOfRows } from '@app/contracts';
import { Outbox } from '@app/events';
import { Transaction, UnitOfWork } from '@app/persistence';
import { Injectable } from '@nestjs/common';
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
import { RestockRequestsRepository } from './restock-requests.repository';

@Injectable()
export class RestockRequestsService {
  constructor(
    private readonly requests: RestockRequestsRepository,
    private readonly products: ProductsRepository,
    private readonly locations: LocationsService,
    private readonly stock: StockRepository,
    private readonly stockEvents: StockEvents,
    private readonly outbox: Outbox,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  async list(query: RestockRequestQuery): Promise<Page<RestockRequestResponse>> {
    return pageOfRows(
      await this.requests.findPage({
        status: query.status,
        locationId: query.location_id,
        productId: query.product_id,
        limit: query.limit,
        offset: query.offset,
      }),
      query,
      (row) => this.toResponse(row),
    );
  }

  async get(id: number): Promise<RestockRequestResponse> {
    const request = await this.requests.findById(id);
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
    const saved = await this.unitOfWork.run(async (tx) => {
      const request = await this.requests.insert(tx, {
        productId: dto.product_id,
        locationId: dto.location_id,
        quantity: dto.quantity,
        note: dto.note ?? null,
        status: RestockStatus.Pending,
      });
      await this.outbox.record(tx, 'inventory.restock.upserted', restockUpsertedV1(request));
      return request;
    });
    return this.toResponse(saved);
  }

  /** Moves the units from the warehouse to the store, all at once or not at all. */
  async approve(id: number, dto: DecideRestockRequestDto): Promise<RestockRequestResponse> {
    const warehouse = await this.locations.warehouse();
    return this.decide(id, dto, RestockStatus.Approved, async (tx, request) => {
      const taken = await this.stock.take(tx, request.productId, warehouse.id, request.quantity);
      if (!taken) {
        throw new InventoryException(
          InventoryErrorCode.InsufficientStock,
          `The warehouse has fewer than ${request.quantity} available units of product ${request.productId}`,
        );
      }
      const added = await this.stock.add(tx, request.productId, request.locationId, request.quantity);
      await this.stockEvents.record(tx, 'RESTOCK', [taken, added]);
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
    effect: (tx: Transaction, request: RestockRequest) => Promise<void>,
  ): Promise<RestockRequestResponse> {
    const decided = await this.unitOfWork.run(async (tx) => {
      const request = await this.requests.lock(tx, id);
      if (!request) throw InventoryException.notFound(InventoryErrorCode.RestockRequestNotFound, 'Restock request', id);
      if (request.status !== RestockStatus.Pending) {
        throw new InventoryException(InventoryErrorCode.RestockNotPending, `Restock request ${id} is already ${request.status}`);
      }
      await effect(tx, request);
      request.status = status;
      request.decisionNote = dto.note ?? null;
      request.decidedAt = new Date();
      const saved = await this.requests.save(tx, request);
      await this.outbox.record(tx, 'inventory.restock.upserted', restockUpsertedV1(saved));
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
