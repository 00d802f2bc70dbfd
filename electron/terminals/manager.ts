// Main owns every PTY (node-pty, from @lydell/node-pty: the same code with prebuilt N-API binaries, so installing
// needs no compiler), keyed by id: exec shells in containers, attach to a container's main
// process, `podman unshare` shells on the host, and throwaway "run in terminal" containers. All but unshare talk
// to the engine Burrow uses through its own socket (`podman --remote --url unix://<socket>`): for an SSH
// connection that is Burrow's supervised tunnel, so the connection's key and host-key policy apply. unshare is a
// shell on the engine's host, so it needs that host to be this machine (engine.host).
//
// Flow control is acknowledgement-based (Tabby's model): output is sent in chunks that never split a UTF-8
// sequence; once more than HIGH_WATER bytes are unacknowledged the PTY is paused, and it resumes when the
// client's acknowledgements bring that below LOW_WATER. Memory stays bounded however fast the process writes.
//
// Every chunk gets a sequence number. A client attaches with the scrollback and the current number, then follows
// the output from there (the contract's `terminal` topic), so the handover between the two loses nothing.
import { spawn as spawnPty, type IPty } from '@lydell/node-pty';
import { randomBytes } from 'node:crypto';
import type { Engine } from '../../core/engine-api.js';
import { BurrowError, invalidInput } from '../../core/errors.js';
import { CONTROL_CHAR_HINT, describeChar, firstControlChar } from '../../core/model/control-chars.js';
import { validateImageRef } from '../../core/model/validate-create.js';
import { sleep } from '../../core/sleep.js';
import { Utf8Chunker } from '../../core/streams/demux.js';
import type { TerminalInfo, TerminalOutput, TerminalSnapshot, TerminalSpec } from '../contract/terminals.js';

// The window has to cover what the page renders during one acknowledgement's round trip (page → Chromium's
// network process → host → PTY → host → page) and what the page gathers into one write while output floods
// (renderer/src/views/container-detail/output-pacer.ts: up to half this window). On a loaded 2-core machine that
// trip is tens of milliseconds: 256 KiB left the page waiting for data, 1 MiB gave ~30 % more, and 2 MiB with the
// page's joined writes ~40 % more again (bench/README.md). A page never holds more than this unrendered per
// terminal.
export const HIGH_WATER = 2 * 1024 * 1024;
// Resume while the client still has half a window to render: resuming only once it had nearly drained left
// xterm.js idle for a round trip on every cycle.
export const LOW_WATER = HIGH_WATER / 2;
// The PTY hands over ~4 KiB per read, each in its own turn of the event loop. While earlier output is still
// unacknowledged (streaming), reads are joined for up to COALESCE_MS or COALESCE_BYTES into one chunk — one
// message, one frame on the wire, one acknowledgement — instead of ~25 000 of each per 100 MB.
// When the client has caught up (a keystroke's echo), output leaves at once.
const COALESCE_BYTES = 64 * 1024;
const COALESCE_MS = 4;
const SCROLLBACK_BYTES = 256 * 1024;

export interface TerminalClient {
  data(chunk: string, seq: number): void;
  exit(code: number): void;
  /** The session was closed (its tab closed): nothing more will come. */
  closed?(): void;
}

interface Chunk {
  seq: number;
  text: string;
  bytes: number;
}

interface Session {
  info: TerminalInfo;
  pty: IPty;
  chunker: Utf8Chunker;
  /** Output read in this turn of the event loop, not yet a chunk. */
  pending: string[];
  pendingBytes: number;
  pendingTimer: ReturnType<typeof setTimeout> | undefined;
  unacked: number;
  paused: boolean;
  seq: number;
  scrollback: Chunk[];
  scrollbackBytes: number;
  clients: Map<string, TerminalClient>;
  owner: string;
  /** The throwaway container of a `run` terminal, removed with the tab (see close). */
  runName?: string;
}

const SHELL = 'if command -v bash >/dev/null 2>&1; then exec bash; else exec sh; fi';
const USER_RE = /^[a-zA-Z0-9_.-]+(:[a-zA-Z0-9_.-]+)?$/;

export class TerminalManager {
  private readonly sessions = new Map<string, Session>();
  private next = 0;
  private clientIds = 0;

  constructor(
    private readonly engine: Engine,
    private readonly opts: { podmanPath?: string } = {},
  ) {}

  /** The engine's socket on this machine: the private service, the user's socket, or the SSH tunnel. */
  private podmanArgs(): string[] {
    return ['--remote', '--url', `unix://${this.engine.connection().socketPath}`];
  }

  private commandFor(o: TerminalSpec): { file: string; args: string[]; title: string; runName?: string } {
    const podman = this.opts.podmanPath ?? 'podman';
    const userArgs = [...(o.user ? ['--user', o.user] : []), ...(o.workdir ? ['--workdir', o.workdir] : [])];
    switch (o.kind) {
      case 'exec': {
        if (!o.container) throw invalidInput('container', 'Which container?');
        const cmd = o.command?.length ? o.command : ['sh', '-c', SHELL];
        return {
          file: podman,
          args: [...this.podmanArgs(), 'exec', '-it', ...userArgs, o.container, ...cmd],
          title: `exec ${o.container}`,
        };
      }
      case 'attach':
        if (!o.container) throw invalidInput('container', 'Which container?');
        return {
          file: podman,
          args: [...this.podmanArgs(), 'attach', '--sig-proxy=false', o.container],
          title: `attach ${o.container}`,
        };
      case 'unshare': {
        // The host seen from inside the user namespace: ownership shows as containers see it.
        const host = this.engine.host.require(
          'A podman unshare shell',
          'Open it in a terminal on the engine’s machine: podman unshare sh',
        );
        const dir = o.workdir ?? process.env.HOME ?? '/';
        return {
          file: podman,
          // The directory is an argument of the script, never part of it.
          args: ['unshare', 'sh', '-c', `cd "$1" && ${SHELL}`, 'sh', dir],
          title: `unshare ${dir} (${host.user().name})`,
        };
      }
      case 'run': {
        if (!o.image) throw invalidInput('image', 'Which image?');
        const runName = `burrow-run-${randomBytes(5).toString('hex')}`;
        return {
          file: podman,
          runName,
          args: [
            ...this.podmanArgs(),
            'run',
            '--rm',
            '-it',
            '--name',
            runName,
            '--label',
            'io.burrow.terminal=run',
            ...userArgs,
            o.image,
            ...(o.command ?? []),
          ],
          title: `run ${o.image}`,
        };
      }
    }
  }

  /**
   * What a terminal is asked to run, checked like every other input before any process starts: the image and
   * container it names exist (and the container runs), the user and directories are well-formed (an unshare
   * directory must exist here), and no argument carries a control character. Each refusal names its field.
   */
  async validate(o: TerminalSpec): Promise<void> {
    if (o.user !== undefined && !USER_RE.test(o.user))
      throw invalidInput(
        'user',
        `"${o.user}" is not a user`,
        'Use a name or uid, optionally with :group (1001:1001).',
      );
    for (const [i, a] of (o.command ?? []).entries()) {
      const bad = firstControlChar(a, { multiline: true });
      if (bad)
        throw invalidInput(`command[${i}]`, `The argument contains ${describeChar(bad)}`, CONTROL_CHAR_HINT);
    }
    if (o.workdir !== undefined) {
      const bad = firstControlChar(o.workdir);
      if (bad) throw invalidInput('workdir', `The path contains ${describeChar(bad)}`, CONTROL_CHAR_HINT);
      if (!o.workdir.startsWith('/'))
        throw invalidInput('workdir', `"${o.workdir}" is not an absolute path`, 'Paths start with "/".');
    }
    if (o.kind === 'unshare' && o.workdir !== undefined) {
      const host = this.engine.host.require('A podman unshare shell');
      const st = await host.stat(o.workdir);
      if (!st || (st.mode & 0o170000) !== 0o040000)
        throw invalidInput(
          'workdir',
          `${o.workdir} is not a folder on this machine`,
          'Pick an existing folder.',
        );
    }
    if (o.kind === 'run') {
      const image = validateImageRef(o.image ?? '', 'image');
      if (!(await this.engine.images.exists(image)))
        throw invalidInput(
          'image',
          `The image ${image} is not on this engine`,
          'Pull it first (Images → Pull), then run it in a terminal.',
        );
    }
    if ((o.kind === 'exec' || o.kind === 'attach') && o.container) {
      const d = await this.engine.containers.inspect(o.container).catch((e: unknown) => {
        if (e instanceof BurrowError && e.code === 'not_found')
          throw invalidInput(
            'container',
            `Container "${o.container}" does not exist`,
            'Pick an existing container.',
          );
        throw e;
      });
      if (d.state !== 'running')
        throw invalidInput(
          'container',
          `${d.name} is not running`,
          'Start it first, then open a terminal in it.',
        );
    }
  }

  open(owner: string, o: TerminalSpec): TerminalInfo {
    if (o.container !== undefined && !/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(o.container))
      throw invalidInput('container', `"${o.container}" is not a container name or id`);
    const { file, args, title, runName } = this.commandFor(o);
    const id = `t${++this.next}`;
    let pty: IPty;
    try {
      pty = spawnPty(file, args, {
        name: 'xterm-256color',
        cols: clamp(o.cols ?? 80, 10, 1000),
        rows: clamp(o.rows ?? 24, 4, 500),
        cwd: process.env.HOME ?? '/',
        env: { ...process.env, TERM: 'xterm-256color' } as Record<string, string>,
        encoding: null,
      });
    } catch (e) {
      throw new BurrowError({
        code: 'engine_error',
        message: `Could not start the terminal: ${e instanceof Error ? e.message : String(e)}`,
      });
    }
    const s: Session = {
      info: { id, kind: o.kind, title, pid: pty.pid, exited: false },
      pty,
      chunker: new Utf8Chunker(),
      pending: [],
      pendingBytes: 0,
      pendingTimer: undefined,
      unacked: 0,
      paused: false,
      seq: 0,
      scrollback: [],
      scrollbackBytes: 0,
      clients: new Map(),
      owner,
      ...(runName ? { runName } : {}),
    };
    this.sessions.set(id, s);
    pty.onData((raw: string | Buffer) => {
      const text = s.chunker.push(typeof raw === 'string' ? Buffer.from(raw) : raw);
      if (!text) return;
      s.pending.push(text);
      s.pendingBytes += Buffer.byteLength(text);
      if ((s.unacked === 0 && !s.pendingTimer) || s.pendingBytes >= COALESCE_BYTES) this.flushPending(s);
      else s.pendingTimer ??= setTimeout(() => this.flushPending(s), COALESCE_MS);
    });
    pty.onExit(({ exitCode }) => {
      this.flushPending(s);
      const rest = s.chunker.flush();
      if (rest) this.emit(s, rest);
      void this.exitCodeOf(o, exitCode).then((code) => {
        s.info.exited = true;
        s.info.exitCode = code;
        for (const c of s.clients.values()) c.exit(code);
      });
    });
    return { ...s.info };
  }

  /** `podman attach` exits 0 when the container ends; the code people care about is the container's. */
  private async exitCodeOf(o: TerminalSpec, ptyCode: number): Promise<number> {
    if (o.kind !== 'attach' || !o.container) return ptyCode;
    for (let i = 0; i < 20; i++) {
      const d = await this.engine.containers.inspect(o.container).catch(() => undefined);
      if (!d) return ptyCode;
      if (d.state !== 'running') return d.exitCode ?? ptyCode;
      await sleep(100);
    }
    return ptyCode;
  }

  private flushPending(s: Session): void {
    clearTimeout(s.pendingTimer);
    s.pendingTimer = undefined;
    if (s.pending.length === 0) return;
    const text = s.pending.length === 1 ? (s.pending[0] as string) : s.pending.join('');
    const bytes = s.pendingBytes;
    s.pending = [];
    s.pendingBytes = 0;
    this.emit(s, text, bytes);
  }

  private emit(s: Session, text: string, bytes = Buffer.byteLength(text)): void {
    const seq = ++s.seq;
    s.scrollback.push({ seq, text, bytes });
    s.scrollbackBytes += bytes;
    while (s.scrollbackBytes > SCROLLBACK_BYTES && s.scrollback.length > 1)
      s.scrollbackBytes -= s.scrollback.shift()?.bytes ?? 0;
    if (s.clients.size === 0) return; // nobody watching: keep scrollback only, and do not pause
    s.unacked += bytes;
    for (const c of s.clients.values()) c.data(text, seq);
    this.pauseIfBehind(s);
  }

  private pauseIfBehind(s: Session): void {
    if (!s.paused && s.unacked > HIGH_WATER) {
      s.paused = true;
      s.pty.pause();
    }
  }

  /** The recent output and where it ends: what a client shows before following the output. */
  snapshot(id: string): TerminalSnapshot {
    const s = this.get(id);
    return { info: { ...s.info }, scrollback: s.scrollback.map((c) => c.text).join(''), seq: s.seq };
  }

  /**
   * A client follows the output from `after` (default: from now): chunks written since are replayed from the
   * scrollback, then live output; an ended session reports its exit at once.
   */
  attach(id: string, clientId: string, client: TerminalClient, after?: number): void {
    const s = this.get(id);
    s.clients.set(clientId, client);
    if (after !== undefined)
      for (const c of s.scrollback) {
        if (c.seq <= after) continue;
        s.unacked += c.bytes;
        client.data(c.text, c.seq);
      }
    this.pauseIfBehind(s);
    if (s.info.exited) client.exit(s.info.exitCode ?? -1);
  }

  /** The output as a stream, until the session exits or closes, or `signal` aborts (which detaches). */
  async *output(id: string, opts: { after?: number; signal: AbortSignal }): AsyncIterable<TerminalOutput> {
    const clientId = `c${++this.clientIds}`;
    const queue: TerminalOutput[] = [];
    let wake: (() => void) | undefined;
    let closed = false;
    const onAbort = () => wake?.();
    this.attach(
      id,
      clientId,
      {
        data: (data, seq) => {
          queue.push({ kind: 'data', seq, data });
          wake?.();
        },
        exit: (code) => {
          queue.push({ kind: 'exit', code });
          wake?.();
        },
        closed: () => {
          closed = true;
          wake?.();
        },
      },
      opts.after,
    );
    opts.signal.addEventListener('abort', onAbort, { once: true });
    try {
      while (!opts.signal.aborted) {
        const next = queue.shift();
        if (next) {
          yield next;
          if (next.kind === 'exit') return;
          continue;
        }
        if (closed) return;
        await new Promise<void>((r) => (wake = r));
        wake = undefined;
      }
    } finally {
      opts.signal.removeEventListener('abort', onAbort);
      this.detach(id, clientId);
    }
  }

  detach(id: string, clientId: string): void {
    const s = this.sessions.get(id);
    if (!s) return;
    s.clients.delete(clientId);
    if (s.clients.size === 0) this.ack(id, s.unacked);
  }

  ack(id: string, bytes: number): void {
    const s = this.sessions.get(id);
    if (!s || !Number.isFinite(bytes) || bytes <= 0) return;
    s.unacked = Math.max(0, s.unacked - bytes);
    if (s.paused && s.unacked < LOW_WATER) {
      s.paused = false;
      s.pty.resume();
    }
  }

  write(id: string, data: string): void {
    const s = this.get(id);
    if (!s.info.exited) s.pty.write(data);
  }

  resize(id: string, cols: number, rows: number): void {
    const s = this.get(id);
    if (!s.info.exited) s.pty.resize(clamp(cols, 10, 1000), clamp(rows, 4, 500));
  }

  /**
   * Closing a tab ends its process (the `podman exec` client and, with it, the exec session). A `run` terminal's
   * container outlives its killed `podman run` client (`--rm` acts only when the container's process ends), so
   * it is removed by name: closing the tab leaves nothing behind.
   */
  close(id: string): void {
    const s = this.sessions.get(id);
    if (!s) return;
    this.sessions.delete(id);
    clearTimeout(s.pendingTimer);
    for (const c of s.clients.values()) c.closed?.();
    s.clients.clear();
    if (s.runName && !s.info.exited)
      void this.engine.containers.remove(s.runName, { force: true }).catch(() => undefined);
    if (!s.info.exited) {
      if (s.paused) s.pty.resume();
      s.pty.kill('SIGHUP');
      const pid = s.info.pid;
      setTimeout(() => {
        try {
          process.kill(pid, 0);
          s.pty.kill('SIGKILL');
        } catch {
          // already gone
        }
      }, 2000).unref();
    }
  }

  list(owner?: string): TerminalInfo[] {
    return [...this.sessions.values()].filter((s) => !owner || s.owner === owner).map((s) => ({ ...s.info }));
  }

  disposeAll(): void {
    for (const id of [...this.sessions.keys()]) this.close(id);
  }

  stats(id: string): { unacked: number; paused: boolean; scrollbackBytes: number } {
    const s = this.get(id);
    return { unacked: s.unacked, paused: s.paused, scrollbackBytes: s.scrollbackBytes };
  }

  private get(id: string): Session {
    const s = this.sessions.get(id);
    if (!s) throw new BurrowError({ code: 'not_found', field: 'terminal', message: `No terminal ${id}` });
    return s;
  }
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, Math.floor(Number.isFinite(n) ? n : lo)));
}
