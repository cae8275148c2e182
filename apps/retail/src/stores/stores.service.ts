import { Page, pageOfRows } from '@app/contracts';
import { Outbox } from '@app/events';
import { Transaction, UnitOfWork, unlessTaken } from '@app/persistence';
import { Injectable } from '@nestjs/common';
import { storeUpsertedV1 } from '../retail.events';
import { RetailErrorCode, RetailException } from '../retail.exception';
import { Store } from './store.entity';
import { CreateStoreDto, StoreQuery, StoreResponse, UpdateStoreDto } from './stores.dto';
import { StoresRepository } from './stores.repository';

@Injectable()
export class StoresService {
  constructor(
    private readonly stores: StoresRepository,
    private readonly outbox: Outbox,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  async list(query: StoreQuery): Promise<Page<StoreResponse>> {
    return pageOfRows(await this.stores.findPage(query.active, query), query, (row) => this.toResponse(row));
  }

  async get(id: number): Promise<StoreResponse> {
    return this.toResponse(await this.find(id));
  }

  async create(dto: CreateStoreDto): Promise<StoreResponse> {
    const saving = this.save({
      code: dto.code,
      name: dto.name,
      locationId: dto.location_id,
      address: dto.address ?? null,
      active: dto.active ?? true,
    });
    const store = await unlessTaken(
      saving,
      () => new RetailException(RetailErrorCode.StoreCodeTaken, `Store code ${dto.code} is taken`),
    );
    return this.toResponse(store);
  }

  async update(id: number, dto: UpdateStoreDto): Promise<StoreResponse> {
    const store = await this.find(id);
    if (dto.name !== undefined) store.name = dto.name;
    if (dto.location_id !== undefined) store.locationId = dto.location_id;
    if (dto.address !== undefined) store.address = dto.address;
    if (dto.active !== undefined) store.active = dto.active;
    return this.toResponse(await this.save(store));
  }

  /** Saves the store and publishes it, in one transaction. */
  private save(store: Partial<Store>): Promise<Store> {
    return this.unitOfWork.run(async (tx) => {
      const saved = await this.stores.save(tx, store);
      await this.outbox.record(tx, 'retail.store.upserted', storeUpsertedV1(saved));
      return saved;
    });
  }

  /** Inside a transaction, pass it: a read on a second connection could starve the pool. */
  async find(id: number, tx?: Transaction): Promise<Store> {
    const store = await this.stores.findById(id, tx);
    if (!store) throw RetailException.notFound(RetailErrorCode.StoreNotFound, 'Store', id);
    return store;
  }

  private toResponse(store: Store): StoreResponse {
    return {
      id: store.id,
      code: store.code,
      name: store.name,
      location_id: store.locationId,
      address: store.address,
      active: store.active,
      created_at: store.createdAt.toISOString(),
    };
  }
}
