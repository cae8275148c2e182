export * from './cache-store';
export * from './response-cache';
