import { Page, pageOf } from '@app/contracts';
import { Outbox } from '@app/events';
import { PgErrorCode, isPgError } from '@app/persistence';
import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { storeUpsertedV1 } from '../retail.events';
import { RetailErrorCode, RetailException } from '../retail.exception';
import { Store } from './store.entity';
import { CreateStoreDto, StoreQuery, StoreResponse, UpdateStoreDto } from './stores.dto';

@Injectable()
export class StoresService {
  constructor(
    @InjectRepository(Store) private readonly stores: Repository<Store>,
    private readonly outbox: Outbox,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async list(query: StoreQuery): Promise<Page<StoreResponse>> {
    const [rows, total] = await this.stores.findAndCount({
      where: query.active === undefined ? {} : { active: query.active },
      order: { id: 'ASC' },
      take: query.limit,
      skip: query.offset,
    });
    return pageOf(
      rows.map((row) => this.toResponse(row)),
      total,
      query,
    );
  }

  async get(id: number): Promise<StoreResponse> {
    return this.toResponse(await this.find(id));
  }

  async create(dto: CreateStoreDto): Promise<StoreResponse> {
    const store = this.stores.create({
      code: dto.code,
      name: dto.name,
      locationId: dto.location_id,
      address: dto.address ?? null,
      active: dto.active ?? true,
    });
    try {
      return this.toResponse(await this.save(store));
    } catch (error) {
      if (isPgError(error, PgErrorCode.uniqueViolation)) {
        throw new RetailException(RetailErrorCode.StoreCodeTaken, `Store code ${dto.code} is taken`);
      }
      throw error;
    }
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
  private save(store: Store): Promise<Store> {
    return this.dataSource.transaction(async (manager) => {
      const saved = await manager.getRepository(Store).save(store);
      await this.outbox.record(manager, 'retail.store.upserted', storeUpsertedV1(saved));
      return saved;
    });
  }

  /** Inside a transaction, pass its manager: a read on a second connection could starve the pool. */
  async find(id: number, manager?: EntityManager): Promise<Store> {
    const store = await (manager?.getRepository(Store) ?? this.stores).findOneBy({ id });
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
