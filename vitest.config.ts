import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// Two projects: fast unit tests beside the code, and integration tests that talk to real rootless Podman.
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
          environment: 'node',
          globalSetup: ['./core/integration/harness/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
