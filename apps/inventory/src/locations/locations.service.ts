import { Page, pageOf } from '@app/contracts';
import { Outbox } from '@app/events';
import { PgErrorCode, isPgError } from '@app/persistence';
import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { InventoryErrorCode, InventoryException } from '../inventory.exception';
import { locationUpsertedV1 } from './location-events';
import { Location, LocationType } from './location.entity';
import { CreateLocationDto, LocationQuery, LocationResponse, UpdateLocationDto } from './locations.dto';

@Injectable()
export class LocationsService {
  constructor(
    @InjectRepository(Location) private readonly locations: Repository<Location>,
    private readonly outbox: Outbox,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async list(query: LocationQuery): Promise<Page<LocationResponse>> {
    const [rows, total] = await this.locations.findAndCount({
      where: query.type ? { type: query.type } : {},
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

  async get(id: number): Promise<LocationResponse> {
    return this.toResponse(await this.find(id));
  }

  async create(dto: CreateLocationDto): Promise<LocationResponse> {
    const location = this.locations.create({ ...dto, address: dto.address ?? null });
    try {
      return this.toResponse(await this.save(location));
    } catch (error) {
      if (isPgError(error, PgErrorCode.uniqueViolation)) {
        throw new InventoryException(InventoryErrorCode.LocationCodeTaken, `Location code ${dto.code} is taken`);
      }
      throw error;
    }
  }

  async update(id: number, dto: UpdateLocationDto): Promise<LocationResponse> {
    const location = await this.find(id);
    return this.toResponse(await this.save(this.locations.merge(location, dto)));
  }

  /** Saves the location and publishes it, in one transaction. */
  private save(location: Location): Promise<Location> {
    return this.dataSource.transaction(async (manager) => {
      const saved = await manager.getRepository(Location).save(location);
      await this.outbox.record(manager, 'inventory.location.upserted', locationUpsertedV1(saved));
      return saved;
    });
  }

  async find(id: number): Promise<Location> {
    const location = await this.locations.findOneBy({ id });
    if (!location) throw InventoryException.notFound(InventoryErrorCode.LocationNotFound, 'Location', id);
    return location;
  }

  /** The central warehouse that serves online orders (the first one, if several exist). */
  async warehouse(): Promise<Location> {
    const warehouse = await this.locations.findOne({ where: { type: LocationType.Warehouse }, order: { id: 'ASC' } });
    if (!warehouse) throw new InventoryException(InventoryErrorCode.NoWarehouse, 'No warehouse location is configured');
    return warehouse;
  }

  private toResponse(location: Location): LocationResponse {
    return {
      id: location.id,
      code: location.code,
      name: location.name,
      type: location.type,
      address: location.address,
      created_at: location.createdAt.toISOString(),
    };
  }
}
