// Names of the locally built fixture images and of the test objects' conventions.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { onEngineHost, onGuest } from './target.js';

const execFileP = promisify(execFile);

export const FIXTURE_IMAGE = 'localhost/burrow-test/busybox:latest';
export const FIXTURE_IMAGE_USER1001 = 'localhost/burrow-test/busybox-user1001:latest';
/** Every object a test creates carries this label, so leftovers can be found and reported. */
export const TEST_LABEL = 'burrow.test';
/**
 * A busy container's command (`sh -c` it): a CPU loop, 20 MB held by the shell itself (anonymous memory: Podman 5
 * leaves page cache, /dev/shm included, out of a container's memory usage), traffic out (to TEST-NET, so it
 * goes nowhere) and fsync'd writes to its disk — every stats figure moves. Stops at once on SIGTERM.
 */
export const BUSY_SCRIPT =
  'trap "exit 0" TERM; held=$(head -c 20000000 /dev/zero | tr -c a a); (while true; do :; done) & ' +
  'while true; do wget -q -T 1 -O /dev/null http://192.0.2.1/ 2>/dev/null; dd if=/dev/zero of=/tmp/w bs=1M count=4 conv=fsync 2>/dev/null; sleep 0.5; done & wait';
export const TEST_LABELS: Record<string, string> = { [TEST_LABEL]: '1' };
/**
 * A command (`sh -c` it) that runs out of a 32m memory limit and exits 137 as an OOM kill: the kernel kills
 * `tail` (it holds the 90 MB "line") and the shell outlives it by a few seconds before exiting with its status.
 * When the whole container dies at once, systemd may remove the cgroup before conmon reads its memory.events and
 * Podman never learns it was an OOM (containers/conmon#426; seen on the guest under load as a plain 137).
 */
export const OOM_SCRIPT = 'head -c 90m /dev/zero | tail -n 1 >/dev/null; s=$?; sleep 3; exit $s';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export async function buildFixtures(): Promise<string> {
  const script = join(repoRoot, 'scripts', 'build-fixtures.sh');
  if (onGuest) {
    // The same recipe, run by the guest's user against the guest's Podman (its own busybox-static).
    const text = await readFile(script, 'utf8');
    return (await onEngineHost('bash', ['-s'], { input: text, timeoutMs: 600_000 })).trim();
  }
  const { stdout } = await execFileP('bash', [script], { timeout: 300_000 });
  return stdout.trim();
}

/** A unique, valid object name: `bt-<random>-<what>`. */
export function uniqueName(what: string): string {
  return `bt-${randomBytes(4).toString('hex')}-${what}`;
}

/**
 * Run the podman CLI as the engine's user, the way a person in a shell would: here, or on the guest over SSH
 * when the suite targets it.
 */
export async function podmanCli(args: string[], opts: { timeoutMs?: number } = {}): Promise<string> {
  return onEngineHost('podman', args, { timeoutMs: opts.timeoutMs ?? 60_000 });
}

/**
 * A test container made from the CLI that sleeps for 10 minutes and stops in 1 s (`sleep` as PID 1 ignores
 * SIGTERM, so a stop waits exactly its stop timeout): `create`d, or `run` detached.
 */
export async function podmanSleeper(verb: 'create' | 'run', name: string): Promise<string> {
  const detach = verb === 'run' ? ['-d'] : [];
  return podmanCli([
    verb,
    ...detach,
    '--name',
    name,
    '--stop-timeout',
    '1',
    '--label',
    `${TEST_LABEL}=1`,
    FIXTURE_IMAGE,
    'sleep',
    '600',
  ]);
}

/**
 * Sizes of the engine's temporary copies of image uploads: libpod's ImagesLoad copies the request body to
 * `$TMPDIR/libpod-images-load.tar*` (Podman sets TMPDIR to /var/tmp) before it loads, and removes it after.
 */
export async function engineLoadTempFiles(): Promise<number[]> {
  const out = await onEngineHost('sh', [
    '-c',
    'find /var/tmp -maxdepth 1 -user "$(id -u)" -name "libpod-images-load.tar*" -printf "%s\\n"',
  ]);
  return out.split('\n').filter(Boolean).map(Number);
}

export interface EngineObjects {
  containers: string[];
  networks: string[];
  volumes: string[];
  pods: string[];
}

/** Names of every container, network, volume and pod the engine has: for "nothing new afterwards" checks. */
export async function listEngineObjects(): Promise<EngineObjects> {
  const lines = (s: string) =>
    s
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .sort();
  const [containers, networks, volumes, pods] = await Promise.all([
    podmanCli(['ps', '-a', '--format', '{{.Names}}']),
    podmanCli(['network', 'ls', '--format', '{{.Name}}']),
    podmanCli(['volume', 'ls', '--format', '{{.Name}}']),
    podmanCli(['pod', 'ps', '--format', '{{.Name}}']),
  ]);
  return {
    containers: lines(containers),
    networks: lines(networks),
    volumes: lines(volumes),
    pods: lines(pods),
  };
}

/** Run `fn` over `items` with at most `n` in flight (creating hundreds of containers without a stampede). */
export async function inParallel<T>(items: T[], n: number, fn: (x: T) => Promise<unknown>): Promise<void> {
  let i = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (i < items.length) await fn(items[i++] as T);
    }),
  );
}

/**
 * Test engines put their private sockets in $XDG_RUNTIME_DIR/<prefix>…/ (a tmpfs): remove those directories once
 * nothing answers on them any more, so runs do not accumulate them. Live sockets are left alone.
 */
export async function removeDeadSocketDirs(prefixes: string[]): Promise<number> {
  const runtime = process.env.XDG_RUNTIME_DIR;
  if (!runtime) return 0;
  const { readdir, rm } = await import('node:fs/promises');
  const { ping } = await import('../../connection/ping.js');
  let removed = 0;
  for (const name of await readdir(runtime).catch(() => [] as string[])) {
    if (!prefixes.some((p) => name.startsWith(p))) continue;
    const dir = join(runtime, name);
    if (await ping(join(dir, 'podman.sock'), 500)) continue;
    await rm(dir, { recursive: true, force: true });
    removed += 1;
  }
  return removed;
}
