import { money } from '@app/contracts';
import { Injectable } from '@nestjs/common';
import { CachedReports } from '../cache/report-cache';
import { ReferenceData } from '../reports/reference-data';
import { factFilter } from '../reports/report-filters';
import { addDays, eachDay, resolvePeriod, todayUtc } from '../reports/report-period';
import { FactFilter, SalesFactsRepository } from '../reports/sales-facts.repository';
import { Figures, NO_FIGURES, changePercent, divideRounded } from '../reports/sales-figures';
import { TrendMetric, TrendsQuery, TrendsResponse } from './trends.dto';

/** A metric in hundredths (cents for money), so that every sum and mean is exact integer arithmetic. */
const HUNDREDTHS: Record<TrendMetric, (figures: Figures) => bigint> = {
  net_revenue: (f) => f.gross - f.refunds,
  gross_revenue: (f) => f.gross,
  units_sold: (f) => BigInt(f.unitsSold) * 100n,
  net_units: (f) => BigInt(f.unitsSold - f.unitsReturned) * 100n,
  transactions: (f) => BigInt(f.transactions) * 100n,
};

const total = (values: bigint[]) => values.reduce((sum, value) => sum + value, 0n);

@Injectable()
export class TrendsService {
  constructor(
    private readonly facts: SalesFactsRepository,
    private readonly references: ReferenceData,
    private readonly cache: CachedReports,
  ) {}

  async trends(query: TrendsQuery): Promise<TrendsResponse> {
    const filter = factFilter(query, resolvePeriod(query));
    await this.references.requireKnown(filter);
    const options = { metric: query.metric, window: query.window, forecast_days: query.forecast_days, today: todayUtc() };
    return this.cache.getOrCompute('trends', { ...filter, ...options }, () => this.compute(filter, query, options.today));
  }

  private async compute(filter: FactFilter, query: TrendsQuery, today: string): Promise<TrendsResponse> {
    const generatedAt = new Date().toISOString();
    const { window } = query;
    // Early enough for the first day's moving average and week-over-week change, and for the previous 7 days.
    const earliest = [addDays(filter.from, -Math.max(window, 7)), addDays(filter.to, -13)].sort()[0];
    const [byDay] = await this.facts.aggregate({ ...filter, from: earliest }, [['day']]);
    const figures = new Map(byDay.map((slice) => [slice.key.day, slice.figures]));
    const value = (day: string) => HUNDREDTHS[query.metric](figures.get(day) ?? NO_FIGURES);
    const sumOf = (from: string, to: string) => total(eachDay(from, to).map(value));
    const mean = (to: string) => divideRounded(sumOf(addDays(to, -(window - 1)), to), BigInt(window));

    const lastWeek = sumOf(addDays(filter.to, -6), filter.to);
    const weekBefore = sumOf(addDays(filter.to, -13), addDays(filter.to, -7));
    const basisTo = filter.to < today ? filter.to : addDays(today, -1);
    const forecast = mean(basisTo);
    return {
      metric: query.metric,
      from: filter.from,
      to: filter.to,
      store_id: filter.storeId ?? null,
      channel: filter.channel ?? 'all',
      category_id: filter.categoryId ?? null,
      window,
      generated_at: generatedAt,
      series: eachDay(filter.from, filter.to).map((date) => {
        const change = value(date) - value(addDays(date, -7));
        return {
          date,
          value: money(value(date)),
          moving_average: money(mean(date)),
          week_over_week_change: money(change),
          week_over_week_percent: changePercent(change, value(addDays(date, -7))),
        };
      }),
      week_over_week: {
        last_7_days: { from: addDays(filter.to, -6), to: filter.to, total: money(lastWeek) },
        previous_7_days: { from: addDays(filter.to, -13), to: addDays(filter.to, -7), total: money(weekBefore) },
        change: money(lastWeek - weekBefore),
        change_percent: changePercent(lastWeek - weekBefore, weekBefore),
      },
      forecast: {
        method: 'trailing_mean',
        description: `Each forecast day is the mean of the ${window} complete days up to ${basisTo}: a flat baseline, without trend or weekday effects.`,
        basis_from: addDays(basisTo, -(window - 1)),
        basis_to: basisTo,
        days: Array.from({ length: query.forecast_days }, (_, i) => ({
          date: addDays(filter.to, i + 1),
          value: money(forecast),
        })),
      },
    };
  }
}
