import { ServiceName } from '@app/contracts';
import { DynamicModule, Module } from '@nestjs/common';
import { eventDeliveryController } from './event-delivery.controller';
import { EventInbox } from './event-inbox';
import { Outbox } from './outbox';
import { OutboxMetrics } from './outbox-metrics';
import { OutboxRelay } from './outbox-relay';

/** Outbox (record + relay) and inbox (exactly-once apply) for one service's domain events. */
@Module({})
export class EventsModule {
  static forService(service: ServiceName): DynamicModule {
    return {
      module: EventsModule,
      global: true,
      controllers: [eventDeliveryController(service)],
      providers: [Outbox, OutboxRelay, OutboxMetrics, EventInbox],
      exports: [Outbox, OutboxRelay, EventInbox],
    };
  }
}
