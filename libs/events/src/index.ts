export * from './event-delivery.controller';
export * from './event-inbox';
export * from './event.entities';
export * from './events.module';
export * from './outbox';
export * from './outbox-metrics';
export * from './outbox-relay';
export * from './migrations/1795260000100-outbox-recorded-at';
