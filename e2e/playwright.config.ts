import { defineConfig } from '@playwright/test';

// The real UI in Debian's Chromium (never a downloaded browser), served by the real headless host against real
// rootless Podman. The global setup starts the host and shares its URL with the tests.
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  // The guest's journeys need the Debian 13 guest up: e2e/guest/playwright.config.ts, in `npm test`'s guest phase.
  testIgnore: 'guest/**',
  outputDir: '../test-results/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  globalSetup: './support/global-setup.ts',
  use: {
    browserName: 'chromium',
    headless: true,
    screenshot: 'only-on-failure',
    trace: 'off',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
});
