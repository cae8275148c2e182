import { Page, pageOf } from '@app/contracts';
import { PgErrorCode, isPgError } from '@app/persistence';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { InventoryErrorCode, InventoryException } from '../inventory.exception';
import { Location, LocationType } from './location.entity';
import { CreateLocationDto, LocationQuery, LocationResponse, UpdateLocationDto } from './locations.dto';

@Injectable()
export class LocationsService {
  constructor(@InjectRepository(Location) private readonly locations: Repository<Location>) {}

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
      return this.toResponse(await this.locations.save(location));
    } catch (error) {
      if (isPgError(error, PgErrorCode.uniqueViolation)) {
        throw new InventoryException(InventoryErrorCode.LocationCodeTaken, `Location code ${dto.code} is taken`);
      }
      throw error;
    }
  }

  async update(id: number, dto: UpdateLocationDto): Promise<LocationResponse> {
    const location = await this.find(id);
    return this.toResponse(await this.locations.save(this.locations.merge(location, dto)));
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
