// Which engine the integration suite runs against. By default: this machine's rootless Podman. With
// BURROW_TEST_TARGET=guest: the Debian 13 guest's Podman 5 (scripts/guest/guest.sh up), reached the way a user
// reaches a remote engine — Burrow's SSH connection — while the "shell on the engine's host" that tests use for
// CLI checks is `ssh` into the guest.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

function sshArgs(g: GuestTarget, extra: string[]): string[] {
  return [
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
    ...extra,
    `${g.user}@127.0.0.1`,
  ];
}

// Every command on the guest is a session on ONE SSH connection of this process (OpenSSH multiplexing), not a
// connection of its own: a burst of parallel commands (the live list's test creates 12 containers at once)
// would otherwise be that many simultaneous key exchanges, and sshd drops connections beyond its MaxStartups
// ("kex_exchange_identification: Connection closed by remote host"). Sessions are also capped below sshd's
// MaxSessions (10 per connection), so the master never refuses one.
const controlPath = join(process.env.XDG_RUNTIME_DIR || tmpdir(), `burrow-guest-ssh-${process.pid}`);
const MAX_SESSIONS = 8;
let master: Promise<void> | undefined;
let sessions = 0;
const waiting: (() => void)[] = [];

/**
 * Start the master connection once, and again after it went away: it exits by itself after 20 s without a
 * session (test workers end without an exit hook to close it), or when the guest powers off. Until it is up,
 * or if it cannot start, commands fall back to a connection of their own.
 */
async function ensureMaster(g: GuestTarget): Promise<void> {
  if (existsSync(controlPath)) return;
  master ??= execFileP(
    'ssh',
    sshArgs(g, [
      '-o',
      'ControlMaster=yes',
      '-o',
      `ControlPath=${controlPath}`,
      '-o',
      'ControlPersist=20',
      '-o',
      'ServerAliveInterval=10',
      '-f',
      '-N',
    ]),
    { timeout: 60_000 },
  )
    .then(() => undefined)
    .catch(() => undefined)
    .finally(() => {
      master = undefined;
    });
  await master;
}

async function session<T>(fn: () => Promise<T>): Promise<T> {
  // A finished session hands its slot straight to the next waiter, so the count never overshoots.
  if (sessions >= MAX_SESSIONS) await new Promise<void>((r) => waiting.push(r));
  else sessions += 1;
  try {
    return await fn();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else sessions -= 1;
  }
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
  await ensureMaster(g);
  return session(async () => {
    const p = execFileP(
      'ssh',
      [
        ...sshArgs(g, ['-o', 'ControlMaster=no', '-o', `ControlPath=${controlPath}`]),
        [file, ...args].map(shQuote).join(' '),
      ],
      { timeout, maxBuffer: 64 * 1024 * 1024 },
    );
    if (opts.input !== undefined) p.child.stdin?.end(opts.input);
    return (await p).stdout;
  });
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
