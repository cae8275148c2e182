import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { ReportLocation, ReportProduct, ReportStore } from '../read-model/read-model.entities';

/** What an id in a report's filter may name. */
export type Reference = 'store' | 'location' | 'product' | 'category';

const KNOWN: Record<Reference, string> = {
  store: 'EXISTS (SELECT 1 FROM stores WHERE store_id = $1)',
  // A location may be known from stock levels only, before its own event arrives.
  location:
    'EXISTS (SELECT 1 FROM locations WHERE location_id = $1) OR EXISTS (SELECT 1 FROM stock_levels WHERE location_id = $1)',
  product: 'EXISTS (SELECT 1 FROM products WHERE product_id = $1)',
  category: 'EXISTS (SELECT 1 FROM products WHERE category_id = $1)',
};

/** Names of the things reports are about, as the events made them known. */
@Injectable()
export class ReferenceDataRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Whether any event mentioned `id` as a `reference`. */
  async isKnown(reference: Reference, id: number): Promise<boolean> {
    const [row] = await this.dataSource.query<Array<{ known: boolean }>>(`SELECT ${KNOWN[reference]} AS known`, [id]);
    return row.known;
  }

  stores(): Promise<ReportStore[]> {
    return this.dataSource.getRepository(ReportStore).find({ order: { storeId: 'ASC' } });
  }

  store(storeId: number): Promise<ReportStore | null> {
    return this.dataSource.getRepository(ReportStore).findOneBy({ storeId });
  }

  async products(productIds: number[]): Promise<Map<number, ReportProduct>> {
    const rows = await this.dataSource.getRepository(ReportProduct).findBy({ productId: In(productIds) });
    return new Map(rows.map((row) => [row.productId, row]));
  }

  /** Category ids to names, as the products carry them. */
  async categories(): Promise<Map<number, string | null>> {
    const rows = await this.dataSource.query<Array<{ category_id: number; category_name: string | null }>>(
      'SELECT DISTINCT ON (category_id) category_id, category_name FROM products WHERE category_id IS NOT NULL ORDER BY category_id, source_updated_at DESC',
    );
    return new Map(rows.map((row) => [row.category_id, row.category_name]));
  }

  async locations(): Promise<Map<number, ReportLocation>> {
    const rows = await this.dataSource.getRepository(ReportLocation).find();
    return new Map(rows.map((row) => [row.locationId, row]));
  }
}
