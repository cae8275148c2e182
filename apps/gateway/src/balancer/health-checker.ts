import { request } from 'node:http';
import { Balancer, Target } from './balancer';

type ProbeResult = { kind: 'status'; status: number } | { kind: 'tcp' } | { kind: 'timeout' };

function probe(target: Target, path: string, timeoutMs: number): Promise<ProbeResult> {
  return new Promise((resolve) => {
    // A fresh connection per probe, as Kong's checker opens one: a pooled socket would hide a dead listener.
    const req = request({
      host: target.address,
      port: target.def.port,
      path,
      method: 'GET',
      agent: false,
      headers: {
        host: `${target.def.host}:${target.def.port}`,
        connection: 'close',
        'user-agent': 'kong-local-gateway healthcheck',
      },
    });
    let settled = false;
    const finish = (result: ProbeResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => finish({ kind: 'timeout' }), timeoutMs);
    req.on('response', (res) => {
      res.resume();
      finish({ kind: 'status', status: res.statusCode ?? 0 });
    });
    req.on('error', () => finish({ kind: 'tcp' }));
    req.end();
  });
}

/**
 * Kong's active health checks for one upstream: healthy targets are probed every `healthy.interval`,
 * unhealthy ones every `unhealthy.interval` (0 turns that side off), at most `concurrency` at a time.
 */
export class HealthChecker {
  private readonly timers: NodeJS.Timeout[] = [];
  private stopped = false;

  constructor(private readonly balancer: Balancer) {}

  start(): void {
    const { active } = this.balancer.checks;
    if (active.healthyIntervalMs > 0) this.every(active.healthyIntervalMs, (target) => target.state === 'healthy');
    if (active.unhealthyIntervalMs > 0) this.every(active.unhealthyIntervalMs, (target) => target.state === 'unhealthy');
    const hasNames = this.balancer.targets.some((target) => target.state === 'dns_error' || target.address !== target.def.host);
    // Names that did not resolve at start are tried again, as Kong's DNS client does.
    if (hasNames)
      this.every(
        10_000,
        () => false,
        () => this.balancer.resolve(),
      );
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.timers) clearInterval(timer);
  }

  private every(intervalMs: number, select: (target: Target) => boolean, extra?: () => Promise<void>): void {
    let running = false;
    const timer = setInterval(() => {
      if (running || this.stopped) return;
      running = true;
      const work = extra ? extra() : this.check(this.balancer.targets.filter(select));
      void work.finally(() => (running = false));
    }, intervalMs);
    timer.unref();
    this.timers.push(timer);
  }

  private async check(targets: Target[]): Promise<void> {
    const { active } = this.balancer.checks;
    for (let i = 0; i < targets.length; i += active.concurrency) {
      const batch = targets.slice(i, i + active.concurrency);
      const results = await Promise.all(batch.map((target) => probe(target, active.httpPath, active.timeoutMs)));
      if (this.stopped) return;
      results.forEach((result, j) => {
        const target = batch[j];
        if (result.kind === 'tcp') target.reportFailure('tcp', 'active');
        else if (result.kind === 'timeout') target.reportFailure('timeout', 'active');
        else if (active.unhealthyStatuses.has(result.status)) target.reportFailure('http', 'active');
        else if (active.healthyStatuses.has(result.status)) target.reportSuccess('active');
      });
    }
  }
}
