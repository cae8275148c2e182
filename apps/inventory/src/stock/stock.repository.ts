import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { StockLevel } from './stock-level.entity';

export interface StockFilter {
  productId?: number;
  locationId?: number;
  lowOnly?: boolean;
  limit: number;
  offset: number;
}

/**
 * Every change of a stock level is one conditional UPDATE: PostgreSQL re-checks the condition
 * on the locked row, so concurrent reservations can never take `available` below zero.
 */
@Injectable()
export class StockRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findPage(filter: StockFilter): Promise<[StockLevel[], number]> {
    const query = this.dataSource
      .getRepository(StockLevel)
      .createQueryBuilder('stock')
      .orderBy('stock.productId', 'ASC')
      .addOrderBy('stock.locationId', 'ASC')
      .take(filter.limit)
      .skip(filter.offset);
    if (filter.productId !== undefined) query.andWhere('stock.productId = :productId', { productId: filter.productId });
    if (filter.locationId !== undefined) query.andWhere('stock.locationId = :locationId', { locationId: filter.locationId });
    if (filter.lowOnly) query.andWhere('stock.onHand - stock.reserved <= stock.reorderLevel');
    return query.getManyAndCount();
  }

  findAt(locationId: number, productIds: number[], manager: EntityManager = this.dataSource.manager): Promise<StockLevel[]> {
    return manager
      .getRepository(StockLevel)
      .createQueryBuilder('stock')
      .where('stock.locationId = :locationId AND stock.productId = ANY(:productIds)', { locationId, productIds })
      .getMany();
  }

  /** Locks the level (creating an empty one first if needed) for a read-modify-write. */
  async lock(manager: EntityManager, productId: number, locationId: number): Promise<StockLevel> {
    await manager.query('INSERT INTO stock_levels (product_id, location_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
      productId,
      locationId,
    ]);
    return manager
      .getRepository(StockLevel)
      .createQueryBuilder('stock')
      .setLock('pessimistic_write')
      .where('stock.productId = :productId AND stock.locationId = :locationId', { productId, locationId })
      .getOneOrFail();
  }

  save(manager: EntityManager, level: StockLevel): Promise<StockLevel> {
    return manager.getRepository(StockLevel).save(level);
  }

  /** Holds `quantity` units if that many are available; false otherwise. */
  async reserve(manager: EntityManager, productId: number, locationId: number, quantity: number): Promise<boolean> {
    return this.changed(
      manager,
      `UPDATE stock_levels SET reserved = reserved + $3, updated_at = now()
        WHERE product_id = $1 AND location_id = $2 AND on_hand - reserved >= $3`,
      [productId, locationId, quantity],
    );
  }

  async unreserve(manager: EntityManager, productId: number, locationId: number, quantity: number): Promise<void> {
    await this.mustChange(
      manager,
      `UPDATE stock_levels SET reserved = reserved - $3, updated_at = now()
        WHERE product_id = $1 AND location_id = $2 AND reserved >= $3`,
      [productId, locationId, quantity],
    );
  }

  /** Reserved units leave the building: both on hand and reserved go down. */
  async consumeReserved(manager: EntityManager, productId: number, locationId: number, quantity: number): Promise<void> {
    await this.mustChange(
      manager,
      `UPDATE stock_levels SET reserved = reserved - $3, on_hand = on_hand - $3, updated_at = now()
        WHERE product_id = $1 AND location_id = $2 AND reserved >= $3`,
      [productId, locationId, quantity],
    );
  }

  /** Takes available units out (false if not enough are available). */
  async take(manager: EntityManager, productId: number, locationId: number, quantity: number): Promise<boolean> {
    return this.changed(
      manager,
      `UPDATE stock_levels SET on_hand = on_hand - $3, updated_at = now()
        WHERE product_id = $1 AND location_id = $2 AND on_hand - reserved >= $3`,
      [productId, locationId, quantity],
    );
  }

  /**
   * Units that have physically left (a till sale): on hand goes down, but never below what is
   * reserved for orders. Returns how many units the records were short of.
   */
  async remove(manager: EntityManager, productId: number, locationId: number, quantity: number): Promise<number> {
    const level = await this.lock(manager, productId, locationId);
    const taken = Math.min(quantity, level.onHand - level.reserved);
    level.onHand -= taken;
    await this.save(manager, level);
    return quantity - taken;
  }

  async add(manager: EntityManager, productId: number, locationId: number, quantity: number): Promise<void> {
    await manager.query(
      `INSERT INTO stock_levels (product_id, location_id, on_hand) VALUES ($1, $2, $3)
       ON CONFLICT (product_id, location_id) DO UPDATE SET on_hand = stock_levels.on_hand + $3, updated_at = now()`,
      [productId, locationId, quantity],
    );
  }

  private async changed(manager: EntityManager, sql: string, parameters: unknown[]): Promise<boolean> {
    const [, affected] = (await manager.query(sql, parameters)) as [unknown, number];
    return affected > 0;
  }

  private async mustChange(manager: EntityManager, sql: string, parameters: unknown[]): Promise<void> {
    if (!(await this.changed(manager, sql, parameters))) {
      // A reservation's units are always still reserved: anything else is a bug, not bad input.
      throw new Error(`Stock level out of step with reservations (${parameters.join(', ')})`);
    }
  }
}
