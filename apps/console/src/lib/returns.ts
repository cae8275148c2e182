import { fromCents, toCents } from './money';

/** A sale line as GET /api/v1/sales/{id} gives it. */
export interface SoldLine {
  product_id: number;
  quantity: number;
  returned_quantity: number;
  unit_price: string;
}

export type ReturnProblem = 'integer' | 'negative' | 'tooMany';

/** The API's rule (apps/retail returns.service): at most what was sold minus what was already returned. */
export function returnable(line: SoldLine): number {
  return Math.max(0, line.quantity - line.returned_quantity);
}

export function returnQuantityProblem(line: SoldLine, quantity: number | string | null | undefined): ReturnProblem | null {
  if (quantity === null || quantity === undefined || quantity === '') return null; // nothing back of this line
  const value = typeof quantity === 'number' ? quantity : Number(quantity);
  if (!Number.isInteger(value)) return 'integer';
  if (value < 0) return 'negative';
  if (value > returnable(line)) return 'tooMany';
  return null;
}

/** Quantities chosen per product id (0 or blank: nothing back of that line). */
export type ReturnChoice = Record<number, number | string | null | undefined>;

/** What keeps the return from being sent: a problem per line, or nothing chosen at all. */
export function returnProblems(
  lines: SoldLine[],
  choice: ReturnChoice,
): { nothing: boolean; lines: Record<number, ReturnProblem> } {
  const problems: Record<number, ReturnProblem> = {};
  for (const line of lines) {
    const problem = returnQuantityProblem(line, choice[line.product_id]);
    if (problem) problems[line.product_id] = problem;
  }
  return { nothing: returnLines(lines, choice).length === 0, lines: problems };
}

export function isReturnValid(lines: SoldLine[], choice: ReturnChoice): boolean {
  const problems = returnProblems(lines, choice);
  return !problems.nothing && Object.keys(problems.lines).length === 0;
}

/** The body's lines for POST /api/v1/returns: the lines with a valid quantity above zero. */
export function returnLines(lines: SoldLine[], choice: ReturnChoice): Array<{ product_id: number; quantity: number }> {
  return lines
    .map((line) => ({ line, quantity: Number(choice[line.product_id] ?? 0) }))
    .filter(({ line, quantity }) => quantity > 0 && returnQuantityProblem(line, quantity) === null)
    .map(({ line, quantity }) => ({ product_id: line.product_id, quantity }));
}

/** The refund the API will give (the sale line's unit price × quantity), in cents. */
export function refundCents(lines: SoldLine[], choice: ReturnChoice): number {
  const prices = new Map(lines.map((line) => [line.product_id, toCents(line.unit_price)]));
  return returnLines(lines, choice).reduce((total, line) => total + (prices.get(line.product_id) ?? 0) * line.quantity, 0);
}

export function refund(lines: SoldLine[], choice: ReturnChoice): string {
  return fromCents(refundCents(lines, choice));
}

/** Everything still returnable, for "Return all". */
export function returnEverything(lines: SoldLine[]): ReturnChoice {
  return Object.fromEntries(lines.map((line) => [line.product_id, returnable(line)]));
}
