import { cents } from '@app/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Channel } from '../read-model/read-model.entities';
import { Figures, NO_FIGURES } from './sales-figures';

/** What sales can be broken down by. Categories are the products' current ones. */
export type Dimension = 'channel' | 'store' | 'product' | 'category' | 'day';

const COLUMN: Record<Dimension, string> = {
  channel: 'f.channel',
  store: 'f.store_id',
  product: 'f.product_id',
  category: 'p.category_id',
  day: 'f.day',
};

export interface FactFilter {
  from: string;
  to: string;
  storeId?: number;
  channel?: Channel;
  categoryId?: number;
  /** Only what happened up to this instant (ISO): "so far today" against the same time a week ago. */
  until?: string;
}

export type Key = Partial<Record<Dimension, string | number | null>>;

export interface Slice {
  key: Key;
  figures: Figures;
}

interface Row {
  channel?: string;
  store?: number | null;
  product?: number;
  category?: number | null;
  day?: string;
  grouping: number;
  amount: string | null;
  units: string | null;
  count: string;
}

const keyOf = (dimensions: Dimension[], row: Row): Key => Object.fromEntries(dimensions.map((d) => [d, row[d] ?? null]));

/**
 * Sales and returns summed by several breakdowns at once (one GROUPING SETS query for sales, one for
 * returns), exactly: PostgreSQL adds the numeric amounts, JavaScript only converts them to cents.
 */
@Injectable()
export class SalesFactsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One list of slices per breakdown asked for (`[]` is the grand total), in that order. */
  async aggregate(filter: FactFilter, breakdowns: Dimension[][]): Promise<Slice[][]> {
    const dimensions = [...new Set(breakdowns.flat())];
    const [sold, returned] = await Promise.all([
      this.sum('sale_lines', 'f.line_total', filter, dimensions, breakdowns),
      this.sum('return_lines', 'f.refund', filter, dimensions, breakdowns),
    ]);
    return breakdowns.map((breakdown) => {
      const mask = this.groupingMask(dimensions, breakdown);
      const slices = new Map<string, Slice>();
      const slice = (row: Row) => {
        const key = keyOf(breakdown, row);
        const id = JSON.stringify(key);
        let found = slices.get(id);
        if (!found) slices.set(id, (found = { key, figures: { ...NO_FIGURES } }));
        return found.figures;
      };
      for (const row of sold.filter((r) => r.grouping === mask)) {
        const figures = slice(row);
        figures.gross = cents(row.amount ?? '0');
        figures.unitsSold = Number(row.units ?? 0);
        figures.transactions = Number(row.count);
      }
      for (const row of returned.filter((r) => r.grouping === mask)) {
        const figures = slice(row);
        figures.refunds = cents(row.amount ?? '0');
        figures.unitsReturned = Number(row.units ?? 0);
        figures.returns = Number(row.count);
      }
      return [...slices.values()];
    });
  }

  /** GROUPING() of the selected dimensions: a bit set for each one the breakdown does not group by. */
  private groupingMask(dimensions: Dimension[], breakdown: Dimension[]): number {
    return dimensions.reduce((mask, d, i) => mask | (breakdown.includes(d) ? 0 : 1 << (dimensions.length - 1 - i)), 0);
  }

  private async sum(
    table: 'sale_lines' | 'return_lines',
    amount: string,
    filter: FactFilter,
    dimensions: Dimension[],
    breakdowns: Dimension[][],
  ): Promise<Row[]> {
    const parameters: unknown[] = [filter.from, filter.to];
    const where = ['f.day BETWEEN $1 AND $2'];
    const condition = (sql: string, value: unknown, operator = '=') => {
      parameters.push(value);
      where.push(`${sql} ${operator} $${parameters.length}`);
    };
    if (filter.storeId !== undefined) condition('f.store_id', filter.storeId);
    if (filter.channel !== undefined) condition('f.channel', filter.channel);
    if (filter.categoryId !== undefined) condition('p.category_id', filter.categoryId);
    if (filter.until !== undefined) condition('f.occurred_at', filter.until, '<=');
    const selected = dimensions.map((d) => (d === 'day' ? `to_char(f.day, 'YYYY-MM-DD') AS day` : `${COLUMN[d]} AS ${d}`));
    const grouping = dimensions.length ? `GROUPING(${dimensions.map((d) => COLUMN[d]).join(', ')})` : '0';
    const sets = breakdowns.map((breakdown) => `(${breakdown.map((d) => COLUMN[d]).join(', ')})`).join(', ');
    return this.dataSource.query<Row[]>(
      `SELECT ${[...selected, `${grouping} AS grouping`].join(', ')},
              sum(${amount}) AS amount, sum(f.quantity) AS units, count(DISTINCT (f.channel, f.source_id)) AS count
         FROM ${table} f LEFT JOIN products p ON p.product_id = f.product_id
        WHERE ${where.join(' AND ')}
        GROUP BY GROUPING SETS (${sets})`,
      parameters,
    );
  }
}
