import { Transform } from 'class-transformer';

/**
 * A query parameter's `true`/`false` as a boolean. Anything else is left as it is, for `@IsBoolean()` to refuse
 * naming the field (never read as false).
 */
export function ToBoolean(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value));
}
