import { RequestValidationException } from '@app/bootstrap';
import { addDays, daysBetween, eachDay, resolvePeriod } from './report-period';

/** The fields a refusal names; none when there was no refusal. */
function refused(resolve: () => unknown): string[] {
  try {
    resolve();
    return [];
  } catch (error) {
    return (error as RequestValidationException).fieldErrors.map((e) => e.field);
  }
}

describe(resolvePeriod.name, () => {
  const TODAY = '2026-11-21';

  it('defaults to the 30 days ending today, or ending `to`', () => {
    expect(resolvePeriod({}, TODAY)).toEqual({ from: '2026-10-23', to: TODAY });
    expect(resolvePeriod({ to: '2026-03-01' }, TODAY)).toEqual({ from: '2026-01-31', to: '2026-03-01' });
    expect(resolvePeriod({ from: '2026-11-01' }, TODAY)).toEqual({ from: '2026-11-01', to: TODAY });
  });

  it('refuses a reversed period, naming from', () => {
    expect(refused(() => resolvePeriod({ from: '2026-02-01', to: '2026-01-31' }, TODAY))).toEqual(['from']);
    expect(refused(() => resolvePeriod({ from: '2026-11-22' }, TODAY))).toEqual(['from']);
  });

  it('accepts 366 days and refuses 367, naming to', () => {
    expect(resolvePeriod({ from: '2024-01-01', to: '2024-12-31' }, TODAY)).toBeDefined();
    expect(refused(() => resolvePeriod({ from: '2024-01-01', to: '2025-01-01' }, TODAY))).toEqual(['to']);
  });
});

describe('day arithmetic', () => {
  it('counts UTC days across month, year and leap-day boundaries', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(3);
    expect(eachDay('2026-12-30', '2027-01-02')).toEqual(['2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02']);
    expect(eachDay('2026-01-02', '2026-01-01')).toEqual([]);
  });
});
