import { lowStockSql } from '@app/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface StockFilter {
  locationId?: number;
  productId?: number;
  categoryId?: number;
}

export interface StockFiguresRow {
  location_id?: number;
  levels: string;
  on_hand: string | null;
  reserved: string | null;
  stock_value: string | null;
  low_stock_levels: string;
  unpriced_levels: string;
  as_of: Date | null;
}

export interface StockLevelRow {
  product_id: number;
  location_id: number;
  on_hand: number;
  reserved: number;
  reorder_level: number;
  changed_at: Date;
  sku: string | null;
  name: string | null;
  category_id: number | null;
  category_name: string | null;
  price: string | null;
  location_name: string | null;
  restock_pending_units: string;
}

export interface OpenRestockRow {
  restock_request_id: number;
  product_id: number;
  location_id: number;
  quantity: number;
  requested_at: Date;
  name: string | null;
  location_name: string | null;
}

const LOW = lowStockSql('s');

const FROM_LEVELS = `FROM stock_levels s
  LEFT JOIN products p ON p.product_id = s.product_id
  LEFT JOIN locations l ON l.location_id = s.location_id`;

const FIGURES = `count(*) AS levels, sum(s.on_hand) AS on_hand, sum(s.reserved) AS reserved,
  sum(s.on_hand * p.price) AS stock_value, count(*) FILTER (WHERE ${LOW}) AS low_stock_levels,
  count(*) FILTER (WHERE p.price IS NULL) AS unpriced_levels, max(s.changed_at) AS as_of`;

/** The stock read model: levels as inventory last published them, valued at current prices. */
@Injectable()
export class StockRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async totals(filter: StockFilter): Promise<StockFiguresRow> {
    const { where, parameters } = this.where(filter, 's');
    const [row] = await this.dataSource.query<StockFiguresRow[]>(`SELECT ${FIGURES} ${FROM_LEVELS} ${where}`, parameters);
    return row;
  }

  byLocation(filter: StockFilter): Promise<StockFiguresRow[]> {
    const { where, parameters } = this.where(filter, 's');
    return this.dataSource.query<StockFiguresRow[]>(
      `SELECT s.location_id, ${FIGURES} ${FROM_LEVELS} ${where} GROUP BY s.location_id ORDER BY s.location_id`,
      parameters,
    );
  }

  /** A page of levels by location and product, or the lowest first (largest shortfall) with `lowestFirst`. */
  async levels(
    filter: StockFilter & { lowOnly?: boolean; lowestFirst?: boolean },
    limit: number,
    offset: number,
  ): Promise<[StockLevelRow[], number]> {
    const { where, parameters } = this.where(filter, 's', filter.lowOnly ? [LOW] : []);
    const order = filter.lowestFirst
      ? 's.reorder_level - (s.on_hand - s.reserved) DESC, s.location_id, s.product_id'
      : 's.location_id, s.product_id';
    const [rows, [{ count }]] = await Promise.all([
      this.dataSource.query<StockLevelRow[]>(
        `SELECT s.*, p.sku, p.name, p.category_id, p.category_name, p.price, l.name AS location_name,
                (SELECT coalesce(sum(r.quantity), 0) FROM restock_requests r
                  WHERE r.status = 'PENDING' AND r.product_id = s.product_id AND r.location_id = s.location_id)
                  AS restock_pending_units
           ${FROM_LEVELS} ${where} ORDER BY ${order}
          LIMIT $${parameters.length + 1} OFFSET $${parameters.length + 2}`,
        [...parameters, limit, offset],
      ),
      this.dataSource.query<Array<{ count: string }>>(`SELECT count(*) ${FROM_LEVELS} ${where}`, parameters),
    ]);
    return [rows, Number(count)];
  }

  /** Pending restock requests, oldest first, with their count and units. */
  async openRestocks(filter: StockFilter, limit: number): Promise<{ rows: OpenRestockRow[]; total: number; units: number }> {
    const { where, parameters } = this.where(filter, 'r', [`r.status = 'PENDING'`]);
    const from = `FROM restock_requests r
      LEFT JOIN products p ON p.product_id = r.product_id
      LEFT JOIN locations l ON l.location_id = r.location_id`;
    const [rows, [summary]] = await Promise.all([
      this.dataSource.query<OpenRestockRow[]>(
        `SELECT r.*, p.name, l.name AS location_name ${from} ${where}
          ORDER BY r.requested_at, r.restock_request_id LIMIT $${parameters.length + 1}`,
        [...parameters, limit],
      ),
      this.dataSource.query<Array<{ total: string; units: string | null }>>(
        `SELECT count(*) AS total, sum(r.quantity) AS units ${from} ${where}`,
        parameters,
      ),
    ]);
    return { rows, total: Number(summary.total), units: Number(summary.units ?? 0) };
  }

  private where(filter: StockFilter, alias: 's' | 'r', extra: string[] = []): { where: string; parameters: unknown[] } {
    const conditions = [...extra];
    const parameters: unknown[] = [];
    const add = (column: string, value: number | undefined) => {
      if (value === undefined) return;
      parameters.push(value);
      conditions.push(`${column} = $${parameters.length}`);
    };
    add(`${alias}.location_id`, filter.locationId);
    add(`${alias}.product_id`, filter.productId);
    add('p.category_id', filter.categoryId);
    return { where: conditions.length ? `WHERE ${conditions.join(' AND ')}` : '', parameters };
  }
}
