// Starts the real headless host (the built `dist/headless` entry, exactly as `npm start -- --headless` does) on
// a free loopback port and hands its URL and token to the tests through the environment. Stopped by its PID.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  buildFixtures,
  FIXTURE_IMAGE,
  removeDeadSocketDirs,
} from '../../core/integration/harness/fixtures.js';
import { pushToRegistry, startLocalRegistry } from '../../core/integration/harness/local-registry.js';

// BURROW_REPO_ROOT: set by `npm run bench`, whose bundle of this file lives elsewhere.
const repoRoot = process.env.BURROW_REPO_ROOT ?? join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function headlessEntry(): string {
  for (const f of ['dist/headless/cli.mjs', 'dist/headless/cli.cjs', 'dist/headless/cli.js']) {
    const p = join(repoRoot, f);
    if (existsSync(p)) return p;
  }
  throw new Error('the headless host is not built: run `npm run build` first');
}

export interface RunningHost {
  child: ChildProcess;
  url: string;
  origin: string;
  token: string;
}

/**
 * Arguments for a host of a spec's own that can be stopped and started again at the same URL: a fixed port, the
 * token in a file, and a private Podman service on a socket of its own (`tag` names it).
 */
export function restartableHostArgs(port: number, dir: string, tag: string): string[] {
  const runtime = process.env.XDG_RUNTIME_DIR ?? '/tmp';
  return [
    '--port',
    String(port),
    '--token-file',
    join(dir, 'token'),
    '--service-socket',
    join(runtime, `burrow-e2e-${process.pid}-${tag}`, 'podman.sock'),
  ];
}

/** Start the headless host and resolve once it printed its URL. `logFile` keeps everything it prints. */
export async function startHost(
  extraArgs: string[] = [],
  env: NodeJS.ProcessEnv = process.env,
  logFile?: string,
): Promise<RunningHost> {
  const child = spawn(process.execPath, [headlessEntry(), '--headless', '--port', '0', ...extraArgs], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`headless host printed no URL within 60 s:\n${output}`));
    }, 60_000);
    if (logFile) {
      const log = createWriteStream(logFile, { flags: 'a' });
      child.stdout?.pipe(log);
      child.stderr?.pipe(log);
    }
    const onData = (d: Buffer) => {
      output += d.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+)\/?\S*[?&]token=([A-Za-z0-9_-]+)/.exec(output);
      if (m?.[1] && m[2]) {
        clearTimeout(timer);
        resolve({ child, url: `${m[1]}/?token=${m[2]}`, origin: m[1], token: m[2] });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`headless host exited with ${code}:\n${output}`));
    });
  });
}

export async function stopHost(host: RunningHost): Promise<void> {
  if (host.child.exitCode !== null || host.child.signalCode !== null) return;
  const exited = new Promise<void>((r) => host.child.once('exit', () => r()));
  host.child.kill('SIGTERM');
  const timer = setTimeout(() => host.child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

export default async function globalSetup(): Promise<() => Promise<void>> {
  await buildFixtures();
  const registry = await startLocalRegistry();
  await pushToRegistry(registry.address, FIXTURE_IMAGE, 'burrow-test/busybox:latest');
  process.env.BURROW_E2E_REGISTRY = registry.address;
  // Saved connections go to a throwaway directory, not the test user's own configuration.
  const configDir = await mkdtemp(join(tmpdir(), 'burrow-e2e-config-'));
  // What the host prints, for tests that check what never reaches a log (a registry password).
  const hostLog = join(configDir, 'host.log');
  const host = await startHost([], { ...process.env, BURROW_CONFIG_DIR: configDir }, hostLog);
  process.env.BURROW_E2E_HOST_LOG = hostLog;
  process.env.BURROW_E2E_URL = host.url;
  process.env.BURROW_E2E_ORIGIN = host.origin;
  process.env.BURROW_E2E_TOKEN = host.token;
  return async () => {
    await stopHost(host);
    await registry.stop();
    await rm(configDir, { recursive: true, force: true });
    await removeDeadSocketDirs(['burrow-test-', 'burrow-e2e-']);
  };
}
