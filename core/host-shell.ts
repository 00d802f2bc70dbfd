// Commands on the engine's host. Quadlet units, their journal and `podman auto-update` live with systemd on the
// machine the engine runs on, and libpod's API has no endpoint for any of them. For a local engine that machine is
// this one; for an engine over SSH Burrow runs them through the same `ssh` it forwards the socket with (same
// target, key, known_hosts and BatchMode), so the user's ~/.ssh/config and agent apply and nothing is prompted.
// Nothing runs through a shell on this machine; on a remote host the argv is quoted word by word for its shell.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { BurrowError } from './errors.js';
import { LineSplitter } from './streams/ndjson.js';
import { formatSshUri, type SshTunnelOptions } from './connection/ssh-tunnel.js';

export interface HostRunOptions {
  /** Written to the command's stdin, then closed. */
  input?: string;
  /** Extra environment for the command (on a remote host: set with `env` before it). */
  env?: Record<string, string>;
  /** Working directory on the host. */
  cwd?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface HostRunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export type HostOutput =
  { kind: 'line'; stream: 'stdout' | 'stderr'; text: string } | { kind: 'exit'; code: number };

export interface HostShell {
  /** For people: "this machine" or "tester@127.0.0.1 port 2243 (over SSH)". */
  readonly where: string;
  readonly remote: boolean;
  /** Run to completion. A non-zero exit is a result, not an error; a command that cannot start is. */
  run(argv: string[], opts?: HostRunOptions): Promise<HostRunResult>;
  /** Output line by line as it comes; the last item is the exit. Aborting the signal ends the command. */
  stream(argv: string[], opts?: HostRunOptions): AsyncIterable<HostOutput>;
  /** Let go of anything kept open between commands (the SSH master connection). */
  close(): Promise<void>;
}

/** POSIX shell quoting for one word (what a remote login shell will split the command line into). */
export function shQuote(word: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The command line a remote shell runs for argv: `cd DIR && env K=V … argv…`, every word quoted. */
export function remoteCommandLine(argv: string[], env: Record<string, string> = {}, cwd?: string): string {
  const assignments = Object.entries(env).map(([k, v]) => {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(k)) throw new Error(`bad environment variable name ${k}`);
    return shQuote(`${k}=${v}`);
  });
  const command = [...(assignments.length ? ['env', ...assignments] : []), ...argv.map(shQuote)].join(' ');
  return cwd ? `cd ${shQuote(cwd)} && ${command}` : command;
}

interface Spawned {
  file: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  cwd?: string;
}

const DEFAULT_TIMEOUT_MS = 120_000;
/** After the command exits, how long its output pipes are still read when something else holds them open. */
const EXIT_DRAIN_MS = 1_000;

/** Spawn, feed stdin, and hand lines and the exit code to the caller's async iteration. */
async function* streamProcess(
  how: Spawned,
  opts: HostRunOptions,
  describe: string,
): AsyncGenerator<HostOutput> {
  const child = spawn(how.file, how.args, {
    env: how.env,
    stdio: ['pipe', 'pipe', 'pipe'],
    ...(how.cwd ? { cwd: how.cwd } : {}),
  });
  const queue: HostOutput[] = [];
  let wake: (() => void) | undefined;
  let failure: Error | undefined;
  let exited = false;
  const push = (o: HostOutput) => {
    queue.push(o);
    wake?.();
  };
  const splitters = { stdout: new LineSplitter(), stderr: new LineSplitter() };
  for (const stream of ['stdout', 'stderr'] as const) {
    child[stream].on('data', (chunk: Buffer) => {
      for (const text of splitters[stream].push(chunk)) push({ kind: 'line', stream, text });
    });
  }
  const stdoutDone = new Promise<void>((r) => child.stdout.once('close', () => r()));
  const stderrDone = new Promise<void>((r) => child.stderr.once('close', () => r()));
  let timedOut = false;
  const kill = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  };
  const timer = setTimeout(() => {
    timedOut = true;
    kill();
  }, opts.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  opts.signal?.addEventListener('abort', kill, { once: true });
  child.once('error', (e: NodeJS.ErrnoException) => {
    failure =
      e.code === 'ENOENT'
        ? new BurrowError({
            code: 'unsupported_on_host',
            message: `${how.file} is not installed on ${describe}`,
            hint: how.file === 'ssh' ? 'Install the OpenSSH client.' : `Install ${how.file}.`,
          })
        : e;
    exited = true;
    wake?.();
  });
  // A command may leave a process behind that inherited its stdout or stderr (`cmd &` in a script, a daemon that
  // keeps its parent's descriptors): the pipe then stays open after the command exits and `close` would wait for
  // that process, past any timeout (whose kill finds the command already gone). Once the command has exited, what
  // it wrote is read for a moment longer, then the pipes are let go and the command is over.
  let drain: NodeJS.Timeout | undefined;
  child.once('exit', () => {
    drain = setTimeout(() => {
      child.stdout.destroy();
      child.stderr.destroy();
    }, EXIT_DRAIN_MS);
  });
  child.once('close', (code, sig) => {
    clearTimeout(drain);
    void Promise.all([stdoutDone, stderrDone]).then(() => {
      for (const stream of ['stdout', 'stderr'] as const) {
        const rest = splitters[stream].flush();
        if (rest !== undefined) queue.push({ kind: 'line', stream, text: rest });
      }
      queue.push({ kind: 'exit', code: code ?? (sig ? 128 + 15 : -1) });
      exited = true;
      wake?.();
    });
  });
  child.stdin.on('error', () => undefined); // a command that never reads its stdin closes it early
  child.stdin.end(opts.input ?? '');
  try {
    for (;;) {
      while (queue.length) yield queue.shift() as HostOutput;
      if (failure) throw failure;
      if (exited && queue.length === 0) break;
      await new Promise<void>((r) => (wake = r));
      wake = undefined;
    }
    if (timedOut && !opts.signal?.aborted)
      throw new BurrowError({
        code: 'timeout',
        message: `${describe}: \`${how.args.at(-1) ?? how.file}\` did not finish in ${Math.round((opts.timeoutMs ?? DEFAULT_TIMEOUT_MS) / 1000)} s`,
      });
  } finally {
    clearTimeout(timer);
    opts.signal?.removeEventListener('abort', kill);
    kill();
  }
}

async function collect(lines: AsyncIterable<HostOutput>): Promise<HostRunResult> {
  const out: string[] = [];
  const err: string[] = [];
  let code = -1;
  for await (const o of lines) {
    if (o.kind === 'exit') code = o.code;
    else (o.stream === 'stdout' ? out : err).push(o.text);
  }
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

/** This machine: argv spawned directly, with this process's environment plus opts.env. */
export function localShell(baseEnv: NodeJS.ProcessEnv = process.env): HostShell {
  const spawned = (argv: string[], opts: HostRunOptions): Spawned => {
    const [file, ...args] = argv;
    if (!file) throw new Error('empty command');
    return { file, args, env: { ...baseEnv, ...opts.env }, ...(opts.cwd ? { cwd: opts.cwd } : {}) };
  };
  const where = 'this machine';
  return {
    where,
    remote: false,
    stream: (argv, opts = {}) => streamProcess(spawned(argv, opts), opts, where),
    run: (argv, opts = {}) => collect(streamProcess(spawned(argv, opts), opts, where)),
    close: async () => undefined,
  };
}

export interface SshShellOptions extends Pick<
  SshTunnelOptions,
  'target' | 'identity' | 'knownHostsFile' | 'hostKeyPolicy' | 'sshPath' | 'env'
> {
  /**
   * Where ssh keeps the master connection its commands share (OpenSSH's ControlPath, `%C` its hash of the
   * target). A new SSH session costs a key exchange each (seconds on a slow host); a shared one costs a channel.
   * Default: $XDG_RUNTIME_DIR/burrow/ssh-%C; none without XDG_RUNTIME_DIR.
   */
  controlPath?: string | false;
}

/** How long the shared connection outlives the last command (s). */
const CONTROL_PERSIST_S = 60;

function controlOptions(path: string | undefined): string[] {
  return path
    ? ['-o', 'ControlMaster=auto', '-o', `ControlPath=${path}`, '-o', `ControlPersist=${CONTROL_PERSIST_S}`]
    : [];
}

/** ssh's own options for one command: the tunnel's, without the forward, sharing one connection. */
export function sshCommandArgs(o: SshShellOptions, commandLine: string): string[] {
  const t = o.target;
  const args = [
    '-T',
    '-o',
    'BatchMode=yes',
    '-o',
    'ConnectTimeout=10',
    '-o',
    'ServerAliveInterval=10',
    '-o',
    'ServerAliveCountMax=3',
    '-o',
    `StrictHostKeyChecking=${o.hostKeyPolicy ?? 'accept-new'}`,
    '-o',
    'LogLevel=ERROR',
  ];
  if (o.knownHostsFile) args.push('-o', `UserKnownHostsFile=${o.knownHostsFile}`);
  if (o.identity) args.push('-i', o.identity, '-o', 'IdentitiesOnly=yes');
  if (t.port) args.push('-p', String(t.port));
  args.push(...controlOptions(o.controlPath || undefined));
  args.push(t.user ? `${t.user}@${t.host}` : t.host, '--', commandLine);
  return args;
}

function defaultControlPath(env: NodeJS.ProcessEnv): string | undefined {
  const dir = env.XDG_RUNTIME_DIR;
  if (!dir) return undefined;
  try {
    mkdirSync(join(dir, 'burrow'), { recursive: true, mode: 0o700 });
  } catch {
    return undefined;
  }
  return join(dir, 'burrow', 'ssh-%C');
}

/** The engine's host over SSH: every command is one `ssh … -- 'quoted argv'` session as the connection's user. */
export function sshShell(options: SshShellOptions): HostShell {
  const env = options.env ?? process.env;
  const controlPath =
    options.controlPath === false ? undefined : (options.controlPath ?? defaultControlPath(env));
  const o: SshShellOptions = { ...options, controlPath: controlPath ?? false };
  const t = o.target;
  const where = `${t.user ? `${t.user}@` : ''}${t.host}${t.port ? ` port ${t.port}` : ''} (over SSH)`;
  const spawned = (argv: string[], opts: HostRunOptions): Spawned => ({
    file: o.sshPath ?? 'ssh',
    args: sshCommandArgs(o, remoteCommandLine(argv, opts.env, opts.cwd)),
    env: { ...env },
  });
  const describe = `${where} (${formatSshUri(t)})`;
  return {
    where,
    remote: true,
    stream: (argv, opts = {}) => streamProcess(spawned(argv, opts), opts, describe),
    run: async (argv, opts = {}) => {
      const r = await collect(streamProcess(spawned(argv, opts), opts, describe));
      // ssh itself exits 255 when it cannot connect or authenticate; the remote command's codes are its own.
      if (r.code === 255)
        throw new BurrowError({
          code: 'engine_unreachable',
          message: `ssh to ${where} failed: ${r.stderr.trim().split('\n').pop() || 'exit 255'}`,
          hint: 'Check that `ssh` reaches the host without a prompt (a key or the agent).',
        });
      return r;
    },
    async close() {
      if (!controlPath) return;
      // Ends the shared connection now rather than after ControlPersist; nothing to do when there is none.
      const exit = sshCommandArgs(o, '').slice(0, -2);
      await collect(
        streamProcess(
          { file: o.sshPath ?? 'ssh', args: ['-O', 'exit', ...exit], env: { ...env } },
          { timeoutMs: 5000 },
          describe,
        ),
      ).catch(() => undefined);
    },
  };
}
