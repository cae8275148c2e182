import { ToInteger } from '@app/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { CHANNEL_FILTERS, ChannelFilter, SalesFilterQuery } from '../reports/report-filters';

export const TREND_METRICS = ['net_revenue', 'gross_revenue', 'units_sold', 'net_units', 'transactions'] as const;
export type TrendMetric = (typeof TREND_METRICS)[number];

export class TrendsQuery extends SalesFilterQuery {
  @ApiPropertyOptional({ enum: TREND_METRICS, default: 'net_revenue' })
  @IsOptional()
  @IsIn(TREND_METRICS)
  metric: TrendMetric = 'net_revenue';

  @ApiPropertyOptional({ minimum: 2, maximum: 28, default: 7, description: 'Days in the moving average and the forecast basis' })
  @IsOptional()
  @ToInteger()
  @IsInt()
  @Min(2)
  @Max(28)
  window: number = 7;

  @ApiPropertyOptional({ minimum: 1, maximum: 30, default: 7, description: 'Days to forecast after `to`' })
  @IsOptional()
  @ToInteger()
  @IsInt()
  @Min(1)
  @Max(30)
  forecast_days: number = 7;
}

/** Every value is a decimal string with two places, money or not, so that averages stay exact. */
export class TrendPoint {
  @ApiProperty({ example: '2026-11-20' }) date!: string;
  @ApiProperty({ example: '412.35' }) value!: string;
  @ApiProperty({ example: '398.10', description: 'Mean of the `window` days ending this day' }) moving_average!: string;
  @ApiProperty({ example: '-12.40', description: 'value − the value 7 days before' }) week_over_week_change!: string;
  @ApiProperty({ type: Number, nullable: true, example: -2.92, description: 'In percent; null when 7 days before was 0' })
  week_over_week_percent!: number | null;
}

export class PeriodTotal {
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
  @ApiProperty({ example: '2890.15' }) total!: string;
}

export class WeekOverWeek {
  @ApiProperty({ type: PeriodTotal, description: 'The 7 days ending `to`' }) last_7_days!: PeriodTotal;
  @ApiProperty({ type: PeriodTotal }) previous_7_days!: PeriodTotal;
  @ApiProperty({ example: '120.40' }) change!: string;
  @ApiProperty({ type: Number, nullable: true, example: 4.35 }) change_percent!: number | null;
}

export class ForecastPoint {
  @ApiProperty() date!: string;
  @ApiProperty({ example: '401.20' }) value!: string;
}

export class Forecast {
  @ApiProperty({ enum: ['trailing_mean'] }) method!: 'trailing_mean';
  @ApiProperty() description!: string;
  @ApiProperty({ description: 'First day of the days averaged' }) basis_from!: string;
  @ApiProperty({ description: 'Last day averaged: `to`, or yesterday when `to` is today (today is not over)' })
  basis_to!: string;
  @ApiProperty({ type: [ForecastPoint] }) days!: ForecastPoint[];
}

export class TrendsResponse {
  @ApiProperty({ enum: TREND_METRICS }) metric!: TrendMetric;
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
  @ApiProperty({ type: Number, nullable: true }) store_id!: number | null;
  @ApiProperty({ enum: CHANNEL_FILTERS }) channel!: ChannelFilter;
  @ApiProperty({ type: Number, nullable: true }) category_id!: number | null;
  @ApiProperty() window!: number;
  @ApiProperty() generated_at!: string;
  @ApiProperty({ type: [TrendPoint] }) series!: TrendPoint[];
  @ApiProperty({ type: WeekOverWeek }) week_over_week!: WeekOverWeek;
  @ApiProperty({ type: Forecast }) forecast!: Forecast;
}
