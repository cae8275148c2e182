import { RATE_LIMIT_PERIODS, RateLimitPeriod } from './specs';

export interface RateLimitingConfig extends Partial<Record<RateLimitPeriod, number>> {
  limit_by: 'consumer' | 'credential' | 'ip';
  hide_client_headers: boolean;
  error_code: number;
  error_message: string;
}

/** Kong's EXPIRATION table: a month is 30 days and a year 365 for the Reset header, whatever the calendar. */
const WINDOW_SECONDS: Record<RateLimitPeriod, number> = {
  second: 1,
  minute: 60,
  hour: 3600,
  day: 86400,
  month: 2592000,
  year: 31536000,
};

const capitalized = (period: string) => period[0].toUpperCase() + period.slice(1);

/** Start (ms) of the UTC-aligned window containing `now`, as Kong's timestamp.get_timestamps. */
export function windowStart(period: RateLimitPeriod, now: number): number {
  switch (period) {
    case 'second':
    case 'minute':
    case 'hour':
    case 'day': {
      const size = WINDOW_SECONDS[period] * 1000;
      return now - (now % size);
    }
    case 'month': {
      const date = new Date(now);
      return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
    }
    case 'year':
      return Date.UTC(new Date(now).getUTCFullYear(), 0, 1);
  }
}

interface Limit {
  period: RateLimitPeriod;
  limit: number;
  limitHeader: string;
  remainingHeader: string;
  windowSeconds: number;
}

interface Counter {
  start: number;
  count: number;
}

export interface RateLimitDecision {
  allowed: boolean;
  /** Response headers (flat name/value list), empty with hide_client_headers. */
  headers: string[];
}

/**
 * One rate-limiting plugin instance with `policy: local`: fixed UTC-aligned windows counted in this
 * process. Remaining = limit − used − 1; a rejected request is not counted; the RateLimit-* headers
 * describe the most restrictive window.
 */
export class RateLimiter {
  readonly limits: Limit[];
  private readonly counters = new Map<string, Counter[]>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(readonly config: RateLimitingConfig) {
    this.limits = RATE_LIMIT_PERIODS.filter((period) => config[period] !== undefined).map((period) => ({
      period,
      limit: config[period] as number,
      limitHeader: `X-RateLimit-Limit-${capitalized(period)}`,
      remainingHeader: `X-RateLimit-Remaining-${capitalized(period)}`,
      windowSeconds: WINDOW_SECONDS[period],
    }));
    // Forget identifiers whose windows have all passed, so client IPs do not pile up.
    this.sweeper = setInterval(() => this.sweep(Date.now()), 60_000);
    this.sweeper.unref();
  }

  /** Identifiers with counters (for the memory gauge). */
  get size(): number {
    return this.counters.size;
  }

  /** Header names this instance may set (the upstream's own copies are replaced). */
  get headerNames(): string[] {
    if (this.config.hide_client_headers) return [];
    return [
      ...this.limits.flatMap((l) => [l.limitHeader, l.remainingHeader]),
      'RateLimit-Limit',
      'RateLimit-Remaining',
      'RateLimit-Reset',
    ];
  }

  take(identifier: string, now: number): RateLimitDecision {
    let counters = this.counters.get(identifier);
    if (!counters) {
      counters = this.limits.map(() => ({ start: 0, count: 0 }));
      this.counters.set(identifier, counters);
    }
    let stop = -1;
    for (let i = 0; i < this.limits.length; i++) {
      const start = windowStart(this.limits[i].period, now);
      if (counters[i].start !== start) {
        counters[i].start = start;
        counters[i].count = 0;
      }
      if (stop < 0 && this.limits[i].limit - counters[i].count <= 0) stop = i;
    }
    const headers: string[] = [];
    if (!this.config.hide_client_headers) {
      let best = -1;
      let bestRemaining = 0;
      let reset = 0;
      for (let i = 0; i < this.limits.length; i++) {
        const { limit, windowSeconds, limitHeader, remainingHeader } = this.limits[i];
        let remaining = limit - counters[i].count;
        if (stop < 0 || stop === i) remaining -= 1;
        remaining = Math.max(0, remaining);
        if (
          best < 0 ||
          remaining < bestRemaining ||
          (remaining === bestRemaining && windowSeconds > this.limits[best].windowSeconds)
        ) {
          best = i;
          bestRemaining = remaining;
          reset = Math.max(1, windowSeconds - Math.floor((now - counters[i].start) / 1000));
        }
        headers.push(limitHeader, String(limit), remainingHeader, String(remaining));
      }
      headers.push(
        'RateLimit-Limit',
        String(this.limits[best].limit),
        'RateLimit-Remaining',
        String(bestRemaining),
        'RateLimit-Reset',
        String(reset),
      );
      if (stop >= 0) headers.push('Retry-After', String(reset));
    }
    if (stop >= 0) return { allowed: false, headers };
    for (const counter of counters) counter.count++;
    return { allowed: true, headers };
  }

  private sweep(now: number): void {
    for (const [identifier, counters] of this.counters) {
      const current = counters.some((counter, i) => counter.start === windowStart(this.limits[i].period, now));
      if (!current) this.counters.delete(identifier);
    }
  }

  close(): void {
    clearInterval(this.sweeper);
  }
}
