export * from './bad-input';
export * from './database-fingerprint';
export * from './test-app';
export * from './test-database';
export * from './statements';
