/**
 * Exponential backoff with full jitter (a uniformly random wait up to the exponential bound), so that retries of
 * many failed records spread out instead of arriving together: `baseMs · 2^exponent`, capped at `maxMs`.
 */
export function jitteredBackoffMs(exponent: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  return Math.round(random() * Math.min(maxMs, baseMs * 2 ** Math.min(Math.max(exponent, 0), 20)));
}
