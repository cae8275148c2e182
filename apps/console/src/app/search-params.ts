// The readers of the URL's search params every screen's validateSearch is made of: what is malformed reads as
// undefined, so that the screen's default applies rather than an error.

/** A whole number above zero (an id, an offset, a page size), as a number or as the digits of one. */
export function positive(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value > 0 ? value : undefined;
  return typeof value === 'string' && /^[1-9]\d{0,9}$/.test(value) ? Number(value) : undefined;
}

/** A search box's text: not blank, at most 100 characters (the API's limit). */
export function searchText(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.slice(0, 100) : undefined;
}

/** One of the values a filter offers. */
export function oneOf<T extends string>(values: readonly T[], value: unknown): T | undefined {
  return values.find((known) => known === value);
}

/** A switch that is on (`?low=true`); off is left out of the URL. */
export function on(value: unknown): true | undefined {
  return value === true || value === 'true' ? true : undefined;
}
