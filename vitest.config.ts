import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// Projects: fast unit tests beside the code, renderer tests in jsdom, integration tests that talk to real rootless
// Podman, and the same engine suite against the Debian 13 guest.
// Integration tests share one engine (the global setup starts a private Podman service and a local registry),
// so they run in one fork, one file at a time.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'core/**/*.test.ts',
            'electron/**/*.test.ts',
            'scripts/**/*.test.ts',
            'bench/**/*.test.ts',
          ],
          exclude: ['**/integration/**', 'node_modules/**'],
          environment: 'node',
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'renderer',
          include: ['renderer/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['core/integration/**/*.test.ts', 'electron/integration/**/*.test.ts'],
          exclude: ['**/integration/guest-*.test.ts', 'node_modules/**'],
          environment: 'node',
          globalSetup: ['./core/integration/harness/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
      {
        // The engine suite against the Debian 13 guest (scripts/guest/guest.sh up) over Burrow's SSH connection.
        // harness-smoke checks this machine's own set-up, so it stays out.
        test: {
          name: 'guest',
          include: ['core/integration/**/*.test.ts', 'electron/integration/guest-*.test.ts'],
          exclude: ['core/integration/harness-smoke.test.ts', 'node_modules/**'],
          environment: 'node',
          env: { BURROW_TEST_TARGET: 'guest' },
          globalSetup: ['./core/integration/harness/global-setup-guest.ts'],
          fileParallelism: false,
          testTimeout: 300_000,
          hookTimeout: 600_000,
        },
      },
    ],
  },
});
