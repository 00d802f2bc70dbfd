// Which engine the integration suite runs against. By default: this machine's rootless Podman. With
// BURROW_TEST_TARGET=guest: the Debian 13 guest's Podman 5 (scripts/guest/guest.sh up), reached the way a user
// reaches a remote engine — Burrow's SSH connection — while the "shell on the engine's host" that tests use for
// CLI checks is `ssh` into the guest.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';

const execFileP = promisify(execFile);

export const onGuest = process.env.BURROW_TEST_TARGET === 'guest';

export interface GuestTarget {
  /** ssh://tester@127.0.0.1:2222/run/user/1000/podman/podman.sock */
  uri: string;
  identity: string;
  port: number;
  user: string;
}

export function guestTarget(): GuestTarget {
  const uri = process.env.BURROW_GUEST_URL;
  const identity = process.env.BURROW_GUEST_IDENTITY;
  if (!uri || !identity)
    throw new Error('BURROW_TEST_TARGET=guest needs BURROW_GUEST_URL and BURROW_GUEST_IDENTITY');
  const u = new URL(uri);
  return { uri, identity, port: Number(u.port || 22), user: decodeURIComponent(u.username) };
}

/** POSIX shell quoting for one argument. */
export function shQuote(a: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`;
}

/** Run a program on the engine's host as the engine's user: here directly, on the guest over SSH. */
export async function onEngineHost(
  file: string,
  args: string[],
  opts: { timeoutMs?: number; input?: string } = {},
): Promise<string> {
  const timeout = opts.timeoutMs ?? 60_000;
  if (!onGuest) {
    const p = execFileP(file, args, { timeout, maxBuffer: 64 * 1024 * 1024 });
    if (opts.input !== undefined) p.child.stdin?.end(opts.input);
    return (await p).stdout;
  }
  const g = guestTarget();
  const p = execFileP(
    'ssh',
    [
      '-i',
      g.identity,
      '-p',
      String(g.port),
      '-o',
      'BatchMode=yes',
      '-o',
      'StrictHostKeyChecking=no',
      '-o',
      'UserKnownHostsFile=/dev/null',
      '-o',
      'LogLevel=ERROR',
      `${g.user}@127.0.0.1`,
      [file, ...args].map(shQuote).join(' '),
    ],
    { timeout, maxBuffer: 64 * 1024 * 1024 },
  );
  if (opts.input !== undefined) p.child.stdin?.end(opts.input);
  return (await p).stdout;
}

/** Read a file on the engine's host (e.g. /proc/<container pid>/uid_map). */
export async function readEngineHostFile(path: string): Promise<string> {
  return onGuest ? onEngineHost('cat', [path]) : readFile(path, 'utf8');
}

/** An HTTP GET on the engine's host loopback (a published port), body or '' when nothing answers. */
export async function getOnEngineHost(url: string): Promise<string> {
  if (!onGuest)
    return fetch(url)
      .then((r) => r.text())
      .catch(() => '');
  return onEngineHost('curl', ['-s', '--max-time', '5', url]).catch(() => '');
}
