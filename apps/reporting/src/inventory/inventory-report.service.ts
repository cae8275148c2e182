import { cents, isLowStock, money } from '@app/contracts';
import { Injectable } from '@nestjs/common';
import { CachedReports } from '../cache/report-cache';
import { ReferenceData } from '../reports/reference-data';
import { ReferenceDataRepository } from '../reports/reference-data.repository';
import {
  InventoryReportQuery,
  InventoryReportResponse,
  LocationStock,
  LowStockAlert,
  LowStockAlerts,
  OpenRestockRequest,
  OpenRestockRequests,
  StockLevelRow,
  StockTotals,
} from './inventory-report.dto';
import { OpenRestockRow, StockFilter, StockFiguresRow, StockRepository, StockLevelRow as LevelRow } from './stock.repository';

/** How many alerts and open requests a report lists (their totals count them all). */
const LISTED = 50;

@Injectable()
export class InventoryReportService {
  constructor(
    private readonly stock: StockRepository,
    private readonly references: ReferenceData,
    private readonly names: ReferenceDataRepository,
    private readonly cache: CachedReports,
  ) {}

  async report(query: InventoryReportQuery): Promise<InventoryReportResponse> {
    await this.references.requireLocation(query.location_id);
    await this.references.requireProduct(query.product_id);
    await this.references.requireCategory(query.category_id);
    return this.cache.getOrCompute('inventory', query, () => this.compute(query));
  }

  private async compute(query: InventoryReportQuery): Promise<InventoryReportResponse> {
    const generatedAt = new Date().toISOString();
    const filter: StockFilter = { locationId: query.location_id, productId: query.product_id, categoryId: query.category_id };
    const [totals, byLocation, [levels, levelCount], lowStock, openRestocks, locations] = await Promise.all([
      this.stock.totals(filter),
      this.stock.byLocation(filter),
      this.stock.levels({ ...filter, lowOnly: query.low_stock_only }, query.limit, query.offset),
      this.lowStock(filter, LISTED),
      this.openRestocks(filter, LISTED),
      this.names.locations(),
    ]);
    return {
      generated_at: generatedAt,
      stock_as_of: totals.as_of?.toISOString() ?? null,
      totals: this.figures(totals),
      by_location: byLocation.map((row) => {
        const location = locations.get(row.location_id as number);
        return {
          location_id: row.location_id as number,
          code: location?.code ?? null,
          name: location?.name ?? null,
          type: location?.type ?? null,
          ...this.figures(row),
        } satisfies LocationStock;
      }),
      levels: { data: levels.map((row) => this.level(row)), total: levelCount, limit: query.limit, offset: query.offset },
      low_stock_alerts: lowStock,
      open_restock_requests: openRestocks,
    };
  }

  /** The largest shortfalls first, and how many levels are low in all, for the dashboard too. */
  async lowStock(filter: StockFilter, limit: number): Promise<LowStockAlerts> {
    const [rows, total] = await this.stock.levels({ ...filter, lowOnly: true, lowestFirst: true }, limit, 0);
    return { total, data: rows.map((row) => this.alert(row)) };
  }

  async openRestocks(filter: StockFilter, limit: number): Promise<OpenRestockRequests> {
    const { rows, total, units } = await this.stock.openRestocks(filter, limit);
    return { total, units, data: rows.map((row) => this.restock(row)) };
  }

  private figures(row: StockFiguresRow): StockTotals {
    const onHand = Number(row.on_hand ?? 0);
    const reserved = Number(row.reserved ?? 0);
    return {
      levels: Number(row.levels),
      on_hand: onHand,
      reserved,
      available: onHand - reserved,
      stock_value: money(cents(row.stock_value ?? '0')),
      low_stock_levels: Number(row.low_stock_levels),
      unpriced_levels: Number(row.unpriced_levels),
    };
  }

  private level(row: LevelRow): StockLevelRow {
    const available = row.on_hand - row.reserved;
    return {
      product_id: row.product_id,
      sku: row.sku,
      name: row.name,
      category_id: row.category_id,
      category_name: row.category_name,
      location_id: row.location_id,
      location_name: row.location_name,
      on_hand: row.on_hand,
      reserved: row.reserved,
      available,
      reorder_level: row.reorder_level,
      low_stock: isLowStock({ onHand: row.on_hand, reserved: row.reserved, reorderLevel: row.reorder_level }),
      unit_price: row.price,
      stock_value: money(cents(row.price ?? '0') * BigInt(row.on_hand)),
      changed_at: row.changed_at.toISOString(),
    };
  }

  private alert(row: LevelRow): LowStockAlert {
    const { product_id, name, location_id, location_name, available, reorder_level } = this.level(row);
    return {
      product_id,
      name,
      location_id,
      location_name,
      available,
      reorder_level,
      shortfall: reorder_level - available,
      restock_pending_units: Number(row.restock_pending_units),
    };
  }

  private restock(row: OpenRestockRow): OpenRestockRequest {
    return {
      restock_request_id: row.restock_request_id,
      product_id: row.product_id,
      name: row.name,
      location_id: row.location_id,
      location_name: row.location_name,
      quantity: row.quantity,
      requested_at: row.requested_at.toISOString(),
    };
  }
}
