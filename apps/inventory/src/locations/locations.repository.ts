import { Transaction } from '@app/persistence';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DeepPartial, Repository } from 'typeorm';
import { Location, LocationType } from './location.entity';

@Injectable()
export class LocationsRepository {
  constructor(@InjectRepository(Location) private readonly locations: Repository<Location>) {}

  findPage(type: LocationType | undefined, limit: number, offset: number): Promise<[Location[], number]> {
    return this.locations.findAndCount({ where: type ? { type } : {}, order: { id: 'ASC' }, take: limit, skip: offset });
  }

  findById(id: number): Promise<Location | null> {
    return this.locations.findOneBy({ id });
  }

  /** The first warehouse, if any. */
  findWarehouse(): Promise<Location | null> {
    return this.locations.findOne({ where: { type: LocationType.Warehouse }, order: { id: 'ASC' } });
  }

  create(fields: DeepPartial<Location>): Location {
    return this.locations.create(fields);
  }

  merge(location: Location, changes: DeepPartial<Location>): Location {
    return this.locations.merge(location, changes);
  }

  save(tx: Transaction, location: Location): Promise<Location> {
    return tx.getRepository(Location).save(location);
  }
}
