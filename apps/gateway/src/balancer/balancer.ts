import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { Healthchecks, TargetDef } from '../config/model';

export type TargetState = 'healthy' | 'unhealthy' | 'dns_error';
export type Failure = 'http' | 'tcp' | 'timeout';
type Source = 'active' | 'passive';

/**
 * One upstream target with lua-resty-healthcheck's counting: a result opposite to the target's state moves a
 * healthy target to "mostly healthy" (still in rotation) or an unhealthy one to "mostly unhealthy" (still out),
 * and a counter reaching its limit flips it; a limit of 0 disables that kind of result.
 */
export class Target {
  state: TargetState = 'healthy';
  /** What the socket connects to (the target's host resolved once). */
  address: string;
  private mostly = false;
  private readonly counters = { success: 0, http: 0, tcp: 0, timeout: 0 };

  constructor(
    readonly def: TargetDef,
    private readonly checks: Healthchecks,
    private readonly onChange: (target: Target, from: TargetState) => void,
  ) {
    this.address = def.host;
  }

  get label(): string {
    return this.def.target;
  }

  get available(): boolean {
    return this.state === 'healthy';
  }

  reportSuccess(source: Source): void {
    this.count('success', source === 'active' ? this.checks.active.healthySuccesses : this.checks.passive.healthySuccesses);
  }

  reportFailure(kind: Failure, source: Source): void {
    const checks = source === 'active' ? this.checks.active : this.checks.passive;
    const limit =
      kind === 'http' ? checks.unhealthyHttpFailures : kind === 'tcp' ? checks.unhealthyTcpFailures : checks.unhealthyTimeouts;
    this.count(kind, limit);
  }

  /** Passive check of a proxied response's status. */
  reportStatus(status: number): void {
    const passive = this.checks.passive;
    if (passive.unhealthyStatuses.has(status)) this.reportFailure('http', 'passive');
    else if (passive.healthyStatuses.has(status)) this.reportSuccess('passive');
  }

  private count(kind: keyof Target['counters'], limit: number): void {
    if (limit === 0 || this.state === 'dns_error') return;
    const towards: TargetState = kind === 'success' ? 'healthy' : 'unhealthy';
    if (this.state === towards && !this.mostly) return;
    if (++this.counters[kind] >= limit) return this.setState(towards);
    if (!this.mostly) {
      // First opposite result: keep only this one counted.
      this.mostly = true;
      this.resetCounters();
      this.counters[kind] = 1;
    }
  }

  private resetCounters(): void {
    this.counters.success = this.counters.http = this.counters.tcp = this.counters.timeout = 0;
  }

  setState(state: TargetState): void {
    const from = this.state;
    this.mostly = false;
    this.resetCounters();
    if (from === state) return;
    this.state = state;
    this.onChange(this, from);
  }
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

/**
 * Kong's round-robin balancer: every target appears weight/gcd times on a shuffled wheel; a pointer walks
 * it, skipping unavailable targets; a full turn without an available one means no peer (503).
 */
export class Balancer {
  readonly targets: Target[];
  private readonly wheel: Target[];
  private pointer: number;

  constructor(
    readonly name: string,
    targets: TargetDef[],
    readonly checks: Healthchecks,
    /** The upstream's `host_header`: the Host sent to every target instead of the target's own name. */
    readonly hostHeader: string | undefined,
    onChange: (balancer: Balancer, target: Target, from: TargetState) => void = () => undefined,
  ) {
    this.targets = targets.map((def) => new Target(def, checks, (target, from) => onChange(this, target, from)));
    const divisor = this.targets.reduce((d, t) => gcd(d, t.def.weight), 0);
    const wheel: Target[] = [];
    if (divisor > 0) for (const target of this.targets) for (let i = 0; i < target.def.weight / divisor; i++) wheel.push(target);
    this.wheel = shuffle(wheel);
    this.pointer = Math.floor(Math.random() * Math.max(1, wheel.length));
  }

  /** Whether health checks run at all (Kong's `healthchecks_off` state otherwise). */
  get healthchecksOn(): boolean {
    const { active, passive } = this.checks;
    return (
      active.healthyIntervalMs > 0 ||
      active.unhealthyIntervalMs > 0 ||
      passive.unhealthyHttpFailures > 0 ||
      passive.unhealthyTcpFailures > 0 ||
      passive.unhealthyTimeouts > 0
    );
  }

  private belowThreshold(): boolean {
    if (this.checks.threshold <= 0) return false;
    let total = 0;
    let healthy = 0;
    for (const target of this.targets) {
      total += target.def.weight;
      if (target.available) healthy += target.def.weight;
    }
    return total === 0 || (healthy * 100) / total < this.checks.threshold;
  }

  getPeer(): Target | undefined {
    const size = this.wheel.length;
    if (size === 0 || this.belowThreshold()) return undefined;
    for (let step = 0; step < size; step++) {
      this.pointer = this.pointer + 1 >= size ? 0 : this.pointer + 1;
      const target = this.wheel[this.pointer];
      if (target.available) return target;
    }
    return undefined;
  }

  /** Resolves host names once (targets given as addresses need nothing); an unresolvable one is `dns_error`. */
  async resolve(): Promise<void> {
    await Promise.all(
      this.targets.map(async (target) => {
        if (isIP(target.def.host)) return;
        try {
          target.address = (await lookup(target.def.host)).address;
          if (target.state === 'dns_error') target.setState('healthy');
        } catch {
          target.setState('dns_error');
        }
      }),
    );
  }
}
