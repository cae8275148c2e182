import { money } from '@app/contracts';
import { Injectable } from '@nestjs/common';
import { CachedReports } from '../cache/report-cache';
import { InventoryReportService } from '../inventory/inventory-report.service';
import { ReferenceData } from '../reports/reference-data';
import { ReferenceDataRepository } from '../reports/reference-data.repository';
import { addDays, eachDay, todayUtc } from '../reports/report-period';
import { FactFilter, SalesFactsRepository, Slice } from '../reports/sales-facts.repository';
import { Figures, NO_FIGURES, bestFirst, changePercent, productNet, salesFigures } from '../reports/sales-figures';
import { DashboardPeriod, DashboardQuery, DashboardResponse } from './dashboard.dto';

const TOP_PRODUCTS = 5;
const LOW_STOCK_LISTED = 10;
const WEEK_MS = 7 * 24 * 3600 * 1000;

function add(a: Figures, b: Figures): Figures {
  return {
    gross: a.gross + b.gross,
    refunds: a.refunds + b.refunds,
    unitsSold: a.unitsSold + b.unitsSold,
    unitsReturned: a.unitsReturned + b.unitsReturned,
    transactions: a.transactions + b.transactions,
    returns: a.returns + b.returns,
  };
}

/** Monday of the ISO week of `day`. */
function mondayOf(day: string): string {
  return addDays(day, -((new Date(day).getUTCDay() + 6) % 7));
}

@Injectable()
export class DashboardService {
  constructor(
    private readonly facts: SalesFactsRepository,
    private readonly references: ReferenceData,
    private readonly names: ReferenceDataRepository,
    private readonly inventory: InventoryReportService,
    private readonly cache: CachedReports,
  ) {}

  async dashboard(query: DashboardQuery): Promise<DashboardResponse> {
    await this.references.requireStore(query.store_id);
    return this.cache.getOrCompute('dashboard', { store_id: query.store_id, today: todayUtc() }, () =>
      this.compute(query.store_id, new Date()),
    );
  }

  /** Each period so far is compared with the same days a week earlier, up to the same time of day. */
  private async compute(storeId: number | undefined, now: Date): Promise<DashboardResponse> {
    const generatedAt = now.toISOString();
    const today = todayUtc(now);
    const store = storeId === undefined ? null : await this.names.store(storeId);
    const monday = mondayOf(today);
    const scope: Omit<FactFilter, 'from' | 'to'> = storeId === undefined ? {} : { storeId, channel: 'in_store' };
    const [[byDay, byProduct], [byDayBefore]] = await Promise.all([
      this.facts.aggregate({ ...scope, from: monday, to: today }, [['day'], ['product']]),
      this.facts.aggregate(
        { ...scope, from: addDays(monday, -7), to: addDays(today, -7), until: new Date(now.getTime() - WEEK_MS).toISOString() },
        [['day']],
      ),
    ]);
    const sum = (slices: Slice[], from: string, to: string) => {
      const daily = new Map(slices.map((slice) => [slice.key.day, slice.figures]));
      return eachDay(from, to).reduce((total, day) => add(total, daily.get(day) ?? NO_FIGURES), NO_FIGURES);
    };
    const period = (from: string, to: string): DashboardPeriod => {
      const figures = sum(byDay, from, to);
      const before = sum(byDayBefore, addDays(from, -7), addDays(to, -7));
      const net = figures.gross - figures.refunds;
      const netBefore = before.gross - before.refunds;
      return {
        from,
        to,
        ...salesFigures(figures),
        compared_with: {
          from: addDays(from, -7),
          to: addDays(to, -7),
          net_revenue: money(netBefore),
          transactions: before.transactions,
          net_revenue_change_percent: changePercent(net - netBefore, netBefore),
        },
      };
    };
    const stock = { locationId: store?.locationId };
    const [lowStock, restocks] = await Promise.all([
      this.inventory.lowStock(stock, LOW_STOCK_LISTED),
      this.inventory.openRestocks(stock, 0),
    ]);
    const top = byProduct.sort(bestFirst('product')).slice(0, TOP_PRODUCTS);
    const products = await this.names.products(top.map((slice) => Number(slice.key.product)));
    return {
      store_id: storeId ?? null,
      store_name: store?.name ?? null,
      generated_at: generatedAt,
      today: period(today, today),
      this_week: period(monday, today),
      alerts: {
        low_stock_levels: lowStock.total,
        low_stock: lowStock.data,
        open_restock_requests: restocks.total,
        open_restock_units: restocks.units,
      },
      top_products: top.map((slice) => productNet(slice, products)),
    };
  }
}
