import type { TFunction } from 'i18next';

/**
 * The API's own validation rules (libs/contracts, apps/inventory and apps/ecommerce DTOs), checked before sending
 * so that a person sees the problem on its field at once. Each answers undefined, or the problem as an i18n key
 * (under `validation.` in the catalogue and orders namespaces) with its values.
 */
export type Problem = { key: string; values?: Record<string, string | number> } | undefined;

/** Whitespace and the invisible zero-width characters, as libs/contracts/not-blank.ts sees them. */
const BLANK = /^[\s\u200B-\u200D\u2060\uFEFF]*$/;
const SKU_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const MONEY_PATTERN = /^\d{1,10}(\.\d{1,2})?$/;
// class-validator's IsEmail is stricter in places; this catches what a person mistypes, the API the rest.
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function isBlank(value: string): boolean {
  return BLANK.test(value);
}

/** Not blank, at most `max` characters (the API keeps the text as given: no trimming). */
export function requiredText(value: string, max: number): Problem {
  if (isBlank(value)) return { key: 'validation.required' };
  if (value.length > max) return { key: 'validation.maxLength', values: { max } };
  return undefined;
}

/** May be left empty (it is then not sent); else as `requiredText`. */
export function optionalText(value: string, max: number): Problem {
  return value === '' ? undefined : requiredText(value, max);
}

/** Free text that may be empty but not too long (a description). */
export function maxLength(value: string, max: number): Problem {
  return value.length > max ? { key: 'validation.maxLength', values: { max } } : undefined;
}

export function skuProblem(value: string): Problem {
  if (isBlank(value)) return { key: 'validation.required' };
  return SKU_PATTERN.test(value) ? undefined : { key: 'validation.sku' };
}

/** A price as typed: "12.5", "12,50" (a French decimal comma) or "12". */
export function normalisePrice(text: string): string {
  return text.trim().replace(',', '.');
}

export function priceProblem(value: string): Problem {
  if (isBlank(value)) return { key: 'validation.required' };
  return MONEY_PATTERN.test(normalisePrice(value)) ? undefined : { key: 'validation.price' };
}

export function emailProblem(value: string, required = true): Problem {
  if (!required && value === '') return undefined;
  if (isBlank(value)) return { key: 'validation.required' };
  if (value.length < 3 || value.length > 254 || !EMAIL_PATTERN.test(value)) return { key: 'validation.email' };
  return undefined;
}

/** A rule's problem as the message a Mantine form shows. */
export function message(t: TFunction<'catalogue' | 'orders'>, problem: Problem): string | null {
  return problem ? t(problem.key, problem.values ?? {}) : null;
}
