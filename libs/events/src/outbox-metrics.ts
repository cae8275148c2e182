import { ServiceConfig } from '@app/config';
import { EVENT_SUBSCRIBERS, ServiceName } from '@app/contracts';
import { Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { singleMetric } from '@app/observability';
import { Counter, Gauge } from 'prom-client';
import { DataSource } from 'typeorm';

const OUTBOX_EVENTS_PENDING = 'outbox_events_pending';
const OUTBOX_OLDEST_PENDING_SECONDS = 'outbox_oldest_pending_seconds';
const OUTBOX_EVENTS_DELIVERED = 'outbox_events_delivered_total';
const OUTBOX_DELIVERY_FAILURES = 'outbox_delivery_failures_total';

/** The services that subscribe to at least one of `producer`'s events. */
export function subscribersOf(producer: ServiceName): ServiceName[] {
  const subscribers = Object.entries(EVENT_SUBSCRIBERS)
    .filter(([type]) => type.startsWith(`${producer}.`))
    .flatMap(([, services]) => services);
  return [...new Set(subscribers)].sort();
}

interface Backlog {
  pending: number;
  oldestSeconds: number;
}

/** The outboxes of this process; tests run several services in one process and share one registry. */
const outboxes = new Map<DataSource, ServiceName[]>();

async function backlogs(): Promise<Map<string, Backlog>> {
  const bySubscriber = new Map<string, Backlog>();
  const backlogOf = (subscriber: string) => {
    const backlog = bySubscriber.get(subscriber) ?? { pending: 0, oldestSeconds: 0 };
    bySubscriber.set(subscriber, backlog);
    return backlog;
  };
  for (const [dataSource, subscribers] of outboxes) {
    if (!dataSource.isInitialized || subscribers.length === 0) continue;
    const rows = await pendingBySubscriber(dataSource);
    // Unreadable (database down): no figure rather than a reassuring 0; the scrape still answers with the rest.
    if (!rows) continue;
    for (const subscriber of subscribers) backlogOf(subscriber);
    for (const row of rows) {
      const backlog = backlogOf(row.subscriber);
      backlog.pending += row.pending;
      backlog.oldestSeconds = Math.max(backlog.oldestSeconds, row.oldest_seconds);
    }
  }
  return bySubscriber;
}

/** Served by the partial index on pending events: cheap while the outbox is healthy (few rows pending). */
async function pendingBySubscriber(dataSource: DataSource) {
  try {
    return await dataSource.query<Array<{ subscriber: string; pending: number; oldest_seconds: number }>>(
      `SELECT subscriber, count(*)::int AS pending, extract(epoch FROM now() - min(recorded_at))::float8 AS oldest_seconds
         FROM outbox_events, unnest(pending_for) AS subscriber
        WHERE cardinality(pending_for) > 0
        GROUP BY subscriber`,
    );
  } catch {
    return null;
  }
}

let pendingRead: Promise<Map<string, Backlog>> | undefined;

/** The two gauges of one scrape share one read. */
function sharedBacklogs(): Promise<Map<string, Backlog>> {
  pendingRead ??= backlogs().finally(() => (pendingRead = undefined));
  return pendingRead;
}

function gauge(name: string, help: string, read: (backlog: Backlog) => number): Gauge<'subscriber'> {
  return singleMetric(
    name,
    () =>
      new Gauge({
        name,
        help,
        labelNames: ['subscriber'],
        async collect() {
          this.reset();
          for (const [subscriber, backlog] of await sharedBacklogs()) this.set({ subscriber }, read(backlog));
        },
      }),
  );
}

function counter(name: string, help: string): Counter<'subscriber'> {
  return singleMetric(name, () => new Counter({ name, help, labelNames: ['subscriber'] }));
}

/**
 * What waits in this service's outbox, per subscriber, read from the database at scrape time (so every
 * instance of a producer reports the same figures: aggregate them with max), and how its deliveries went.
 */
@Injectable()
export class OutboxMetrics implements OnModuleInit, OnApplicationShutdown {
  readonly delivered = counter(OUTBOX_EVENTS_DELIVERED, 'Events a subscriber acknowledged, by subscriber');
  readonly failures = counter(
    OUTBOX_DELIVERY_FAILURES,
    'Deliveries a subscriber did not fully acknowledge (down, timed out, or refused an event), by subscriber',
  );

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: ServiceConfig,
  ) {}

  onModuleInit(): void {
    gauge(OUTBOX_EVENTS_PENDING, 'Events recorded and not yet acknowledged, by subscriber', (backlog) => backlog.pending);
    gauge(
      OUTBOX_OLDEST_PENDING_SECONDS,
      'Age of the oldest event not yet acknowledged, by subscriber (0 when none waits)',
      (backlog) => backlog.oldestSeconds,
    );
    const subscribers = subscribersOf(this.config.service);
    // Every series exists from the start, at 0, so rates and alerts see the first failure.
    for (const subscriber of subscribers) {
      this.delivered.inc({ subscriber }, 0);
      this.failures.inc({ subscriber }, 0);
    }
    outboxes.set(this.dataSource, subscribers);
  }

  onApplicationShutdown(): void {
    outboxes.delete(this.dataSource);
  }
}
