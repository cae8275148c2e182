import { jitteredBackoffMs } from './backoff';

describe(jitteredBackoffMs.name, () => {
  const most = () => 1 - Number.EPSILON;

  it('doubles from the base up to the cap', () => {
    expect([0, 1, 2, 5, 6, 100].map((exponent) => jitteredBackoffMs(exponent, 250, 8000, most))).toEqual([
      250, 500, 1000, 8000, 8000, 8000,
    ]);
  });

  it('waits a random share of the bound (full jitter)', () => {
    expect(jitteredBackoffMs(2, 250, 8000, () => 0)).toBe(0);
    expect(jitteredBackoffMs(2, 250, 8000, () => 0.5)).toBe(500);
  });

  it('treats a negative exponent as the first attempt', () => {
    expect(jitteredBackoffMs(-1, 250, 8000, most)).toBe(250);
  });
});
