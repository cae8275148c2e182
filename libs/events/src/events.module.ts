import { Global, Module } from '@nestjs/common';
import { EventDeliveryController } from './event-delivery.controller';
import { EventInbox } from './event-inbox';
import { Outbox } from './outbox';
import { OutboxRelay } from './outbox-relay';

/** Outbox (record + relay) and inbox (exactly-once apply) for a service's domain events. */
@Global()
@Module({
  controllers: [EventDeliveryController],
  providers: [Outbox, OutboxRelay, EventInbox],
  exports: [Outbox, OutboxRelay, EventInbox],
})
export class EventsModule {}
