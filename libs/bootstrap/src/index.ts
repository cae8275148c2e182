export * from './all-exceptions.filter';
export * from './bootstrap';
export * from './domain.exception';
export * from './service-core.module';
export * from './service-definition';
export * from './transport';
export * from './validation';
