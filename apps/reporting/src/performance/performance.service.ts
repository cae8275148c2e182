import { Injectable } from '@nestjs/common';
import { CachedReports } from '../cache/report-cache';
import { ReferenceData } from '../reports/reference-data';
import { ReferenceDataRepository } from '../reports/reference-data.repository';
import { Period, resolvePeriod } from '../reports/report-period';
import { SalesFactsRepository } from '../reports/sales-facts.repository';
import { Figures, NO_FIGURES, bestFirst, byNetRevenue, productNet, ratio, salesFigures } from '../reports/sales-figures';
import { PerformanceQuery, PerformanceResponse, StorePerformance } from './performance.dto';

@Injectable()
export class PerformanceService {
  constructor(
    private readonly facts: SalesFactsRepository,
    private readonly references: ReferenceData,
    private readonly names: ReferenceDataRepository,
    private readonly cache: CachedReports,
  ) {}

  async report(query: PerformanceQuery): Promise<PerformanceResponse> {
    const period = resolvePeriod(query);
    await this.references.requireStore(query.store_id);
    return this.cache.getOrCompute('performance', { ...period, store_id: query.store_id, top: query.top }, () =>
      this.compute(period, query),
    );
  }

  /** Every store is ranked, so that one store's rank is among all of them. */
  private async compute(period: Period, query: PerformanceQuery): Promise<PerformanceResponse> {
    const generatedAt = new Date().toISOString();
    const [byStore, byStoreProduct] = await this.facts.aggregate({ ...period, channel: 'in_store' }, [
      ['store'],
      ['store', 'product'],
    ]);
    const storeFigures = new Map(byStore.map((slice) => [slice.key.store, slice.figures]));
    const products = await this.names.products([...new Set(byStoreProduct.map((slice) => Number(slice.key.product)))]);
    const ranked = (await this.names.stores())
      .map((store) => ({ store, figures: storeFigures.get(store.storeId) ?? NO_FIGURES }))
      .sort((a, b) => byNetRevenue(a.figures, b.figures) || a.store.storeId - b.store.storeId);
    const stores = ranked.map(({ store, figures }, index): StorePerformance => {
      const sold = byStoreProduct.filter((slice) => slice.key.store === store.storeId).sort(bestFirst('product'));
      const best = sold.slice(0, query.top);
      // The worst are taken from what is left, so that a store selling few products lists none twice.
      const worst = sold.slice(best.length).reverse().slice(0, query.top);
      return {
        rank: index + 1,
        store_id: store.storeId,
        store_code: store.code,
        store_name: store.name,
        ...salesFigures(figures),
        ...this.rates(figures),
        best_products: best.map((slice) => productNet(slice, products)),
        worst_products: worst.map((slice) => productNet(slice, products)),
      };
    });
    return {
      from: period.from,
      to: period.to,
      generated_at: generatedAt,
      ranked_by: 'net_revenue',
      stores: stores.filter((store) => query.store_id === undefined || store.store_id === query.store_id),
    };
  }

  private rates(figures: Figures): Pick<StorePerformance, 'return_rate' | 'refund_rate'> {
    return { return_rate: ratio(figures.unitsReturned, figures.unitsSold), refund_rate: ratio(figures.refunds, figures.gross) };
  }
}
