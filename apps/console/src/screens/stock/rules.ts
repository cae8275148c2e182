/** The stock API's limits (apps/inventory stock.dto / restock-requests.dto). */
export const MAX_UNITS = 10_000_000;
export const MAX_RESTOCK_QUANTITY = 1_000_000;

export type AdjustProblem = 'required' | 'integer' | 'negative' | 'zero' | 'tooLarge' | 'belowReserved';

const asNumber = (value: number | string | null | undefined) =>
  value === null || value === undefined || value === '' ? undefined : Number(value);

/** A new on-hand count: a whole number from 0, never below what is reserved (the API answers 409). */
export function onHandProblem(value: number | string | null | undefined, reserved: number): AdjustProblem | null {
  const quantity = asNumber(value);
  if (quantity === undefined) return 'required';
  if (!Number.isInteger(quantity)) return 'integer';
  if (quantity < 0) return 'negative';
  if (quantity > MAX_UNITS) return 'tooLarge';
  if (quantity < reserved) return 'belowReserved';
  return null;
}

/** Units to add or remove: a whole number other than 0 that keeps on hand at or above what is reserved. */
export function adjustmentProblem(
  value: number | string | null | undefined,
  onHand: number,
  reserved: number,
): AdjustProblem | null {
  const adjustment = asNumber(value);
  if (adjustment === undefined) return 'required';
  if (!Number.isInteger(adjustment)) return 'integer';
  if (adjustment === 0) return 'zero';
  if (Math.abs(adjustment) > MAX_UNITS || onHand + adjustment > MAX_UNITS) return 'tooLarge';
  if (onHand + adjustment < reserved) return 'belowReserved';
  return null;
}

export function reorderLevelProblem(value: number | string | null | undefined): AdjustProblem | null {
  const level = asNumber(value);
  if (level === undefined) return 'required';
  if (!Number.isInteger(level)) return 'integer';
  if (level < 0) return 'negative';
  if (level > MAX_UNITS) return 'tooLarge';
  return null;
}

/** A restock request's quantity: a whole number from 1 to 1,000,000. */
export function restockQuantityValid(value: number | string | null | undefined): boolean {
  const quantity = asNumber(value);
  return quantity !== undefined && Number.isInteger(quantity) && quantity >= 1 && quantity <= MAX_RESTOCK_QUANTITY;
}

/** An optional note: empty, or not only spaces and at most `max` characters. */
export function noteProblem(value: string, max: number): 'blank' | 'long' | null {
  if (value === '') return null;
  if (value.trim() === '') return 'blank';
  if (value.length > max) return 'long';
  return null;
}
