#!/usr/bin/env node
// Builds the Node side with esbuild: the Electron main process and its sandboxed preload (CommonJS, as
// Electron loads them) and the headless host (ESM). `electron` is provided at run time and node-pty
// (@lydell/node-pty) is a native addon loaded from its prebuilt platform package, so both stay external.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  external: ['electron', '@lydell/node-pty'],
  define: { BURROW_VERSION: JSON.stringify(version) },
};

const t0 = Date.now();
await Promise.all([
  build({
    ...common,
    entryPoints: [join(root, 'electron/main.ts')],
    outfile: join(root, 'dist/electron/main.cjs'),
    format: 'cjs',
  }),
  build({
    ...common,
    entryPoints: [join(root, 'electron/preload.ts')],
    outfile: join(root, 'dist/electron/preload.cjs'),
    format: 'cjs',
  }),
  build({
    ...common,
    entryPoints: [join(root, 'electron/headless/cli.ts')],
    outfile: join(root, 'dist/headless/cli.mjs'),
    format: 'esm',
    // Bundled CommonJS dependencies (ws) call require(); give the ESM bundle one.
    banner: {
      js: "import { createRequire as __burrowRequire } from 'node:module'; const require = __burrowRequire(import.meta.url);",
    },
  }),
]);
console.log(
  `build-main: dist/electron/{main,preload}.cjs and dist/headless/cli.mjs in ${Date.now() - t0} ms`,
);
