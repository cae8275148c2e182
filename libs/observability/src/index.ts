export * from './db-pool.metrics';
export * from './health';
export * from './logger';
export * from './metrics';
export * from './registry';
