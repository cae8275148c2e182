export * from './db-pool.metrics';
export * from './health';
export * from './logger';
export * from './metrics';
