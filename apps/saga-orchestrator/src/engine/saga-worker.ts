import { ServiceConfig } from '@app/config';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { SagaOrchestratorEnvironment } from '../saga-orchestrator.environment';
import { Saga } from '../sagas/saga.entity';
import { SagasRepository } from '../sagas/sagas.repository';
import { SagaMetrics } from './saga.metrics';
import { SagaRunner } from './saga-runner';

const METRICS_EVERY_MS = 5000;

/**
 * Runs sagas in this instance: new ones at once, and on every poll the ones that are due — a
 * retry whose time has come, or a saga whose owner stopped renewing its lease (crash, kill -9).
 */
@Injectable()
export class SagaWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly instanceId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly logger = new Logger(SagaWorker.name);
  private readonly inFlight = new Map<string, Promise<void>>();
  private timer?: NodeJS.Timeout;
  private stopping = false;
  private lastMetricsAt = 0;

  constructor(
    private readonly sagas: SagasRepository,
    private readonly runner: SagaRunner,
    private readonly metrics: SagaMetrics,
    private readonly config: ServiceConfig<SagaOrchestratorEnvironment>,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.timer);
    await Promise.allSettled(this.inFlight.values());
  }

  /** Whether a new saga can be driven here now (else it is left for a poll to claim). */
  get hasCapacity(): boolean {
    return !this.stopping && this.inFlight.size < this.config.env.SAGA_MAX_IN_FLIGHT;
  }

  isDriving(sagaId: string): boolean {
    return this.inFlight.has(sagaId);
  }

  drive(saga: Saga): void {
    if (this.inFlight.has(saga.id)) return;
    const run = this.runner
      .drive(saga, () => this.stopping)
      .catch((error: unknown) =>
        this.logger.error({ err: error, saga_id: saga.id }, 'saga driver failed; another poll resumes it'),
      )
      .finally(() => this.inFlight.delete(saga.id));
    this.inFlight.set(saga.id, run);
  }

  /** Claims and starts what is due; exposed for tests, which drive time themselves. */
  async poll(): Promise<number> {
    const room = this.config.env.SAGA_MAX_IN_FLIGHT - this.inFlight.size;
    const claimed = await this.sagas.claimRunnable(this.instanceId, room, this.config.env.SAGA_LEASE_SECONDS);
    for (const saga of claimed) this.drive(saga);
    if (Date.now() - this.lastMetricsAt >= METRICS_EVERY_MS) {
      this.lastMetricsAt = Date.now();
      const { byStatus, stuck } = await this.sagas.countsByStatus();
      this.metrics.snapshot(byStatus, stuck);
    }
    return claimed.length;
  }

  private schedule(delayMs: number): void {
    if (this.stopping) return;
    this.timer = setTimeout(() => void this.tick(), delayMs);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    try {
      await this.poll();
    } catch (error) {
      this.logger.error({ err: error }, 'saga poll failed');
    }
    this.schedule(this.config.env.SAGA_POLL_INTERVAL_MS);
  }
}
