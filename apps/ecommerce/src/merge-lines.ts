import { StockLine } from '@app/contracts';

/** Same product twice counts once, with the quantities added; sorted by product, so stored lines read back as given. */
export function mergeLines(lines: StockLine[]): StockLine[] {
  const merged = new Map<number, number>();
  for (const line of lines) merged.set(line.product_id, (merged.get(line.product_id) ?? 0) + line.quantity);
  return [...merged.entries()].sort(([a], [b]) => a - b).map(([product_id, quantity]) => ({ product_id, quantity }));
}
