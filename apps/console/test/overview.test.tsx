import { describe, expect, it } from 'vitest';
import type { OverviewSagas, SagaSummary } from '../src/api/hooks/dashboards';
import type { SalesReport } from '../src/api/hooks/reports';
import {
  SLOW_SAGA_SECONDS,
  sagasNeedingAttention,
  storeRevenueRows,
  utcMonday,
  utcToday,
} from '../src/screens/overview/attention';

const NOW = Date.parse('2026-12-02T10:00:00Z');

function saga(id: string, status: SagaSummary['status'], secondsAgo: number): SagaSummary {
  const created = new Date(NOW - secondsAgo * 1000).toISOString();
  return {
    saga_id: id,
    customer_id: 123,
    status,
    created_at: created,
    updated_at: created,
    duration: secondsAgo,
    order_id: null,
    failure_reason: status === 'FAILED' ? 'RELEASE_STOCK failed' : null,
  };
}

describe('sagasNeedingAttention', () => {
  it('lists FAILED sagas first, newest first, then those running for over a minute, oldest first', () => {
    const sagas: OverviewSagas = {
      failed: [saga('f-old', 'FAILED', 3600), saga('f-new', 'FAILED', 5)],
      failedTotal: 2,
      running: [
        saga('r-young', 'PAYMENT_PROCESSING', SLOW_SAGA_SECONDS - 1),
        saga('r-slow', 'STOCK_CHECKING', SLOW_SAGA_SECONDS),
        saga('r-slower', 'COMPENSATING', 600),
      ],
      runningTotal: 3,
    };
    const items = sagasNeedingAttention(sagas, NOW);
    expect(items.map((item) => [item.saga.saga_id, item.reason])).toEqual([
      ['f-new', 'failed'],
      ['f-old', 'failed'],
      ['r-slower', 'slow'],
      ['r-slow', 'slow'],
    ]);
    expect(items[2].ageSeconds).toBe(600);
  });

  it('is empty when nothing failed and everything running is young', () => {
    expect(
      sagasNeedingAttention({ failed: [], failedTotal: 0, running: [saga('r', 'PENDING', 10)], runningTotal: 1 }, NOW),
    ).toEqual([]);
  });
});

describe('the days of the overview (UTC, as the reports count them)', () => {
  it('today and the Monday of this week', () => {
    expect(utcToday(new Date('2026-12-02T23:30:00Z'))).toBe('2026-12-02');
    expect(utcMonday(new Date('2026-12-02T10:00:00Z'))).toBe('2026-11-30'); // a Wednesday
    expect(utcMonday(new Date('2026-11-30T00:00:00Z'))).toBe('2026-11-30'); // a Monday
    expect(utcMonday(new Date('2026-12-06T23:59:59Z'))).toBe('2026-11-30'); // a Sunday
  });
});

describe('storeRevenueRows', () => {
  it('gives each store its till revenue and online orders a row of their own', () => {
    const figures = {
      gross_revenue: '0.00',
      refunds: '0.00',
      units_sold: 0,
      units_returned: 0,
      net_units: 0,
      transactions: 0,
      returns: 0,
      average_basket: '0.00',
    };
    const report = {
      by_store: [
        { ...figures, store_id: 1, store_code: 'ST-PARIS', store_name: 'Paris Rivoli', net_revenue: '228.19' },
        { ...figures, store_id: 2, store_code: 'ST-LYON', store_name: null, net_revenue: '0.00' },
      ],
      by_channel: [
        { ...figures, channel: 'in_store', net_revenue: '228.19' },
        { ...figures, channel: 'online', net_revenue: '72.44' },
      ],
    } as unknown as SalesReport;
    expect(storeRevenueRows(report, 'Online')).toEqual([
      { name: 'Paris Rivoli', in_store: 228.19, online: 0, net_revenue: '228.19' },
      { name: 'ST-LYON', in_store: 0, online: 0, net_revenue: '0.00' },
      { name: 'Online', in_store: 0, online: 72.44, net_revenue: '72.44' },
    ]);
  });
});
