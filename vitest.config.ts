import { defineConfig } from 'vitest/config';

const apiTests = [
  'server/**/*.routes.test.ts',
  'server/**/*.repository.test.ts',
  'server/**/*.db.test.ts',
];

export default defineConfig({
  test: {
    env: { TZ: 'UTC' },
    projects: [
      {
        test: {
          name: 'unit',
          include: ['{server,shared,web,scripts}/**/*.test.{ts,tsx}'],
          exclude: [...apiTests, '**/node_modules/**'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'api-sqlite',
          include: apiTests,
          globalSetup: ['server/test/global-setup.ts'],
          env: { TEST_DB_ENGINE: 'sqlite' },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'api-postgres',
          include: apiTests,
          globalSetup: ['server/test/global-setup.ts'],
          env: { TEST_DB_ENGINE: 'postgres' },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
