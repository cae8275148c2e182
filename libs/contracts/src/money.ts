import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { Matches } from 'class-validator';

/** Money travels as a decimal string with at most two places ("12.50"), never as a float. */
export const MONEY_PATTERN = /^\d{1,10}(\.\d{1,2})?$/;

function normaliseMoney(value: unknown): unknown {
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
  // At most 12 significant digits: exact in a double, so toFixed only pads.
  return typeof text === 'string' && MONEY_PATTERN.test(text) ? Number(text).toFixed(2) : text;
}

/** Accepts "12.5", "12.50" or 12.5 and keeps it as the exact string "12.50". */
export function IsMoney(example = '19.99') {
  return applyDecorators(
    ApiProperty({ type: String, example, description: 'Decimal amount with at most 2 decimal places' }),
    Transform(({ value }) => normaliseMoney(value), { toClassOnly: true }),
    Matches(MONEY_PATTERN, { message: '$property must be a non-negative decimal amount with at most 2 decimal places' }),
  );
}

/** Exact arithmetic on money strings: integer cents as bigint. */
export function cents(amount: string): bigint {
  const negative = amount.startsWith('-');
  const [units, fraction = ''] = (negative ? amount.slice(1) : amount).split('.');
  const value = BigInt(units) * 100n + BigInt(fraction.padEnd(2, '0').slice(0, 2));
  return negative ? -value : value;
}

export function money(amountInCents: bigint): string {
  const sign = amountInCents < 0n ? '-' : '';
  const absolute = amountInCents < 0n ? -amountInCents : amountInCents;
  return `${sign}${absolute / 100n}.${(absolute % 100n).toString().padStart(2, '0')}`;
}
