export * from './errors';
export * from './id-param';
export * from './inventory';
export * from './money';
export * from './optional-field';
export * from './paging';
export * from './services';
