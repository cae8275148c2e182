export * from './database-admin';
export * from './embedded-postgres';
export * from './postgres-errors';
export * from './service-database';
export * from './snake-naming.strategy';
