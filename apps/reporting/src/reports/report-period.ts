import { RequestValidationException } from '@app/bootstrap';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, ValidateBy, ValidationArguments, isISO8601 } from 'class-validator';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 24 * 3600 * 1000;

/** The longest period one report covers. */
const MAX_PERIOD_DAYS = 366;
/** A period given by neither bound: the 30 days ending today. */
const DEFAULT_PERIOD_DAYS = 30;

/** A calendar day that exists (2024-02-30 does not), as YYYY-MM-DD. */
function IsReportDate(): PropertyDecorator {
  return ValidateBy({
    name: 'isReportDate',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && DATE_ONLY.test(value) && isISO8601(value, { strict: true }),
      defaultMessage: (args?: ValidationArguments) => `${args?.property} must be a date as YYYY-MM-DD (a UTC day)`,
    },
  });
}

export function todayUtc(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(day) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Days from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS) + 1;
}

export function eachDay(from: string, to: string): string[] {
  return Array.from({ length: Math.max(0, daysBetween(from, to)) }, (_, i) => addDays(from, i));
}

export class PeriodQuery {
  @ApiPropertyOptional({ description: 'First day, UTC, included. Default: 29 days before `to`', example: '2026-11-01' })
  @IsOptional()
  @IsReportDate()
  from?: string;

  @ApiPropertyOptional({ description: 'Last day, UTC, included. Default: today', example: '2026-11-30' })
  @IsOptional()
  @IsReportDate()
  to?: string;
}

export interface Period {
  from: string;
  to: string;
}

/** The period a query asks for, defaults filled in; refused (naming the field) when reversed or too long. */
export function resolvePeriod(query: PeriodQuery, today = todayUtc()): Period {
  const to = query.to ?? today;
  const from = query.from ?? addDays(to, -(DEFAULT_PERIOD_DAYS - 1));
  if (from > to) {
    throw new RequestValidationException([{ field: 'from', problems: [`from (${from}) must not be after to (${to})`] }]);
  }
  if (daysBetween(from, to) > MAX_PERIOD_DAYS) {
    throw new RequestValidationException([
      { field: 'to', problems: [`the period from ${from} to ${to} is longer than ${MAX_PERIOD_DAYS} days`] },
    ]);
  }
  return { from, to };
}
