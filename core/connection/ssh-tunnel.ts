// A remote Podman over SSH, the way `podman system connection` does it: ssh://user@host[:port]/run/user/UID/podman/podman.sock.
// Burrow forwards a local unix socket to the remote one with the system's `ssh -N -L local.sock:remote.sock`
// (so the user's ~/.ssh/config, agent and known_hosts apply) and supervises that process like its own Podman
// service: ready when /_ping answers through it, restarted with backoff when the link drops.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { BurrowError } from '../errors.js';
import { SupervisedSocketProcess, type ServiceEvent } from './private-service.js';

export interface SshTarget {
  user?: string;
  host: string;
  port?: number;
  /** The Podman socket on the remote machine. */
  remoteSocket: string;
}

const HOST_RE = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9][A-Za-z0-9.-]*)$/;

/** Parse `ssh://[user@]host[:port]/absolute/socket/path`; errors name the field and say what is expected. */
export function parseSshUri(uri: string, field = 'uri'): SshTarget {
  const fail = (why: string): never => {
    throw new BurrowError({
      code: 'invalid_input',
      field,
      message: `${field}: ${why}`,
      hint: 'Use ssh://user@host[:port]/run/user/<uid>/podman/podman.sock — the remote user must run `systemctl --user enable --now podman.socket`.',
    });
  };
  if (!uri.startsWith('ssh://')) fail(`"${uri}" is not an ssh:// URI`);
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return fail(`"${uri}" is not a valid URI`);
  }
  const host = url.hostname;
  if (!host || !HOST_RE.test(host)) fail(`"${uri}" has no valid host`);
  let port: number | undefined;
  if (url.port) {
    port = Number(url.port);
    if (!Number.isInteger(port) || port < 1 || port > 65535) fail(`port ${url.port} is out of range`);
  }
  const remoteSocket = decodeURIComponent(url.pathname);
  if (!remoteSocket || remoteSocket === '/' || !remoteSocket.startsWith('/'))
    fail(`"${uri}" has no remote socket path`);
  if (url.search || url.hash) fail(`"${uri}" must not carry a query or fragment`);
  const user = url.username ? decodeURIComponent(url.username) : undefined;
  if (url.password) fail('passwords in the URI are not supported; use a key or the SSH agent');
  return { host, remoteSocket, ...(user ? { user } : {}), ...(port ? { port } : {}) };
}

export function formatSshUri(t: SshTarget): string {
  return `ssh://${t.user ? `${t.user}@` : ''}${t.host}${t.port ? `:${t.port}` : ''}${t.remoteSocket}`;
}

export interface SshTunnelOptions {
  target: SshTarget;
  /** Where the forwarded socket appears locally. */
  localSocket: string;
  /** A private key (like `podman system connection add --identity`). */
  identity?: string;
  /** A known_hosts file other than the user's (tests; an isolated profile). */
  knownHostsFile?: string;
  /** `accept-new` (default): trust a host the first time, refuse a changed key afterwards. */
  hostKeyPolicy?: 'accept-new' | 'yes';
  sshPath?: string;
  env?: NodeJS.ProcessEnv;
  readyTimeoutMs?: number;
  backoffMs?: number[];
  onEvent?: (e: ServiceEvent) => void;
}

export function sshArgs(o: SshTunnelOptions): string[] {
  const t = o.target;
  const args = [
    '-N',
    '-T',
    '-o',
    'BatchMode=yes', // never prompt: Burrow has no terminal for it
    '-o',
    'ExitOnForwardFailure=yes',
    '-o',
    'StreamLocalBindUnlink=yes',
    '-o',
    'ServerAliveInterval=10',
    '-o',
    'ServerAliveCountMax=3',
    '-o',
    'ConnectTimeout=10',
    '-o',
    `StrictHostKeyChecking=${o.hostKeyPolicy ?? 'accept-new'}`,
  ];
  if (o.knownHostsFile) args.push('-o', `UserKnownHostsFile=${o.knownHostsFile}`);
  if (o.identity) args.push('-i', o.identity, '-o', 'IdentitiesOnly=yes');
  if (t.port) args.push('-p', String(t.port));
  args.push('-L', `${o.localSocket}:${t.remoteSocket}`, t.user ? `${t.user}@${t.host}` : t.host);
  return args;
}

export class SshTunnel extends SupervisedSocketProcess {
  constructor(readonly tunnel: SshTunnelOptions) {
    super({
      socketPath: tunnel.localSocket,
      command: tunnel.sshPath ?? 'ssh',
      args: sshArgs(tunnel),
      label: `The SSH tunnel to ${formatSshUri(tunnel.target)}`,
      startHint:
        'Check that `ssh` reaches the host without a prompt (a key or the agent), and that the remote user runs `systemctl --user enable --now podman.socket`.',
      ...(tunnel.env ? { env: tunnel.env } : {}),
      readyTimeoutMs: tunnel.readyTimeoutMs ?? 30_000,
      ...(tunnel.backoffMs ? { backoffMs: tunnel.backoffMs } : {}),
      ...(tunnel.onEvent ? { onEvent: tunnel.onEvent } : {}),
    });
  }
}

/** A stable local socket path per remote, under Burrow's runtime directory. */
export function tunnelSocketPath(runtimeDir: string, uri: string): string {
  const id = createHash('sha256').update(uri).digest('hex').slice(0, 12);
  return join(runtimeDir, 'burrow', 'tunnels', `${id}.sock`);
}
