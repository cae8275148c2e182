import { ValidateIf } from 'class-validator';

/**
 * The field may be left out, but when present it must pass the other rules. Unlike
 * `@IsOptional()`, `null` is not "left out": it is validated, and refused where a value is required.
 */
export function IsOptionalField(): PropertyDecorator {
  return ValidateIf((_object, value) => value !== undefined);
}
