import { Transaction } from '@app/persistence';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DeepPartial, Repository } from 'typeorm';
import { RestockRequest, RestockStatus } from './restock-request.entity';

export interface RestockRequestFilter {
  status?: RestockStatus;
  locationId?: number;
  productId?: number;
  limit: number;
  offset: number;
}

@Injectable()
export class RestockRequestsRepository {
  constructor(@InjectRepository(RestockRequest) private readonly requests: Repository<RestockRequest>) {}

  /** Newest first. */
  findPage(filter: RestockRequestFilter): Promise<[RestockRequest[], number]> {
    return this.requests.findAndCount({
      where: {
        ...(filter.status && { status: filter.status }),
        ...(filter.locationId && { locationId: filter.locationId }),
        ...(filter.productId && { productId: filter.productId }),
      },
      order: { id: 'DESC' },
      take: filter.limit,
      skip: filter.offset,
    });
  }

  findById(id: number): Promise<RestockRequest | null> {
    return this.requests.findOneBy({ id });
  }

  /** The request, locked until the transaction ends, for a decision. */
  lock(tx: Transaction, id: number): Promise<RestockRequest | null> {
    return tx
      .getRepository(RestockRequest)
      .createQueryBuilder('request')
      .setLock('pessimistic_write')
      .where('request.id = :id', { id })
      .getOne();
  }

  insert(tx: Transaction, fields: DeepPartial<RestockRequest>): Promise<RestockRequest> {
    const requests = tx.getRepository(RestockRequest);
    return requests.save(requests.create(fields));
  }

  save(tx: Transaction, request: RestockRequest): Promise<RestockRequest> {
    return tx.getRepository(RestockRequest).save(request);
  }
}
