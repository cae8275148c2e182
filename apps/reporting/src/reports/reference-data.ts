import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { ReportLocation, ReportProduct, ReportStore } from '../read-model/read-model.entities';
import { ReportingErrorCode, ReportingException } from '../reporting.exception';
import type { FactFilter } from './sales-facts.repository';

/** Names of the things reports are about, and the 404 for an id no event ever mentioned. */
@Injectable()
export class ReferenceData {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The store and category a sales filter names, when it names them. */
  async requireKnown(filter: Pick<FactFilter, 'storeId' | 'categoryId'>): Promise<void> {
    await this.requireStore(filter.storeId);
    await this.requireCategory(filter.categoryId);
  }

  async requireStore(storeId: number | undefined): Promise<void> {
    if (storeId !== undefined && !(await this.dataSource.getRepository(ReportStore).existsBy({ storeId }))) {
      throw ReportingException.notFound(ReportingErrorCode.StoreNotFound, 'Store', storeId);
    }
  }

  async requireLocation(locationId: number | undefined): Promise<void> {
    if (locationId !== undefined && !(await this.known('locations', 'location_id', locationId))) {
      throw ReportingException.notFound(ReportingErrorCode.LocationNotFound, 'Location', locationId);
    }
  }

  async requireProduct(productId: number | undefined): Promise<void> {
    if (productId !== undefined && !(await this.known('products', 'product_id', productId))) {
      throw ReportingException.notFound(ReportingErrorCode.ProductNotFound, 'Product', productId);
    }
  }

  async requireCategory(categoryId: number | undefined): Promise<void> {
    if (categoryId !== undefined && !(await this.known('products', 'category_id', categoryId))) {
      throw ReportingException.notFound(ReportingErrorCode.CategoryNotFound, 'Category', categoryId);
    }
  }

  async stores(): Promise<ReportStore[]> {
    return this.dataSource.getRepository(ReportStore).find({ order: { storeId: 'ASC' } });
  }

  async store(storeId: number): Promise<ReportStore | null> {
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

  /** A location may be known from stock levels only, before its own event arrives. */
  private async known(table: 'locations' | 'products', column: string, id: number): Promise<boolean> {
    const fallback = table === 'locations' ? 'OR EXISTS (SELECT 1 FROM stock_levels WHERE location_id = $1)' : '';
    const [row] = await this.dataSource.query<Array<{ known: boolean }>>(
      `SELECT EXISTS (SELECT 1 FROM ${table} WHERE ${column} = $1) ${fallback} AS known`,
      [id],
    );
    return row.known;
  }
}
