import { describe, expect, it } from 'vitest';
import {
  adjustmentProblem,
  noteProblem,
  onHandProblem,
  reorderLevelProblem,
  restockQuantityValid,
} from '../src/screens/stock/rules';

describe('stock rules', () => {
  it('never sets on hand below what is reserved (the API answers 409)', () => {
    expect(onHandProblem(10, 4)).toBeNull();
    expect(onHandProblem(3, 4)).toBe('belowReserved');
    expect(onHandProblem(-1, 0)).toBe('negative');
    expect(onHandProblem('', 0)).toBe('required');
    expect(onHandProblem(2.5, 0)).toBe('integer');
    expect(onHandProblem(10_000_001, 0)).toBe('tooLarge');
  });

  it('moves by a whole number other than zero that keeps on hand at or above reserved', () => {
    expect(adjustmentProblem(-6, 10, 4)).toBeNull();
    expect(adjustmentProblem(-7, 10, 4)).toBe('belowReserved');
    expect(adjustmentProblem(0, 10, 0)).toBe('zero');
    expect(adjustmentProblem('', 10, 0)).toBe('required');
    expect(adjustmentProblem(5, 10, 0)).toBeNull();
  });

  it('checks reorder levels, restock quantities and notes as the API does', () => {
    expect(reorderLevelProblem(0)).toBeNull();
    expect(reorderLevelProblem(-1)).toBe('negative');
    expect(restockQuantityValid(1)).toBe(true);
    expect(restockQuantityValid(0)).toBe(false);
    expect(restockQuantityValid(1_000_001)).toBe(false);
    expect(restockQuantityValid('')).toBe(false);
    expect(noteProblem('', 1000)).toBeNull();
    expect(noteProblem('   ', 1000)).toBe('blank');
    expect(noteProblem('x'.repeat(1001), 1000)).toBe('long');
  });
});
