import { RATE_LIMIT_PERIODS, RateLimitPeriod } from './specs';

export interface RateLimitingConfig extends Partial<Record<RateLimitPeriod, number>> {
  limit_by: 'consumer' | 'credential' | 'ip';
  hide_client_headers: boolean;
  error_code: number;
  error_message: string;
  policy?: 'local' | 'redis';
  fault_tolerant?: boolean;
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

export interface Limit {
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
  /** The counter store failed and the instance is not fault tolerant: Kong answers 500. */
  failed?: boolean;
}

/** A rate-limiting plugin instance, whatever its policy. */
export interface RateLimit {
  readonly config: RateLimitingConfig;
  readonly limits: Limit[];
  /** Header names this instance may set (the upstream's own copies are replaced). */
  readonly headerNames: string[];
  /** Identifiers with counters in this process (for the memory gauge). */
  readonly size: number;
  /** Counts the request and says whether it may go on; asynchronous when the counters are elsewhere. */
  take(identifier: string, now: number): RateLimitDecision | Promise<RateLimitDecision>;
  close(): void;
}

/** The limits a config sets, shortest period first. */
export function limitsOf(config: RateLimitingConfig): Limit[] {
  return RATE_LIMIT_PERIODS.filter((period) => config[period] !== undefined).map((period) => ({
    period,
    limit: config[period] as number,
    limitHeader: `X-RateLimit-Limit-${capitalized(period)}`,
    remainingHeader: `X-RateLimit-Remaining-${capitalized(period)}`,
    windowSeconds: WINDOW_SECONDS[period],
  }));
}

export function headerNamesOf(config: RateLimitingConfig, limits: Limit[]): string[] {
  if (config.hide_client_headers) return [];
  return [
    ...limits.flatMap((l) => [l.limitHeader, l.remainingHeader]),
    'RateLimit-Limit',
    'RateLimit-Remaining',
    'RateLimit-Reset',
  ];
}

/**
 * Kong's decision from each window's usage before this request: refused when a window has no room left;
 * Remaining = limit − usage − 1 (for the refusing window and when allowed), never below 0; the RateLimit-*
 * headers describe the most restrictive window, and Retry-After comes only with a refusal.
 */
export function decide(config: RateLimitingConfig, limits: Limit[], usage: number[], now: number): RateLimitDecision {
  let stop = -1;
  for (let i = 0; i < limits.length && stop < 0; i++) if (limits[i].limit - usage[i] <= 0) stop = i;
  const headers: string[] = [];
  if (!config.hide_client_headers) {
    let best = -1;
    let bestRemaining = 0;
    let reset = 0;
    for (let i = 0; i < limits.length; i++) {
      const { limit, windowSeconds, limitHeader, remainingHeader, period } = limits[i];
      let remaining = limit - usage[i];
      if (stop < 0 || stop === i) remaining -= 1;
      remaining = Math.max(0, remaining);
      if (best < 0 || remaining < bestRemaining || (remaining === bestRemaining && windowSeconds > limits[best].windowSeconds)) {
        best = i;
        bestRemaining = remaining;
        reset = Math.max(1, windowSeconds - Math.floor((now - windowStart(period, now)) / 1000));
      }
      headers.push(limitHeader, String(limit), remainingHeader, String(remaining));
    }
    headers.push(
      'RateLimit-Limit',
      String(limits[best].limit),
      'RateLimit-Remaining',
      String(bestRemaining),
      'RateLimit-Reset',
      String(reset),
    );
    if (stop >= 0) headers.push('Retry-After', String(reset));
  }
  return { allowed: stop < 0, headers };
}

/**
 * `policy: local`: fixed UTC-aligned windows counted in this process. As Kong's local policy, a refused
 * request is not counted.
 */
export class RateLimiter implements RateLimit {
  readonly limits: Limit[];
  readonly headerNames: string[];
  private readonly counters = new Map<string, Counter[]>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(readonly config: RateLimitingConfig) {
    this.limits = limitsOf(config);
    this.headerNames = headerNamesOf(config, this.limits);
    // Forget identifiers whose windows have all passed, so client IPs do not pile up.
    this.sweeper = setInterval(() => this.sweep(Date.now()), 60_000);
    this.sweeper.unref();
  }

  get size(): number {
    return this.counters.size;
  }

  take(identifier: string, now: number): RateLimitDecision {
    let counters = this.counters.get(identifier);
    if (!counters) {
      counters = this.limits.map(() => ({ start: 0, count: 0 }));
      this.counters.set(identifier, counters);
    }
    for (let i = 0; i < this.limits.length; i++) {
      const start = windowStart(this.limits[i].period, now);
      if (counters[i].start !== start) {
        counters[i].start = start;
        counters[i].count = 0;
      }
    }
    const decision = decide(
      this.config,
      this.limits,
      counters.map((counter) => counter.count),
      now,
    );
    if (decision.allowed) for (const counter of counters) counter.count++;
    return decision;
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
