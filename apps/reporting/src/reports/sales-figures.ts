import { money } from '@app/contracts';
import { ApiProperty } from '@nestjs/swagger';
import type { ReportProduct } from '../read-model/read-model.entities';
import type { Dimension, Slice } from './sales-facts.repository';

/** Sales and returns of one slice (a store, a product, a day …), money in cents. */
export interface Figures {
  gross: bigint;
  refunds: bigint;
  unitsSold: number;
  unitsReturned: number;
  transactions: number;
  returns: number;
}

export const NO_FIGURES: Figures = { gross: 0n, refunds: 0n, unitsSold: 0, unitsReturned: 0, transactions: 0, returns: 0 };

/** `numerator / denominator` rounded half away from zero: exact, for money in cents. */
export function divideRounded(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) return 0n;
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const quotient = (2n * n + d) / (2n * d);
  return negative ? -quotient : quotient;
}

/** A ratio for display (rates, percentages): not money, four decimal places are enough. */
export function ratio(numerator: bigint | number, denominator: bigint | number): number | null {
  const d = Number(denominator);
  return d === 0 ? null : Math.round((Number(numerator) / d) * 10_000) / 10_000;
}

/** A change in percent of its base, two decimals; null when the base is 0. */
export function changePercent(change: bigint, base: bigint): number | null {
  return base === 0n ? null : Math.round((Number(change) / Number(base)) * 10_000) / 100;
}

export class SalesFiguresResponse {
  @ApiProperty({ example: '1520.40', description: 'Sales before returns' }) gross_revenue!: string;
  @ApiProperty({ example: '35.10', description: 'Money given back for returns made in the period' }) refunds!: string;
  @ApiProperty({ example: '1485.30', description: 'gross_revenue − refunds' }) net_revenue!: string;
  @ApiProperty({ example: 812 }) units_sold!: number;
  @ApiProperty({ example: 14 }) units_returned!: number;
  @ApiProperty({ example: 798, description: 'units_sold − units_returned' }) net_units!: number;
  @ApiProperty({ example: 310, description: 'Sales (till receipts and confirmed online orders)' }) transactions!: number;
  @ApiProperty({ example: 9 }) returns!: number;
  @ApiProperty({ example: '4.90', description: 'gross_revenue / transactions, rounded to the cent' }) average_basket!: string;
}

export function salesFigures(figures: Figures): SalesFiguresResponse {
  return {
    gross_revenue: money(figures.gross),
    refunds: money(figures.refunds),
    net_revenue: money(figures.gross - figures.refunds),
    units_sold: figures.unitsSold,
    units_returned: figures.unitsReturned,
    net_units: figures.unitsSold - figures.unitsReturned,
    transactions: figures.transactions,
    returns: figures.returns,
    average_basket: money(divideRounded(figures.gross, BigInt(figures.transactions))),
  };
}

/** Best net revenue first. */
export function byNetRevenue(a: Figures, b: Figures): number {
  const difference = b.gross - b.refunds - (a.gross - a.refunds);
  return difference > 0n ? 1 : difference < 0n ? -1 : 0;
}

/** Slices by net revenue, best first; ties by id, so that the order is stable. */
export function bestFirst(dimension: Dimension): (a: Slice, b: Slice) => number {
  return (a, b) => byNetRevenue(a.figures, b.figures) || Number(a.key[dimension]) - Number(b.key[dimension]);
}

/** A product's net figures in a ranking (best or worst products, top products). */
export class ProductNetResponse {
  @ApiProperty() product_id!: number;
  @ApiProperty({ type: String, nullable: true }) name!: string | null;
  @ApiProperty({ example: '84.20' }) net_revenue!: string;
  @ApiProperty() net_units!: number;
}

export function productNet({ key, figures }: Slice, products: Map<number, ReportProduct>): ProductNetResponse {
  return {
    product_id: key.product as number,
    name: products.get(key.product as number)?.name ?? null,
    net_revenue: money(figures.gross - figures.refunds),
    net_units: figures.unitsSold - figures.unitsReturned,
  };
}
