import { isLowStock, lowStockSql } from './stock-rules';

describe(isLowStock.name, () => {
  it('counts a level low when the units free to sell are at or below its reorder level', () => {
    expect(isLowStock({ onHand: 15, reserved: 5, reorderLevel: 10 })).toBe(true);
    expect(isLowStock({ onHand: 16, reserved: 5, reorderLevel: 10 })).toBe(false);
    expect(isLowStock({ onHand: 0, reserved: 0, reorderLevel: 0 })).toBe(true);
  });
});

describe(lowStockSql.name, () => {
  it('states the same rule over a stock_levels row, with or without an alias', () => {
    expect(lowStockSql()).toBe('on_hand - reserved <= reorder_level');
    expect(lowStockSql('s')).toBe('s.on_hand - s.reserved <= s.reorder_level');
  });
});
