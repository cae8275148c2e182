import { ValidateBy, ValidationArguments, isISO8601 } from 'class-validator';

/** A date (2024-05-01) or a date-time with its time zone (2024-05-01T09:30:00Z, …+02:00): never an ambiguous local time. */
const PERIOD_BOUND = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 24 * 3600 * 1000;

function isPeriodBound(value: unknown): value is string {
  // The strict ISO check refuses dates that do not exist, such as 2024-02-30.
  return typeof value === 'string' && PERIOD_BOUND.test(value) && isISO8601(value, { strict: true });
}

/** First instant of the period (a bare date starts at midnight UTC). */
export function periodStart(from: string): Date {
  return new Date(from);
}

/**
 * First instant after the period: `to` is inclusive, and a bare date covers that whole day (UTC).
 * Sale times are stored to the millisecond, so "up to and including `to`" is "before `to` + 1 ms".
 */
export function periodEnd(to: string): Date {
  return new Date(Date.parse(to) + (DATE_ONLY.test(to) ? DAY_MS : 1));
}

export function IsPeriodBound(): PropertyDecorator {
  return ValidateBy({
    name: 'isPeriodBound',
    validator: {
      validate: isPeriodBound,
      defaultMessage: (args?: ValidationArguments) =>
        `${args?.property} must be an ISO 8601 date (2024-05-01) or date-time with a time zone (2024-05-01T09:30:00Z)`,
    },
  });
}

/** Put on `from` so the error names it; a malformed bound is left to its own error. */
export function IsNotAfterTo(): PropertyDecorator {
  return ValidateBy({
    name: 'isNotAfterTo',
    validator: {
      validate: (from: unknown, args?: ValidationArguments) => {
        const to = (args?.object as { to?: unknown } | undefined)?.to;
        return !isPeriodBound(from) || !isPeriodBound(to) || periodStart(from) < periodEnd(to);
      },
      defaultMessage: () => 'from must not be after to',
    },
  });
}
