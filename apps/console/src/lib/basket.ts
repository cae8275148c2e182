import { fromCents, toCents } from './money';

/** What the sales API accepts (apps/retail sales.dto: MAX_SALE_LINES, MAX_LINE_QUANTITY). */
export const MAX_BASKET_LINES = 100;
export const MAX_LINE_QUANTITY = 1000;

export interface BasketProduct {
  id: number;
  sku: string;
  name: string;
  price: string;
}

export interface BasketLine {
  productId: number;
  sku: string;
  name: string;
  /** The catalogue price as the API sends it (a decimal string); the sale itself is priced by the API. */
  unitPrice: string;
  quantity: number;
}

export type QuantityProblem = 'required' | 'integer' | 'min' | 'max';

/** The sales API's rule for a line's quantity: a whole number from 1 to 1000. */
export function quantityProblem(quantity: number | string | null | undefined): QuantityProblem | null {
  if (quantity === null || quantity === undefined || quantity === '') return 'required';
  const value = typeof quantity === 'number' ? quantity : Number(quantity);
  if (!Number.isInteger(value)) return 'integer';
  if (value < 1) return 'min';
  if (value > MAX_LINE_QUANTITY) return 'max';
  return null;
}

/**
 * The basket with `quantity` more of the product: a product already in the basket gets its line's quantity raised
 * (the API merges lines of the same product too), so one scan after another counts up. Never past the maximum.
 */
export function addProduct(basket: BasketLine[], product: BasketProduct, quantity = 1): BasketLine[] {
  const existing = basket.find((line) => line.productId === product.id);
  if (existing) {
    return basket.map((line) =>
      line.productId === product.id ? { ...line, quantity: Math.min(MAX_LINE_QUANTITY, line.quantity + quantity) } : line,
    );
  }
  if (basket.length >= MAX_BASKET_LINES) return basket;
  const line = { productId: product.id, sku: product.sku, name: product.name, unitPrice: product.price, quantity };
  return [...basket, { ...line, quantity: Math.min(MAX_LINE_QUANTITY, Math.max(1, quantity)) }];
}

/** The basket with the line's quantity set as typed (kept even when invalid, so the field can say what is wrong). */
export function setQuantity(basket: BasketLine[], productId: number, quantity: number): BasketLine[] {
  return basket.map((line) => (line.productId === productId ? { ...line, quantity } : line));
}

export function removeLine(basket: BasketLine[], productId: number): BasketLine[] {
  return basket.filter((line) => line.productId !== productId);
}

/** Whether the basket can be sent: not empty, not too long, every quantity valid. */
export function basketProblems(basket: BasketLine[]): {
  empty: boolean;
  tooManyLines: boolean;
  lines: Record<number, QuantityProblem>;
} {
  const lines: Record<number, QuantityProblem> = {};
  for (const line of basket) {
    const problem = quantityProblem(line.quantity);
    if (problem) lines[line.productId] = problem;
  }
  return { empty: basket.length === 0, tooManyLines: basket.length > MAX_BASKET_LINES, lines };
}

export function isBasketValid(basket: BasketLine[]): boolean {
  const problems = basketProblems(basket);
  return !problems.empty && !problems.tooManyLines && Object.keys(problems.lines).length === 0;
}

/** Unit price × quantity, in cents (an invalid quantity counts as nothing). */
function lineTotalCents(line: BasketLine): number {
  return quantityProblem(line.quantity) ? 0 : toCents(line.unitPrice) * line.quantity;
}

export function basketTotalCents(basket: BasketLine[]): number {
  return basket.reduce((total, line) => total + lineTotalCents(line), 0);
}

/** The total as the API writes amounts ("12.30"), for <Money>. */
export function basketTotal(basket: BasketLine[]): string {
  return fromCents(basketTotalCents(basket));
}

export function lineTotal(line: BasketLine): string {
  return fromCents(lineTotalCents(line));
}

export function itemCount(basket: BasketLine[]): number {
  return basket.reduce((count, line) => count + (quantityProblem(line.quantity) ? 0 : line.quantity), 0);
}

/** The body's lines for POST /api/v1/sales. */
export function saleLines(basket: BasketLine[]): Array<{ product_id: number; quantity: number }> {
  return basket.map((line) => ({ product_id: line.productId, quantity: line.quantity }));
}

/** The product a scanned or typed code stands for: the one whose SKU matches exactly (case and spaces aside). */
export function exactSkuMatch<T extends { sku: string }>(products: T[], code: string): T | undefined {
  const wanted = code.trim().toUpperCase();
  if (!wanted) return undefined;
  return products.find((product) => product.sku.toUpperCase() === wanted);
}
