export * from './event-delivery.controller';
export * from './event-inbox';
export * from './event.entities';
export * from './events.module';
export * from './outbox';
export * from './outbox-relay';
