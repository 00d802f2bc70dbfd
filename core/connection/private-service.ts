// Burrow's own `podman system service`, the embedded default when the user runs no Podman socket. Started as
// a child, ready when /_ping answers, restarted with backoff when it dies, stopped when Burrow quits. The
// containers keep running when it stops: conmon owns them, not the service.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
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
      child.once('error', (err) =>
        reject(
          new BurrowError({
            code: 'engine_unreachable',
            message: `Could not start ${this.opts.command}: ${err.message}`,
            hint: this.opts.startHint,
          }),
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
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  }
}

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
    });
  }
}
