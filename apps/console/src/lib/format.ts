import { currency } from '../api/config';

/**
 * Money as the API sends it (a decimal string, "12.30") in the user's language and the configured currency.
 * Amounts are never added up as floats here: totals come from lib/money.ts in cents.
 */
export function formatMoney(amount: string | number, language: string, currencyCode = currency()): string {
  return new Intl.NumberFormat(language, { style: 'currency', currency: currencyCode }).format(Number(amount));
}

export function formatNumber(value: number, language: string, maximumFractionDigits = 2): string {
  return new Intl.NumberFormat(language, { maximumFractionDigits }).format(value);
}

export function formatDate(iso: string, language: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium' }).format(new Date(iso));
}

export function formatDateTime(iso: string, language: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'short', timeStyle: 'medium' }).format(new Date(iso));
}

/** A duration in seconds as a person reads it: "120 ms", "2.4 s", "3 min 5 s". */
export function formatDuration(seconds: number, language: string): string {
  if (seconds < 1) return `${formatNumber(seconds * 1000, language, 0)} ms`;
  if (seconds < 60) return `${formatNumber(seconds, language, 1)} s`;
  return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
}
