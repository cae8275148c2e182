import { describe, expect, it } from 'vitest';
import {
  isReturnValid,
  refund,
  refundCents,
  returnEverything,
  returnLines,
  returnProblems,
  returnQuantityProblem,
  returnable,
} from '../src/lib/returns';

const lines = [
  { product_id: 1, quantity: 3, returned_quantity: 1, unit_price: '1.20' },
  { product_id: 2, quantity: 2, returned_quantity: 0, unit_price: '0.10' },
  { product_id: 3, quantity: 1, returned_quantity: 1, unit_price: '9.99' },
];

describe('return limits', () => {
  it('allows at most what was sold minus what was already returned', () => {
    expect(lines.map(returnable)).toEqual([2, 2, 0]);
    expect(returnQuantityProblem(lines[0], 2)).toBeNull();
    expect(returnQuantityProblem(lines[0], 3)).toBe('tooMany');
    expect(returnQuantityProblem(lines[2], 1)).toBe('tooMany');
    expect(returnQuantityProblem(lines[0], -1)).toBe('negative');
    expect(returnQuantityProblem(lines[0], 1.5)).toBe('integer');
    expect(returnQuantityProblem(lines[0], '')).toBeNull();
    expect(returnQuantityProblem(lines[0], 0)).toBeNull();
  });

  it('never counts below zero when more was returned than sold', () => {
    expect(returnable({ product_id: 9, quantity: 1, returned_quantity: 2, unit_price: '1.00' })).toBe(0);
  });

  it('refuses a return with a line over its limit, or with nothing chosen', () => {
    expect(isReturnValid(lines, { 1: 2, 2: 1 })).toBe(true);
    expect(isReturnValid(lines, { 1: 3 })).toBe(false);
    expect(returnProblems(lines, { 1: 3, 2: 1 }).lines).toEqual({ 1: 'tooMany' });
    expect(isReturnValid(lines, {})).toBe(false);
    expect(returnProblems(lines, { 1: 0, 2: '' }).nothing).toBe(true);
  });

  it('sends only the lines with units to return, and computes the refund in cents', () => {
    expect(returnLines(lines, { 1: 2, 2: 0, 3: '' })).toEqual([{ product_id: 1, quantity: 2 }]);
    expect(refundCents(lines, { 1: 2, 2: 2 })).toBe(260);
    expect(refund(lines, { 2: 1 })).toBe('0.10');
    expect(refund(lines, {})).toBe('0.00');
  });

  it('offers everything still returnable', () => {
    const everything = returnEverything(lines);
    expect(everything).toEqual({ 1: 2, 2: 2, 3: 0 });
    expect(isReturnValid(lines, everything)).toBe(true);
  });
});
