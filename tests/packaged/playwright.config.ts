import { defineConfig } from '@playwright/test';

/**
 * The packaged-app smoke test (`npm run test:packaged`), apart from the
 * browser-host suite in playwright.config.ts: it drives the Electron binary
 * that `npm run package -- --dir` wrote to dist/, and needs no browser.
 */
export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 20_000 },
  reporter: [['list']],
  outputDir: '../../test-results/packaged',
});
