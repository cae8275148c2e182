/**
 * Low stock, one rule for every service and report: a level is low when the units free to sell (on hand less
 * reserved) are at or below its reorder level.
 */
export function isLowStock(level: { onHand: number; reserved: number; reorderLevel: number }): boolean {
  return level.onHand - level.reserved <= level.reorderLevel;
}

/**
 * The same rule as a SQL condition over a `stock_levels` row (inventory's table and reporting's copy share the
 * column names); `alias` is the table's alias in the query, if any.
 */
export function lowStockSql(alias?: string): string {
  const column = (name: string) => (alias ? `${alias}.${name}` : name);
  return `${column('on_hand')} - ${column('reserved')} <= ${column('reorder_level')}`;
}
