// Burrow's own `podman system service`, the embedded default when the user runs no Podman socket. Started as
// a child, ready when /_ping answers, restarted with backoff when it dies, stopped when Burrow quits. The
// containers keep running when it stops: conmon owns them, not the service.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { BurrowError } from '../errors.js';
import { sleep } from '../sleep.js';
import { ping } from './ping.js';

export interface SupervisedSocketOptions {
  socketPath: string;
  /** The program that serves (or forwards) the API on socketPath, and its arguments. */
  command: string;
  args: string[];
  /** Names the process in errors, e.g. "Burrow's Podman service". */
  label: string;
  /** What to tell the user when it cannot start. */
  startHint: string;
  /** What to tell the user when the program is not installed (not on PATH). */
  notInstalled?: { message: string; hint: string };
  /** Bounded wait for the first /_ping. */
  readyTimeoutMs?: number;
  /** Delays between restarts after unexpected exits; the last one repeats. */
  backoffMs?: number[];
  env?: NodeJS.ProcessEnv;
  onEvent?: (e: ServiceEvent) => void;
}

export type ServiceEvent =
  | { kind: 'started'; pid: number }
  | { kind: 'exited'; pid: number; code: number | null; signal: string | null }
  | { kind: 'restarting'; attempt: number; delayMs: number }
  | { kind: 'failed'; message: string };

export interface PrivateServiceOptions extends Omit<
  SupervisedSocketOptions,
  'command' | 'args' | 'label' | 'startHint'
> {
  podmanPath?: string;
}

/**
 * A child process that serves an HTTP API on a unix socket: ready when /_ping answers, restarted with backoff
 * when it dies unexpectedly, stopped (only that PID) on request. Podman's service and SSH tunnels are both this.
 */
export class SupervisedSocketProcess {
  private child: ChildProcess | undefined;
  private stopping = false;
  private restartAttempt = 0;
  private ready: Promise<void> | undefined;
  private stderrTail = '';
  private restartTimer: NodeJS.Timeout | undefined;

  constructor(protected readonly opts: SupervisedSocketOptions) {}

  get pid(): number | undefined {
    return this.child?.exitCode === null ? this.child.pid : undefined;
  }

  get socketPath(): string {
    return this.opts.socketPath;
  }

  /** Start (or reuse a running instance) and resolve when it answers. */
  start(): Promise<void> {
    this.stopping = false;
    if (!this.ready) this.ready = this.spawnAndWait();
    return this.ready;
  }

  /** Wait until the service answers, starting or restarting it if needed (used before each call). */
  async ensureReady(): Promise<void> {
    if (this.stopping)
      throw new BurrowError({ code: 'engine_unreachable', message: 'Burrow is stopping its engine service' });
    if (!this.ready) this.ready = this.spawnAndWait();
    await this.ready;
  }

  /**
   * After a call found the socket dead: wait until the service answers again, restarting it if it died.
   * The child's exit is noticed asynchronously, so poll rather than trust the last ready state.
   */
  async recover(timeoutMs = this.opts.readyTimeoutMs ?? 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.stopping) break;
      if (this.ready) await this.ready.catch(() => undefined);
      if (await ping(this.opts.socketPath, 1000)) return;
      if (!this.ready && !this.restartTimer) this.ready = this.spawnAndWait();
      await sleep(50);
    }
    throw new BurrowError({
      code: 'engine_unreachable',
      message: `${this.opts.label} on ${this.opts.socketPath} did not come back`,
      hint: this.opts.startHint,
    });
  }

  private async spawnAndWait(): Promise<void> {
    await mkdir(dirname(this.opts.socketPath), { recursive: true, mode: 0o700 });
    // A previous Burrow may have left a service running on this socket: reuse it.
    if (await ping(this.opts.socketPath, 1000)) return;
    const child = spawn(this.opts.command, this.opts.args, {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: this.opts.env ?? process.env,
      detached: false,
    });
    this.child = child;
    this.stderrTail = '';
    child.stderr?.on('data', (d: Buffer) => {
      this.stderrTail = (this.stderrTail + d.toString()).slice(-2000);
    });
    const spawnError = new Promise<never>((_, reject) => {
      child.once('error', (err: NodeJS.ErrnoException) =>
        reject(
          new BurrowError(
            err.code === 'ENOENT' && this.opts.notInstalled
              ? { code: 'engine_unreachable', ...this.opts.notInstalled }
              : {
                  code: 'engine_unreachable',
                  message: `Could not start ${this.opts.command}: ${err.message}`,
                  hint: this.opts.startHint,
                },
          ),
        ),
      );
    });
    child.once('exit', (code, signal) => {
      this.opts.onEvent?.({ kind: 'exited', pid: child.pid ?? -1, code, signal });
      if (this.child === child) {
        this.child = undefined;
        this.ready = undefined;
        if (!this.stopping) this.scheduleRestart();
      }
    });
    const deadline = Date.now() + (this.opts.readyTimeoutMs ?? 30_000);
    const waitReady = (async () => {
      while (Date.now() < deadline) {
        if (child.exitCode !== null) break;
        if (await ping(this.opts.socketPath, 1000)) {
          this.restartAttempt = 0;
          this.opts.onEvent?.({ kind: 'started', pid: child.pid ?? -1 });
          return;
        }
        await sleep(50);
      }
      const tail = this.stderrTail.trim();
      if (child.exitCode === null) child.kill('SIGKILL');
      throw new BurrowError({
        code: 'engine_unreachable',
        message: `${this.opts.label} did not answer on ${this.opts.socketPath}`,
        hint: this.opts.startHint,
        ...(tail ? { cause: tail } : {}),
      });
    })();
    try {
      await Promise.race([waitReady, spawnError]);
    } catch (e) {
      this.ready = undefined;
      throw e;
    }
  }

  private scheduleRestart(): void {
    const backoff = this.opts.backoffMs ?? [0, 250, 1000, 2000, 5000];
    const delayMs = backoff[Math.min(this.restartAttempt, backoff.length - 1)] ?? 1000;
    this.restartAttempt += 1;
    this.opts.onEvent?.({ kind: 'restarting', attempt: this.restartAttempt, delayMs });
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      if (this.stopping || this.ready) return;
      this.ready = this.spawnAndWait();
      this.ready.catch((e: unknown) => {
        this.opts.onEvent?.({ kind: 'failed', message: e instanceof Error ? e.message : String(e) });
        if (!this.stopping) this.scheduleRestart();
      });
    }, delayMs);
  }

  /** SIGTERM, then SIGKILL after a grace period. Only the process Burrow started is signalled. */
  async stop(graceMs = 5000): Promise<void> {
    this.stopping = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    const child = this.child;
    this.child = undefined;
    this.ready = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const reexecuted = child.pid ? await reexecutedChildren(child.pid) : [];
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
    for (const p of reexecuted) await endProcess(p, graceMs);
  }
}

interface ProcessRef {
  pid: number;
  /** Start time in clock ticks since boot (/proc/PID/stat field 22): the same PID later is another process. */
  start: string;
}

/** The start time of a live process (a zombie has ended: it only waits to be reaped). */
async function startTime(pid: number): Promise<string | undefined> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  const fields = stat?.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields && fields[0] !== 'Z' ? fields[19] : undefined;
}

/**
 * Podman quirk (rootless, 4.3 and later): when no pause process holds the rootless user namespace yet — the
 * first Podman after a login, or a fresh XDG_RUNTIME_DIR — `podman system service` creates it and re-executes
 * itself inside, so the service is a child of the process Burrow started. On SIGTERM that parent exits at
 * once, and the child keeps serving for good if a client is connected (a terminal's `podman --remote`).
 * These are the children running the same command line, noted before the stop so they can be ended too.
 * Other children (slirp4netns of the rootless network, say) belong to running containers and are left alone.
 */
async function reexecutedChildren(pid: number): Promise<ProcessRef[]> {
  const own = await readFile(`/proc/${pid}/cmdline`).catch(() => undefined);
  if (!own) return [];
  const tasks = await readdir(`/proc/${pid}/task`).catch(() => [] as string[]);
  const kids = new Set<number>();
  for (const t of tasks) {
    const text = await readFile(`/proc/${pid}/task/${t}/children`, 'utf8').catch(() => '');
    for (const k of text.split(' ').filter(Boolean)) kids.add(Number(k));
  }
  const out: ProcessRef[] = [];
  for (const k of kids) {
    const cmd = await readFile(`/proc/${k}/cmdline`).catch(() => undefined);
    const start = await startTime(k);
    if (cmd?.equals(own) && start) out.push({ pid: k, start });
  }
  return out;
}

/** SIGTERM, then SIGKILL after the grace period, to that very process (not a later one with its PID). */
async function endProcess(p: ProcessRef, graceMs: number): Promise<void> {
  const alive = async () => (await startTime(p.pid)) === p.start;
  const signal = async (s: NodeJS.Signals) => {
    if (await alive()) process.kill(p.pid, s);
  };
  await signal('SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && (await alive())) await sleep(50);
  await signal('SIGKILL');
}

/** What a machine without Podman needs for Burrow: Podman set up for rootless use. */
export const PODMAN_INSTALL_HINT =
  'Install Podman ≥ 4.3 for rootless use — Debian/Ubuntu: sudo apt-get install podman uidmap slirp4netns netavark aardvark-dns; Fedora: sudo dnf install podman — then check it with `podman info` as yourself.';

/** Burrow's own `podman system service --time=0 unix://…`. */
export class PrivateService extends SupervisedSocketProcess {
  constructor(opts: PrivateServiceOptions) {
    const { podmanPath, ...rest } = opts;
    super({
      ...rest,
      command: podmanPath ?? 'podman',
      args: ['system', 'service', '--time=0', `unix://${opts.socketPath}`],
      label: "Burrow's Podman service",
      startHint:
        'Install Podman (≥ 4.3), make sure `podman` is on your PATH, and run `podman info` in a terminal to see why it cannot start.',
      notInstalled: {
        message: `Podman is not installed: there is no \`${podmanPath ?? 'podman'}\` on your PATH`,
        hint: PODMAN_INSTALL_HINT,
      },
    });
  }
}
