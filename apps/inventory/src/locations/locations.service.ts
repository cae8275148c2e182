import { Page, pageOfRows } from '@app/contracts';
import { Outbox } from '@app/events';
import { UnitOfWork, unlessTaken } from '@app/persistence';
import { Injectable } from '@nestjs/common';
import { InventoryErrorCode, InventoryException } from '../inventory.exception';
import { locationUpsertedV1 } from './location-events';
import { Location } from './location.entity';
import { CreateLocationDto, LocationQuery, LocationResponse, UpdateLocationDto } from './locations.dto';
import { LocationsRepository } from './locations.repository';

@Injectable()
export class LocationsService {
  constructor(
    private readonly locations: LocationsRepository,
    private readonly outbox: Outbox,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  async list(query: LocationQuery): Promise<Page<LocationResponse>> {
    return pageOfRows(await this.locations.findPage(query.type, query.limit, query.offset), query, (row) => this.toResponse(row));
  }

  async get(id: number): Promise<LocationResponse> {
    return this.toResponse(await this.find(id));
  }

  async create(dto: CreateLocationDto): Promise<LocationResponse> {
    const location = this.locations.create({ ...dto, address: dto.address ?? null });
    const saving = this.save(location);
    const taken = () => new InventoryException(InventoryErrorCode.LocationCodeTaken, `Location code ${dto.code} is taken`);
    return this.toResponse(await unlessTaken(saving, taken));
  }

  async update(id: number, dto: UpdateLocationDto): Promise<LocationResponse> {
    const location = await this.find(id);
    return this.toResponse(await this.save(this.locations.merge(location, dto)));
  }

  /** Saves the location and publishes it, in one transaction. */
  private save(location: Location): Promise<Location> {
    return this.unitOfWork.run(async (tx) => {
      const saved = await this.locations.save(tx, location);
      await this.outbox.record(tx, 'inventory.location.upserted', locationUpsertedV1(saved));
      return saved;
    });
  }

  async find(id: number): Promise<Location> {
    const location = await this.locations.findById(id);
    if (!location) throw InventoryException.notFound(InventoryErrorCode.LocationNotFound, 'Location', id);
    return location;
  }

  /** The central warehouse that serves online orders (the first one, if several exist). */
  async warehouse(): Promise<Location> {
    const warehouse = await this.locations.findWarehouse();
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
