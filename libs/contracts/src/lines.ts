/** A product and how many units of it: an order, cart, sale or return line. */
export interface ProductQuantity {
  product_id: number;
  quantity: number;
}

/** The same product twice counts once, with the quantities added, in the order first given. */
export function mergeLines(lines: ProductQuantity[]): ProductQuantity[] {
  const merged = new Map<number, number>();
  for (const line of lines) merged.set(line.product_id, (merged.get(line.product_id) ?? 0) + line.quantity);
  return [...merged].map(([product_id, quantity]) => ({ product_id, quantity }));
}

/** Merged and sorted by product: concurrent transactions then lock stock rows in one order (no deadlocks). */
export function mergeLinesByProduct(lines: ProductQuantity[]): ProductQuantity[] {
  return mergeLines(lines).sort((a, b) => a.product_id - b.product_id);
}
