import { CatalogueProduct } from '@app/catalogue';
import { StockLine } from '@app/contracts';
import { Transaction } from '@app/persistence';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { Cart, CartLine } from './cart.entity';

export interface CartFilter {
  customerId?: number;
  limit: number;
  offset: number;
}

@Injectable()
export class CartsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findPage(filter: CartFilter): Promise<[Cart[], number]> {
    return this.dataSource.getRepository(Cart).findAndCount({
      where: filter.customerId === undefined ? {} : { customerId: filter.customerId },
      relations: { lines: true },
      order: { id: 'ASC', lines: { productId: 'ASC' } },
      take: filter.limit,
      skip: filter.offset,
    });
  }

  findById(id: number): Promise<Cart | null> {
    return this.dataSource
      .getRepository(Cart)
      .findOne({ where: { id }, relations: { lines: true }, order: { lines: { productId: 'ASC' } } });
  }

  create(customerId: number): Promise<Cart> {
    return this.dataSource.getRepository(Cart).save({ customerId, lines: [] });
  }

  /** Locks the cart row, so that concurrent replacements of its lines take turns. */
  lock(tx: Transaction, id: number): Promise<Cart | null> {
    return tx.getRepository(Cart).createQueryBuilder('cart').setLock('pessimistic_write').where('cart.id = :id', { id }).getOne();
  }

  async replaceLines(tx: Transaction, cartId: number, lines: StockLine[]): Promise<void> {
    await tx.getRepository(CartLine).delete({ cartId });
    if (lines.length > 0) {
      await tx
        .getRepository(CartLine)
        .insert(lines.map((line) => ({ cartId, productId: line.product_id, quantity: line.quantity })));
    }
    await tx
      .getRepository(Cart)
      .createQueryBuilder()
      .update()
      .set({ updatedAt: () => 'now()' })
      .where('id = :cartId', { cartId })
      .execute();
  }

  /** Current prices of the products that are still sold, from the catalogue copy. */
  async pricesOf(productIds: number[]): Promise<Map<number, string>> {
    const products = await this.dataSource.getRepository(CatalogueProduct).findBy({ productId: In(productIds), active: true });
    return new Map(products.map((product) => [product.productId, product.price]));
  }
}
