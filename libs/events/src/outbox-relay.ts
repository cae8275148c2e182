import { ServiceConfig } from '@app/config';
import { EventDelivery, EventDeliveryReply, MAX_EVENTS_PER_DELIVERY, ServiceName, eventDeliveryPattern } from '@app/contracts';
import { clientTransport } from '@app/bootstrap';
import { jitteredBackoffMs } from '@app/persistence';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ClientProxy, ClientProxyFactory } from '@nestjs/microservices';
import { InjectDataSource } from '@nestjs/typeorm';
import { firstValueFrom, timeout } from 'rxjs';
import { DataSource } from 'typeorm';
import { OutboxEvent } from './event.entities';
import { messageOf } from './event-inbox';
import { envelopeOf } from './outbox';
import { OutboxMetrics } from './outbox-metrics';

const DELIVERY_TIMEOUT_MS = 5000;
const MAX_BACKOFF_MS = 30_000;
const PRUNE_INTERVAL_MS = 60 * 60 * 1000;
/** Rows deleted per statement, so that pruning a long history never holds locks for long. */
const PRUNE_BATCH = 5000;

/** The relay's schedule for a failed delivery: up to 0.5 s, 1 s, 2 s … 30 s. */
export function backoffMs(attempts: number, random = Math.random): number {
  return jitteredBackoffMs(attempts, 500, MAX_BACKOFF_MS, random);
}

/**
 * Delivers outbox events to every subscriber at least once: an event stays pending for a
 * subscriber until that subscriber acknowledges it. Rows are claimed with SKIP LOCKED, so
 * several instances of a producer share the work.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly clients = new Map<ServiceName, ClientProxy>();
  private timer?: NodeJS.Timeout;
  private stopped = false;
  private lastPrunedAt = 0;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: ServiceConfig,
    private readonly metrics: OutboxMetrics,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.outboxRelayIntervalMs > 0) this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await Promise.all([...this.clients.values()].map((client): unknown => client.close()));
  }

  /** One pass over pending events; returns how many deliveries were acknowledged. */
  async deliverPending(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows = await manager
        .getRepository(OutboxEvent)
        .createQueryBuilder('event')
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .where('cardinality(event.pendingFor) > 0 AND event.nextAttemptAt <= now()')
        .orderBy('event.id', 'ASC')
        .take(MAX_EVENTS_PER_DELIVERY)
        .getMany();
      // Each subscriber gets its pending events in one delivery, oldest first.
      const failures = new Map<string, Map<string, string>>();
      let acknowledged = 0;
      for (const subscriber of new Set(rows.flatMap((row) => row.pendingFor))) {
        const pending = rows.filter((row) => row.pendingFor.includes(subscriber));
        const { outcomes, error } = await this.deliver(subscriber as ServiceName, pending);
        acknowledged += outcomes.length;
        this.metrics.delivered.inc({ subscriber }, outcomes.length);
        if (outcomes.length < pending.length) this.metrics.failures.inc({ subscriber });
        // The first unacknowledged event and those after it wait for the next pass.
        for (const row of pending.slice(outcomes.length)) {
          const failed = failures.get(row.id) ?? new Map<string, string>();
          failed.set(subscriber, error ?? 'not acknowledged');
          failures.set(row.id, failed);
        }
      }
      const delivered = rows.filter((row) => !failures.has(row.id)).map((row) => row.id);
      if (delivered.length > 0) {
        await manager.query(`UPDATE outbox_events SET pending_for = '{}' WHERE id = ANY($1::bigint[])`, [delivered]);
      }
      for (const row of rows.filter((r) => failures.has(r.id))) {
        const failed = failures.get(row.id)!;
        const attempts = row.attempts + 1;
        await manager.getRepository(OutboxEvent).update(row.id, {
          pendingFor: [...failed.keys()],
          attempts,
          nextAttemptAt: new Date(Date.now() + backoffMs(attempts)),
          lastError: [...failed].map(([subscriber, error]) => `${subscriber}: ${error}`).join('; '),
        });
      }
      return acknowledged;
    });
  }

  private async deliver(subscriber: ServiceName, rows: OutboxEvent[]): Promise<EventDeliveryReply> {
    const delivery: EventDelivery = { events: rows.map((row) => envelopeOf(row, this.config.service)) };
    try {
      const reply = await firstValueFrom(
        this.client(subscriber)
          .send<EventDeliveryReply>(eventDeliveryPattern(subscriber), delivery)
          .pipe(timeout(DELIVERY_TIMEOUT_MS)),
      );
      if (!Array.isArray(reply?.outcomes)) return { outcomes: [], error: `unexpected reply ${JSON.stringify(reply)}` };
      return reply;
    } catch (error) {
      return { outcomes: [], error: messageOf(error) };
    }
  }

  /**
   * Deletes events every subscriber has acknowledged more than OUTBOX_RETENTION_HOURS ago (by when they occurred);
   * events still pending for anyone are kept whatever their age. Returns how many rows went.
   */
  async prune(): Promise<number> {
    const hours = this.config.outboxRetentionHours;
    if (hours === 0) return 0;
    let pruned = 0;
    for (;;) {
      const [, count] = await this.dataSource.query<[unknown, number]>(
        `DELETE FROM outbox_events WHERE id IN (
           SELECT id FROM outbox_events
           WHERE cardinality(pending_for) = 0 AND occurred_at < now() - make_interval(hours => $1)
           LIMIT $2)`,
        [hours, PRUNE_BATCH],
      );
      pruned += count;
      if (count < PRUNE_BATCH) return pruned;
    }
  }

  private client(subscriber: ServiceName): ClientProxy {
    let client = this.clients.get(subscriber);
    if (!client) {
      client = ClientProxyFactory.create(clientTransport(subscriber, this.config));
      this.clients.set(subscriber, client);
    }
    return client;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.tick(), delayMs);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    let delivered = 0;
    try {
      delivered = await this.deliverPending();
    } catch (error) {
      this.logger.error({ err: error }, 'outbox relay pass failed');
    }
    if (Date.now() - this.lastPrunedAt >= PRUNE_INTERVAL_MS) {
      this.lastPrunedAt = Date.now();
      await this.prune().then(
        (pruned) => pruned > 0 && this.logger.log(`pruned ${pruned} delivered events from the outbox`),
        (error: unknown) => this.logger.error({ err: error }, 'outbox pruning failed'),
      );
    }
    // A busy outbox is drained at once; an idle one is polled.
    this.schedule(delivered >= MAX_EVENTS_PER_DELIVERY ? 0 : this.config.outboxRelayIntervalMs);
  }
}
