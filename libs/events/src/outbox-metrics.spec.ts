import { subscribersOf } from './outbox-metrics';

describe(subscribersOf.name, () => {
  it('lists each service that subscribes to any of the producer’s events, once', () => {
    expect(subscribersOf('inventory')).toEqual(['ecommerce', 'reporting', 'retail']);
    expect(subscribersOf('retail')).toEqual(['inventory', 'reporting']);
    expect(subscribersOf('ecommerce')).toEqual(['reporting']);
  });

  it('is empty for a service that publishes nothing', () => {
    expect(subscribersOf('reporting')).toEqual([]);
    expect(subscribersOf('saga-orchestrator')).toEqual([]);
  });
});
