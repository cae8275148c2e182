import { describe, expect, it } from 'vitest';
import {
  MAX_BASKET_LINES,
  MAX_LINE_QUANTITY,
  addProduct,
  basketProblems,
  basketTotal,
  basketTotalCents,
  exactSkuMatch,
  isBasketValid,
  itemCount,
  lineTotal,
  quantityProblem,
  removeLine,
  saleLines,
  setQuantity,
} from '../src/lib/basket';

const cola = { id: 1, sku: 'BEV-COLA-33', name: 'Cola 33cl', price: '1.20' };
const water = { id: 2, sku: 'BEV-WATER-150', name: 'Still water 1.5l', price: '0.65' };
const tenth = { id: 3, sku: 'TENTH', name: 'Tenth', price: '0.10' };

describe('basket', () => {
  it('adds a product as a line of one, at the catalogue price', () => {
    expect(addProduct([], cola)).toEqual([
      { productId: 1, sku: 'BEV-COLA-33', name: 'Cola 33cl', unitPrice: '1.20', quantity: 1 },
    ]);
  });

  it('merges the same product into one line, as the API does', () => {
    const basket = addProduct(addProduct(addProduct([], cola), water), cola, 2);
    expect(basket.map((line) => [line.productId, line.quantity])).toEqual([
      [1, 3],
      [2, 1],
    ]);
    expect(saleLines(basket)).toEqual([
      { product_id: 1, quantity: 3 },
      { product_id: 2, quantity: 1 },
    ]);
  });

  it('never counts a line past the maximum quantity, nor adds a line past the maximum number of lines', () => {
    expect(addProduct([], cola, MAX_LINE_QUANTITY + 5)[0].quantity).toBe(MAX_LINE_QUANTITY);
    expect(addProduct(addProduct([], cola, MAX_LINE_QUANTITY), cola)[0].quantity).toBe(MAX_LINE_QUANTITY);
    const full = Array.from({ length: MAX_BASKET_LINES }, (_, i) => ({ ...cola, id: i + 10, sku: `P${i}` })).reduce(
      (basket, product) => addProduct(basket, product),
      [] as ReturnType<typeof addProduct>,
    );
    expect(addProduct(full, water)).toHaveLength(MAX_BASKET_LINES);
  });

  it('totals in cents: 3 × 0.10 is 0.30, not 0.30000000000000004', () => {
    const basket = addProduct([], tenth, 3);
    expect(basketTotalCents(basket)).toBe(30);
    expect(basketTotal(basket)).toBe('0.30');
    expect(basketTotal(addProduct(addProduct([], cola, 3), water, 7))).toBe('8.15'); // 3.60 + 4.55
    expect(lineTotal(addProduct([], water, 7)[0])).toBe('4.55');
    expect(basketTotal([])).toBe('0.00');
  });

  it('sets and removes lines', () => {
    const basket = addProduct(addProduct([], cola), water);
    expect(setQuantity(basket, 2, 5).find((line) => line.productId === 2)?.quantity).toBe(5);
    expect(removeLine(basket, 1).map((line) => line.productId)).toEqual([2]);
    expect(itemCount(setQuantity(basket, 2, 5))).toBe(6);
  });

  it('applies the API rule to quantities: whole numbers from 1 to 1000', () => {
    expect(quantityProblem(1)).toBeNull();
    expect(quantityProblem(MAX_LINE_QUANTITY)).toBeNull();
    expect(quantityProblem(0)).toBe('min');
    expect(quantityProblem(-2)).toBe('min');
    expect(quantityProblem(1.5)).toBe('integer');
    expect(quantityProblem(Number.NaN)).toBe('integer');
    expect(quantityProblem('')).toBe('required');
    expect(quantityProblem(MAX_LINE_QUANTITY + 1)).toBe('max');
  });

  it('is valid only when not empty and every quantity is right; an invalid line counts for nothing in the total', () => {
    expect(isBasketValid([])).toBe(false);
    expect(basketProblems([]).empty).toBe(true);
    const basket = setQuantity(addProduct(addProduct([], cola), water), 1, 0);
    expect(isBasketValid(basket)).toBe(false);
    expect(basketProblems(basket).lines).toEqual({ 1: 'min' });
    expect(basketTotal(basket)).toBe('0.65');
    expect(isBasketValid(setQuantity(basket, 1, 2))).toBe(true);
  });

  it('finds the product a scanned code stands for by exact SKU only', () => {
    const products = [cola, water];
    expect(exactSkuMatch(products, 'BEV-COLA-33')).toBe(cola);
    expect(exactSkuMatch(products, ' bev-water-150 ')).toBe(water);
    expect(exactSkuMatch(products, 'BEV-COLA')).toBeUndefined();
    expect(exactSkuMatch(products, '')).toBeUndefined();
  });
});
