import { defineConfig } from '@playwright/test';
import base from '../playwright.config.js';

// The real UI in Chromium against the Debian 13 guest's Podman 5 (cgroup v2), reached the way a user reaches a
// remote engine: the headless host started with a saved ssh:// connection. `npm test` runs it in its guest phase,
// while the guest is up (BURROW_GUEST_URL / BURROW_GUEST_IDENTITY); without a guest every test says why it skipped.
export default defineConfig({
  ...base,
  testDir: '.',
  testMatch: '*.spec.ts',
  testIgnore: [],
  outputDir: '../../test-results/e2e-guest',
  globalSetup: './global-setup.ts',
  // Every round trip crosses SSH into a qemu TCG guest.
  timeout: 180_000,
  expect: { timeout: 60_000 },
});
