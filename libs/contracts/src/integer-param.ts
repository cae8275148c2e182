import { Transform } from 'class-transformer';

/** A plain decimal integer, at most 16 digits (past that, Max() refuses it anyway). */
const INTEGER_TEXT = /^-?\d{1,16}$/;

/**
 * For query and path values, which arrive as text: only a plain decimal integer becomes a number.
 * Anything else ("", " ", "NaN", "Infinity", "1e3", "0x10", a repeated parameter) is left as it came,
 * so `@IsInt()` refuses it naming the field, where `@Type(() => Number)` read "" and " " as 0.
 */
export function ToInteger(): PropertyDecorator {
  return Transform(({ value }): unknown => (typeof value === 'string' && INTEGER_TEXT.test(value) ? Number(value) : value), {
    toClassOnly: true,
  });
}
