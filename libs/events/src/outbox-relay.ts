import { ServiceConfig } from '@app/config';
import { EventDeliveryReply, ServiceName, eventDeliveryPattern } from '@app/contracts';
import { clientTransport } from '@app/bootstrap';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ClientProxy, ClientProxyFactory } from '@nestjs/microservices';
import { InjectDataSource } from '@nestjs/typeorm';
import { firstValueFrom, timeout } from 'rxjs';
import { DataSource } from 'typeorm';
import { OutboxEvent } from './event.entities';
import { envelopeOf } from './outbox';

const BATCH_SIZE = 100;
const DELIVERY_TIMEOUT_MS = 5000;
const MAX_BACKOFF_MS = 30_000;

/** Exponential backoff with full jitter: 0.5 s, 1 s, 2 s … up to 30 s. */
export function backoffMs(attempts: number, random = Math.random): number {
  return Math.round(random() * Math.min(MAX_BACKOFF_MS, 500 * 2 ** Math.min(attempts, 16)));
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

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: ServiceConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.outboxRelayIntervalMs > 0) this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await Promise.all([...this.clients.values()].map((client) => client.close()));
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
        .take(BATCH_SIZE)
        .getMany();
      const unreachable = new Map<string, string>();
      let acknowledged = 0;
      for (const row of rows) {
        const envelope = envelopeOf(row, this.config.service);
        const failed: string[] = [];
        for (const subscriber of row.pendingFor) {
          // Once a subscriber failed in this pass, its other events wait for the next one.
          const error = unreachable.get(subscriber) ?? (await this.deliver(subscriber as ServiceName, envelope));
          if (error) {
            unreachable.set(subscriber, error);
            failed.push(subscriber);
          } else {
            acknowledged++;
          }
        }
        if (failed.length > 0) {
          row.attempts += 1;
          row.nextAttemptAt = new Date(Date.now() + backoffMs(row.attempts));
          row.lastError = failed.map((subscriber) => `${subscriber}: ${unreachable.get(subscriber)}`).join('; ');
        }
        row.pendingFor = failed;
        await manager.getRepository(OutboxEvent).update(row.id, {
          pendingFor: row.pendingFor,
          attempts: row.attempts,
          nextAttemptAt: row.nextAttemptAt,
          lastError: row.lastError,
        });
      }
      return acknowledged;
    });
  }

  /** Undefined when acknowledged; otherwise why not. */
  private async deliver(subscriber: ServiceName, envelope: ReturnType<typeof envelopeOf>): Promise<string | undefined> {
    try {
      const reply = await firstValueFrom(
        this.client(subscriber)
          .send<EventDeliveryReply>(eventDeliveryPattern(subscriber), envelope)
          .pipe(timeout(DELIVERY_TIMEOUT_MS)),
      );
      return reply?.outcome ? undefined : `unexpected reply ${JSON.stringify(reply)}`;
    } catch (error) {
      return error instanceof Error ? error.message : JSON.stringify(error);
    }
  }

  private client(subscriber: ServiceName): ClientProxy {
    let client = this.clients.get(subscriber);
    if (!client) {
      client = ClientProxyFactory.create(clientTransport(subscriber, this.config)) as ClientProxy;
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
    // A busy outbox is drained at once; an idle one is polled.
    this.schedule(delivered >= BATCH_SIZE ? 0 : this.config.outboxRelayIntervalMs);
  }
}
