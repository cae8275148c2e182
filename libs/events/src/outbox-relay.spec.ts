import { backoffMs } from './outbox-relay';

describe(backoffMs.name, () => {
  it('doubles from half a second and stops at 30 s', () => {
    const most = () => 1;
    expect([1, 2, 3, 6, 7, 50].map((attempts) => backoffMs(attempts, most))).toEqual([1000, 2000, 4000, 30_000, 30_000, 30_000]);
  });

  it('jitters between zero and the cap', () => {
    expect(backoffMs(3, () => 0)).toBe(0);
    expect(backoffMs(3, () => 0.5)).toBe(2000);
  });
});
