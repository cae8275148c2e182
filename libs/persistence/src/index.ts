export * from './database-admin';
export * from './embedded-postgres';
export * from './idempotent-commands';
export * from './postgres-errors';
export * from './processed-command.entity';
export * from './service-database';
export * from './snake-naming.strategy';
export * from './prepared-statements';
