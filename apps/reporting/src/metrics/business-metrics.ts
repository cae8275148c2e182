import { cents, money } from '@app/contracts';
import { Injectable, Module, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectMetric, makeCounterProvider, makeGaugeProvider } from '@willsoto/nestjs-prometheus';
import type { Counter, Gauge } from 'prom-client';
import { CHANNELS, Channel } from '../read-model/read-model.entities';
import { divideRounded } from '../reports/sales-figures';
import { BusinessMetricsRepository } from './business-metrics.repository';

/** Business metric names as in the seed document, so that its dashboards apply. */
const businessMetricProviders = [
  makeCounterProvider({
    name: 'total_orders_created',
    help: 'Sales since the first event: till sales (in_store) and confirmed online orders (online)',
    labelNames: ['channel'],
  }),
  makeCounterProvider({
    name: 'total_products_sold',
    help: 'Units sold since the first event, before returns',
    labelNames: ['channel'],
  }),
  makeGaugeProvider({
    name: 'inventory_low_stock_alerts',
    help: 'Stock levels (product × location) at or below their reorder level',
  }),
  makeGaugeProvider({
    name: 'average_order_value',
    help: 'Gross revenue per sale since the first event, by channel and for all channels together',
    labelNames: ['channel'],
  }),
  makeGaugeProvider({
    name: 'top_products_units_sold',
    help: 'The ten best-selling products: units sold on every channel since the first event, before returns',
    labelNames: ['product_id', 'name'],
  }),
];

const TOP_PRODUCTS = 10;

interface Snapshot {
  channels: Array<{ channel: Channel; orders: number; units: number; gross: bigint }>;
  lowStock: number;
  topProducts: Array<{ productId: number; name: string; units: number }>;
}

type Collectable = (Counter<string> | Gauge<string>) & { collect?: () => Promise<void> };

/**
 * Reads the figures from the read model whenever Prometheus scrapes, so they are right after a
 * restart or a rebuild, and agree with the reports.
 */
@Injectable()
class BusinessMetrics implements OnModuleInit, OnModuleDestroy {
  private pending?: Promise<Snapshot>;
  private readonly collectors = new Map<Collectable, () => Promise<void>>();

  constructor(
    @InjectMetric('total_orders_created') private readonly orders: Counter<string>,
    @InjectMetric('total_products_sold') private readonly units: Counter<string>,
    @InjectMetric('inventory_low_stock_alerts') private readonly lowStock: Gauge<string>,
    @InjectMetric('average_order_value') private readonly orderValue: Gauge<string>,
    @InjectMetric('top_products_units_sold') private readonly topProducts: Gauge<string>,
    private readonly figures: BusinessMetricsRepository,
  ) {}

  onModuleInit(): void {
    this.collectWith(this.orders, (s) => {
      this.orders.reset();
      for (const c of s.channels) this.orders.inc({ channel: c.channel }, c.orders);
    });
    this.collectWith(this.units, (s) => {
      this.units.reset();
      for (const c of s.channels) this.units.inc({ channel: c.channel }, c.units);
    });
    this.collectWith(this.lowStock, (s) => this.lowStock.set(s.lowStock));
    this.collectWith(this.topProducts, (s) => {
      // Reset first: a product that dropped out of the ten must not linger as a stale series.
      this.topProducts.reset();
      for (const p of s.topProducts) this.topProducts.set({ product_id: String(p.productId), name: p.name }, p.units);
    });
    this.collectWith(this.orderValue, (s) => {
      const all = s.channels.reduce((sum, c) => ({ orders: sum.orders + c.orders, gross: sum.gross + c.gross }), {
        orders: 0,
        gross: 0n,
      });
      for (const { channel, orders, gross } of [...s.channels, { channel: 'all', ...all }]) {
        this.orderValue.set({ channel }, Number(money(divideRounded(gross, BigInt(orders)))));
      }
    });
  }

  /** Another app in the same process (tests) may have taken the metrics over; leave its collectors alone. */
  onModuleDestroy(): void {
    for (const [metric, collector] of this.collectors) if (metric.collect === collector) delete metric.collect;
  }

  /** The metric objects are process-wide (prom-client's registry): the newest app collects them. */
  private collectWith(metric: Collectable, apply: (snapshot: Snapshot) => void): void {
    const collector = async () => apply(await this.snapshot());
    metric.collect = collector;
    this.collectors.set(metric, collector);
  }

  private snapshot(): Promise<Snapshot> {
    // The four metrics of one scrape are collected together: they share one read.
    this.pending ??= this.read().finally(() => (this.pending = undefined));
    return this.pending;
  }

  private async read(): Promise<Snapshot> {
    const [rows, lowStock, top] = await Promise.all([
      this.figures.channelTotals(),
      this.figures.lowStockLevels(),
      this.figures.topProducts(TOP_PRODUCTS),
    ]);
    const byChannel = new Map(rows.map((row) => [row.channel, row]));
    return {
      channels: CHANNELS.map((channel) => {
        const row = byChannel.get(channel);
        return {
          channel,
          orders: Number(row?.orders ?? 0),
          units: Number(row?.units_sold ?? 0),
          gross: cents(row?.gross_revenue ?? '0'),
        };
      }),
      lowStock,
      topProducts: top.map((row) => ({
        productId: row.product_id,
        name: row.name ?? `#${row.product_id}`,
        units: Number(row.units),
      })),
    };
  }
}

@Module({ providers: [...businessMetricProviders, BusinessMetrics, BusinessMetricsRepository] })
export class BusinessMetricsModule {}
