import { Balancer, Target } from '../src/balancer/balancer';
import { compileKongConfig } from '../src';
import { kongDocument } from './gateway-test-kit';

const checks = compileKongConfig(kongDocument()).upstreams.get('inventory-upstream')!.healthchecks;

function balancer(weights: number[]): Balancer {
  const targets = weights.map((weight, i) => ({ target: `t${i}:80`, host: `t${i}`, port: 80, weight }));
  return new Balancer('test', targets, checks, undefined);
}

function picks(b: Balancer, count: number): Record<string, number> {
  const counts: Record<string, number> = {};
  for (let i = 0; i < count; i++) {
    const label = b.getPeer()?.label ?? 'none';
    counts[label] = (counts[label] ?? 0) + 1;
  }
  return counts;
}

describe(Balancer.name, () => {
  it('sends traffic in proportion to the weights (a wheel of weight/gcd slots per target)', () => {
    expect(picks(balancer([100, 50]), 3000)).toEqual({ 't0:80': 2000, 't1:80': 1000 });
    expect(picks(balancer([100, 0]), 10)).toEqual({ 't0:80': 10 });
  });

  it('skips unhealthy targets and has no peer when none is healthy', () => {
    const b = balancer([100, 100]);
    b.targets[0].setState('unhealthy');
    expect(picks(b, 4)).toEqual({ 't1:80': 4 });
    b.targets[1].setState('unhealthy');
    expect(b.getPeer()).toBeUndefined();
  });
});

describe(Target.name, () => {
  // The file's passive checks: 5 HTTP failures (500, 503), 2 TCP failures; active: 2 successes bring it back.
  it('goes down after consecutive passive failures; a success run of the configured length resets the count', () => {
    const target = balancer([100]).targets[0];
    for (let i = 0; i < 4; i++) target.reportStatus(500);
    for (let i = 0; i < 5; i++) target.reportStatus(200);
    for (let i = 0; i < 4; i++) target.reportStatus(503);
    expect(target.state).toBe('healthy');
    target.reportStatus(500);
    expect(target.state).toBe('unhealthy');
  });

  it('counts failures interleaved with too few successes, as lua-resty-healthcheck does', () => {
    const target = balancer([100]).targets[0];
    for (let i = 0; i < 5; i++) {
      target.reportStatus(500);
      target.reportStatus(200);
    }
    expect(target.state).toBe('unhealthy');
  });

  it('once down gets no traffic, so only active checks can bring it back', () => {
    const b = balancer([100, 100]);
    const target = b.targets[0];
    target.reportFailure('tcp', 'passive');
    target.reportFailure('tcp', 'passive');
    expect(target.state).toBe('unhealthy');
    expect(picks(b, 10)).toEqual({ 't1:80': 10 });
    target.reportSuccess('active');
    expect(target.state).toBe('unhealthy');
    target.reportSuccess('active');
    expect(picks(b, 10)).toEqual({ 't0:80': 5, 't1:80': 5 });
  });
});
