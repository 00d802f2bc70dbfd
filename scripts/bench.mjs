#!/usr/bin/env node
// `npm run bench [-- --quick] [-- --no-ui]`: bundles bench/run.ts with esbuild and runs it (as the rootless user).
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// Inside the repo, so the bundle's external packages (Playwright) resolve from node_modules.
const cache = join(root, 'node_modules', '.cache');
mkdirSync(cache, { recursive: true });
const out = mkdtempSync(join(cache, 'burrow-bench-'));
try {
  await build({
    entryPoints: [join(root, 'bench/run.ts')],
    outfile: join(out, 'run.mjs'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['@lydell/node-pty', '@playwright/test', 'playwright', 'playwright-core'],
    logLevel: 'warning',
    banner: {
      js: "import { createRequire as __r } from 'node:module'; const require = __r(import.meta.url);",
    },
  });
  // The UI benchmarks drive the built headless host and renderer: built now, so the figures are this source's.
  if (!process.argv.includes('--no-ui')) {
    const b = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
    if (b.status !== 0) throw new Error('npm run build failed');
  }
  const r = spawnSync(process.execPath, [join(out, 'run.mjs'), ...process.argv.slice(2)], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, BURROW_REPO_ROOT: root },
  });
  process.exitCode = r.status ?? 1;
} finally {
  rmSync(out, { recursive: true, force: true });
}
