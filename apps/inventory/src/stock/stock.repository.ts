import { StockLevelV1, lowStockSql } from '@app/contracts';
import { Transaction } from '@app/persistence';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { StockLevel } from './stock-level.entity';

export interface StockFilter {
  productId?: number;
  productIds?: number[];
  locationId?: number;
  lowOnly?: boolean;
  limit: number;
  offset: number;
}

/** Every change counts itself, so the newest state of a level can be told from its events. */
const COUNTED = 'version = version + 1, updated_at = now()';

/** The columns of a level as `inventory.stock.changed` publishes it (`StockLevelV1`), read from the row `alias`. */
export const levelColumnsOf = (alias: string): string =>
  ['product_id', 'location_id', 'on_hand', 'reserved', 'reorder_level', 'version']
    .map((column) => `${alias}.${column}`)
    .join(', ');

const RETURNING = `RETURNING ${levelColumnsOf('stock_levels')}`;

/**
 * Every change of a stock level is one conditional UPDATE: PostgreSQL re-checks the condition
 * on the locked row, so concurrent reservations can never take `available` below zero. (The saga's reserve
 * and commit in one statement lock the rows first and decide on what they locked: reservations.repository.ts.)
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
    if (filter.productIds !== undefined) query.andWhere('stock.productId = ANY(:productIds)', { productIds: filter.productIds });
    if (filter.locationId !== undefined) query.andWhere('stock.locationId = :locationId', { locationId: filter.locationId });
    if (filter.lowOnly) query.andWhere(lowStockSql('stock'));
    return query.getManyAndCount();
  }

  findAt(locationId: number, productIds: number[], tx: Transaction = this.dataSource.manager): Promise<StockLevel[]> {
    return tx
      .getRepository(StockLevel)
      .createQueryBuilder('stock')
      .where('stock.locationId = :locationId AND stock.productId = ANY(:productIds)', { locationId, productIds })
      .getMany();
  }

  /** Locks the level (creating an empty one first if needed) for a read-modify-write. */
  async lock(tx: Transaction, productId: number, locationId: number): Promise<StockLevel> {
    await tx.query('INSERT INTO stock_levels (product_id, location_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
      productId,
      locationId,
    ]);
    return tx
      .getRepository(StockLevel)
      .createQueryBuilder('stock')
      .setLock('pessimistic_write')
      .where('stock.productId = :productId AND stock.locationId = :locationId', { productId, locationId })
      .getOneOrFail();
  }

  /** Saves a level changed in memory (after `lock`), counting the change. */
  save(tx: Transaction, level: StockLevel): Promise<StockLevel> {
    level.version += 1;
    return tx.getRepository(StockLevel).save(level);
  }

  /** Holds `quantity` units if that many are available; undefined otherwise. */
  reserve(tx: Transaction, productId: number, locationId: number, quantity: number): Promise<StockLevelV1 | undefined> {
    return this.changed(
      tx,
      `UPDATE stock_levels SET reserved = reserved + $3, ${COUNTED}
        WHERE product_id = $1 AND location_id = $2 AND on_hand - reserved >= $3 ${RETURNING}`,
      [productId, locationId, quantity],
    );
  }

  unreserve(tx: Transaction, productId: number, locationId: number, quantity: number): Promise<StockLevelV1> {
    return this.mustChange(
      tx,
      `UPDATE stock_levels SET reserved = reserved - $3, ${COUNTED}
        WHERE product_id = $1 AND location_id = $2 AND reserved >= $3 ${RETURNING}`,
      [productId, locationId, quantity],
    );
  }

  /** Reserved units leave the building: both on hand and reserved go down. */
  consumeReserved(tx: Transaction, productId: number, locationId: number, quantity: number): Promise<StockLevelV1> {
    return this.mustChange(
      tx,
      `UPDATE stock_levels SET reserved = reserved - $3, on_hand = on_hand - $3, ${COUNTED}
        WHERE product_id = $1 AND location_id = $2 AND reserved >= $3 ${RETURNING}`,
      [productId, locationId, quantity],
    );
  }

  /** Takes available units out (undefined if not enough are available). */
  take(tx: Transaction, productId: number, locationId: number, quantity: number): Promise<StockLevelV1 | undefined> {
    return this.changed(
      tx,
      `UPDATE stock_levels SET on_hand = on_hand - $3, ${COUNTED}
        WHERE product_id = $1 AND location_id = $2 AND on_hand - reserved >= $3 ${RETURNING}`,
      [productId, locationId, quantity],
    );
  }

  /**
   * Units that have physically left (a till sale): on hand goes down, but never below what is
   * reserved for orders. Returns how many units the records were short of.
   */
  async remove(
    tx: Transaction,
    productId: number,
    locationId: number,
    quantity: number,
  ): Promise<{ shortfall: number; level: StockLevelV1 }> {
    const level = await this.lock(tx, productId, locationId);
    const taken = Math.min(quantity, level.onHand - level.reserved);
    level.onHand -= taken;
    await this.save(tx, level);
    return { shortfall: quantity - taken, level: StockRepository.levelV1(level) };
  }

  async add(tx: Transaction, productId: number, locationId: number, quantity: number): Promise<StockLevelV1> {
    const [level] = await tx.query<StockLevelV1[]>(
      `INSERT INTO stock_levels (product_id, location_id, on_hand, version) VALUES ($1, $2, $3, 1)
       ON CONFLICT (product_id, location_id) DO UPDATE SET on_hand = stock_levels.on_hand + $3,
         version = stock_levels.version + 1, updated_at = now() ${RETURNING}`,
      [productId, locationId, quantity],
    );
    return level;
  }

  /** The level as `inventory.stock.changed` publishes it. */
  static levelV1(
    level: Pick<StockLevel, 'productId' | 'locationId' | 'onHand' | 'reserved' | 'reorderLevel' | 'version'>,
  ): StockLevelV1 {
    return {
      product_id: level.productId,
      location_id: level.locationId,
      on_hand: level.onHand,
      reserved: level.reserved,
      reorder_level: level.reorderLevel,
      version: level.version,
    };
  }

  private async changed(tx: Transaction, sql: string, parameters: unknown[]): Promise<StockLevelV1 | undefined> {
    const [rows] = await tx.query<[StockLevelV1[], number]>(sql, parameters);
    return rows[0];
  }

  private async mustChange(tx: Transaction, sql: string, parameters: unknown[]): Promise<StockLevelV1> {
    const level = await this.changed(tx, sql, parameters);
    // A reservation's units are always still reserved: anything else is a bug, not bad input.
    if (!level) throw new Error(`Stock level out of step with reservations (${parameters.join(', ')})`);
    return level;
  }
}
