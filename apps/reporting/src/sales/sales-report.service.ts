import { Injectable } from '@nestjs/common';
import { CachedReports } from '../cache/report-cache';
import { CHANNELS } from '../read-model/read-model.entities';
import { ReferenceData } from '../reports/reference-data';
import { ReferenceDataRepository } from '../reports/reference-data.repository';
import { factFilter } from '../reports/report-filters';
import { eachDay, resolvePeriod } from '../reports/report-period';
import { FactFilter, SalesFactsRepository, Slice } from '../reports/sales-facts.repository';
import { NO_FIGURES, bestFirst, salesFigures } from '../reports/sales-figures';
import { SalesReportQuery, SalesReportResponse } from './sales-report.dto';

@Injectable()
export class SalesReportService {
  constructor(
    private readonly facts: SalesFactsRepository,
    private readonly references: ReferenceData,
    private readonly names: ReferenceDataRepository,
    private readonly cache: CachedReports,
  ) {}

  async report(query: SalesReportQuery): Promise<SalesReportResponse> {
    const filter = factFilter(query, resolvePeriod(query));
    await this.references.requireKnown(filter);
    return this.cache.getOrCompute('sales', filter, () => this.compute(filter));
  }

  private async compute(filter: FactFilter): Promise<SalesReportResponse> {
    const generatedAt = new Date().toISOString();
    const [[total], byChannel, byStore, byCategory, byProduct, byDay] = await this.facts.aggregate(filter, [
      [],
      ['channel'],
      ['store'],
      ['category'],
      ['product'],
      ['day'],
    ]);
    const figuresOf = (slices: Slice[], dimension: 'channel' | 'store' | 'day') => {
      const map = new Map(slices.map((slice) => [slice.key[dimension], slice.figures]));
      return (value: string | number) => map.get(value) ?? NO_FIGURES;
    };
    const channel = figuresOf(byChannel, 'channel');
    const store = figuresOf(byStore, 'store');
    const day = figuresOf(byDay, 'day');
    const stores = filter.channel === 'online' ? [] : await this.names.stores();
    const categories = await this.names.categories();
    byProduct.sort(bestFirst('product'));
    byCategory.sort(bestFirst('category'));
    const products = await this.names.products(byProduct.map((slice) => Number(slice.key.product)));
    return {
      from: filter.from,
      to: filter.to,
      store_id: filter.storeId ?? null,
      channel: filter.channel ?? 'all',
      category_id: filter.categoryId ?? null,
      generated_at: generatedAt,
      totals: salesFigures(total.figures),
      by_channel: CHANNELS.filter((c) => !filter.channel || c === filter.channel).map((c) => ({
        channel: c,
        ...salesFigures(channel(c)),
      })),
      by_store: stores
        .filter((s) => filter.storeId === undefined || s.storeId === filter.storeId)
        .map((s) => ({ store_id: s.storeId, store_code: s.code, store_name: s.name, ...salesFigures(store(s.storeId)) })),
      by_category: byCategory.map(({ key, figures }) => ({
        category_id: key.category as number | null,
        category_name: key.category === null ? null : (categories.get(key.category as number) ?? null),
        ...salesFigures(figures),
      })),
      by_product: byProduct.map(({ key, figures }) => {
        const product = products.get(key.product as number);
        return {
          product_id: key.product as number,
          sku: product?.sku ?? null,
          name: product?.name ?? null,
          category_id: product?.categoryId ?? null,
          ...salesFigures(figures),
        };
      }),
      by_day: eachDay(filter.from, filter.to).map((date) => ({ date, ...salesFigures(day(date)) })),
    };
  }
}
