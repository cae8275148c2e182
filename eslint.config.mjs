// @ts-check
// One lint for the whole repository (`npm run lint`, part of `npm test`): typescript-eslint's type-checked rules on
// the Nest side (tsconfig.json) and the console (apps/console/tsconfig.json), found per file by the project service.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const TESTS = ['**/*.spec.ts', '**/*.e2e-spec.ts', '**/test/**/*.{ts,tsx}', 'libs/testing/**/*.ts'];

export default defineConfig(
  {
    ignores: ['dist/', 'coverage/', '.data/', 'load-tests/results/', 'apps/console/src/api/generated/'],
  },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // A variable that a callback declared earlier reads (a signal handler) stays `let`: as `const` it would be in its TDZ.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      // `async` marks functions that satisfy a Promise-returning contract (cache stores, `stop` hooks, test doubles).
      '@typescript-eslint/require-await': 'off',
      // An event contract names its version as an empty interface over its base shape (OrderLineV1 extends MoneyLine).
      '@typescript-eslint/no-empty-object-type': ['error', { allowInterfaces: 'with-single-extends' }],
      // Values thrown for control flow by design: TanStack Router's redirect(), and the reply that rolls back once().
      '@typescript-eslint/only-throw-error': [
        'error',
        {
          allow: [
            { from: 'package', package: '@tanstack/router-core', name: 'Redirect' },
            { from: 'file', path: 'libs/persistence/src/idempotent-commands.ts', name: 'RollbackWith' },
          ],
        },
      ],
      // Dropping fields with a rest pattern (`({ createdAt, ...rest }) => rest`) is how the code omits them.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
      // From the strict set, the two that fit: deprecated APIs, and switches over a union that miss a member.
      '@typescript-eslint/no-deprecated': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
    },
  },
  {
    // The data layer: a feature's repository is the only code that touches TypeORM (docs/architecture.md).
    files: ['apps/*/src/**/*.service.ts', 'apps/*/src/**/*.controller.ts', 'apps/*/src/**/*.handler.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: ['typeorm', '@nestjs/typeorm'].map((name) => ({
            name,
            message:
              "Services, controllers and handlers reach the database through their feature's repository; pass `Transaction` from '@app/persistence'.",
          })),
          patterns: [{ group: ['typeorm/*', '@nestjs/typeorm/*'], message: 'Only repositories import TypeORM.' }],
        },
      ],
    },
  },
  {
    files: TESTS,
    rules: {
      // HTTP tests read supertest's `body`, raw query rows and `expect.any()`, all typed `any`; the assertions check them.
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // Tests load the plain-JavaScript modules they check (k6 scenarios, fixtures) with require(), typed by a cast.
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    // Plain JavaScript is linted without types (no tsconfig includes it).
    files: ['**/*.{js,mjs,cjs}'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },
  {
    // Outside load-tests/ (a "type": "module" package) .js and .cjs files are CommonJS.
    files: ['**/*.{js,cjs}'],
    ignores: ['load-tests/**', 'apps/console/public/**'],
    languageOptions: { sourceType: 'commonjs', globals: globals.commonjs },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['load-tests/k6/**/*.js'],
    languageOptions: { globals: { __ENV: 'readonly', __VU: 'readonly', __ITER: 'readonly' } },
  },
  {
    // The console's runtime config (a classic script) and the browser-side callbacks of its Playwright tests.
    files: ['apps/console/public/**/*.js', 'apps/console/e2e/**/*.mjs'],
    languageOptions: { globals: globals.browser },
  },
  {
    files: ['apps/console/src/**/*.{ts,tsx}', 'apps/console/test/**/*.{ts,tsx}'],
    extends: [reactHooks.configs.flat.recommended],
    languageOptions: { globals: globals.browser },
  },
);
