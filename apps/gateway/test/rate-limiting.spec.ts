import { RateLimiter, RateLimitingConfig, windowStart } from '../src/plugins/rate-limiting';

const at = (iso: string) => Date.parse(iso);
const header = (headers: string[], name: string) => headers[headers.indexOf(name) + 1];

function limiter(limits: Partial<RateLimitingConfig>): RateLimiter {
  return new RateLimiter({
    limit_by: 'consumer',
    hide_client_headers: false,
    error_code: 429,
    error_message: 'API rate limit exceeded',
    ...limits,
  });
}

describe(RateLimiter.name, () => {
  const limiters: RateLimiter[] = [];
  const make = (limits: Partial<RateLimitingConfig>) => {
    const created = limiter(limits);
    limiters.push(created);
    return created;
  };
  afterAll(() => limiters.forEach((l) => l.close()));

  it('counts in minute windows aligned to the UTC clock, not to the first request', () => {
    const minute = make({ minute: 2 });
    expect(minute.take('c', at('2026-01-01T12:00:58.200Z')).allowed).toBe(true);
    expect(minute.take('c', at('2026-01-01T12:00:59.100Z')).allowed).toBe(true);
    const refused = minute.take('c', at('2026-01-01T12:00:59.900Z'));
    expect(refused.allowed).toBe(false);
    expect([header(refused.headers, 'RateLimit-Reset'), header(refused.headers, 'Retry-After')]).toEqual(['1', '1']);
    // Two seconds after the first request, but a new minute has begun.
    expect(minute.take('c', at('2026-01-01T12:01:00.000Z')).allowed).toBe(true);
  });

  it("sends Kong's headers: remaining = limit - used - 1, a refused request not counted", () => {
    const minute = make({ minute: 3 });
    const now = at('2026-01-01T08:30:15.000Z');
    const remaining = [1, 2, 3, 4, 5].map(() => header(minute.take('c', now).headers, 'X-RateLimit-Remaining-Minute'));
    expect(remaining).toEqual(['2', '1', '0', '0', '0']);
    const refused = minute.take('c', now);
    expect(refused.headers).toEqual([
      'X-RateLimit-Limit-Minute', '3', 'X-RateLimit-Remaining-Minute', '0',
      'RateLimit-Limit', '3', 'RateLimit-Remaining', '0', 'RateLimit-Reset', '45', 'Retry-After', '45',
    ]); // prettier-ignore
    expect(minute.take('other consumer', now).allowed).toBe(true);
  });

  it('describes the most restrictive window in RateLimit-*', () => {
    const both = make({ second: 5, minute: 100 });
    const now = at('2026-01-01T08:30:15.250Z');
    for (let i = 0; i < 4; i++) both.take('c', now);
    const last = both.take('c', now);
    expect(last.allowed).toBe(true);
    expect([
      header(last.headers, 'RateLimit-Limit'),
      header(last.headers, 'RateLimit-Remaining'),
      header(last.headers, 'RateLimit-Reset'),
    ]).toEqual(['5', '0', '1']);
    expect(header(last.headers, 'X-RateLimit-Remaining-Minute')).toBe('95');
    expect(both.take('c', now).allowed).toBe(false);
  });

  it('hides the headers when told to', () => {
    expect(make({ minute: 1, hide_client_headers: true }).take('c', Date.now()).headers).toEqual([]);
  });
});

describe(windowStart.name, () => {
  it('starts months and years on the calendar, in UTC', () => {
    const now = at('2026-03-17T23:59:59.999Z');
    expect(new Date(windowStart('day', now)).toISOString()).toBe('2026-03-17T00:00:00.000Z');
    expect(new Date(windowStart('month', now)).toISOString()).toBe('2026-03-01T00:00:00.000Z');
    expect(new Date(windowStart('year', now)).toISOString()).toBe('2026-01-01T00:00:00.000Z');
  });
});
