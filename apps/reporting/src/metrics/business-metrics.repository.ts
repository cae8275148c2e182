import { lowStockSql } from '@app/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Channel } from '../read-model/read-model.entities';

export interface ChannelTotalsRow {
  channel: Channel;
  orders: string;
  units_sold: string;
  gross_revenue: string;
}

export interface TopProductRow {
  product_id: number;
  name: string | null;
  units: string;
}

/** The read-model figures Prometheus scrapes. */
@Injectable()
export class BusinessMetricsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  channelTotals(): Promise<ChannelTotalsRow[]> {
    return this.dataSource.query<ChannelTotalsRow[]>('SELECT channel, orders, units_sold, gross_revenue FROM channel_totals');
  }

  async lowStockLevels(): Promise<number> {
    const [row] = await this.dataSource.query<Array<{ count: string }>>(
      `SELECT count(*) FROM stock_levels WHERE ${lowStockSql()}`,
    );
    return Number(row.count);
  }

  /** Units sold on every channel, before returns, best first. */
  topProducts(limit: number): Promise<TopProductRow[]> {
    return this.dataSource.query<TopProductRow[]>(
      `SELECT l.product_id, p.name, sum(l.quantity) AS units
         FROM sale_lines l LEFT JOIN products p ON p.product_id = l.product_id
        GROUP BY l.product_id, p.name ORDER BY units DESC, l.product_id LIMIT $1`,
      [limit],
    );
  }
}
