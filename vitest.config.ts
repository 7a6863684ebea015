import { defineConfig } from 'vitest/config';

/**
 * Four tiers, one project each (`npm run test:<tier>` runs `vitest run --project <tier>`):
 * - unit: domain rules, handler mapping, AWS edges through aws-sdk-client-mock; nothing running.
 * - infra: assertions on the synthesized template and cdk-nag; each file synthesizes once, so it is slower.
 * - integration: data access against DynamoDB Local, started by the global setup.
 * - e2e: whole journeys over HTTP against the local stack, started by the global setup, one file at a time.
 */
export default defineConfig({
  test: {
    environment: 'node',
    // vi.stubEnv, vi.stubGlobal and vi.spyOn are undone before each test, so no stub leaks into the next one.
    unstubEnvs: true,
    unstubGlobals: true,
    restoreMocks: true,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'infra',
          include: ['test/infra/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/integration/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/e2e/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
