// Where is Podman? An ordered list of strategies, each injectable (env and uid too, for tests):
//   1. CONTAINER_HOST=unix:///path or ssh://user@host/path (key from CONTAINER_SSHKEY, as Podman reads it) —
//      the user said so; if it does not answer, that is an error, not a fallback
//   2. $XDG_RUNTIME_DIR/podman/podman.sock — the user's own service (often systemd's podman.socket)
//   3. Burrow's private `podman system service` under $XDG_RUNTIME_DIR/burrow/
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { BurrowError } from '../errors.js';
import type { ConnectionInfo } from '../model/types.js';
import { ping } from './ping.js';
import { PrivateService, type ServiceEvent, type SupervisedSocketProcess } from './private-service.js';
import { parseSshUri, SshTunnel, tunnelSocketPath, type SshTunnelOptions } from './ssh-tunnel.js';

export interface DiscoveryContext {
  env: NodeJS.ProcessEnv;
  uid: number;
}

export interface Discovered {
  kind: ConnectionInfo['kind'];
  socketPath: string;
  uri: string;
  /** Present when Burrow started (and supervises) the process behind the socket: its service or an SSH tunnel. */
  service?: SupervisedSocketProcess;
}

export type Strategy = (ctx: DiscoveryContext) => Promise<Discovered | undefined>;

export function parseUnixUri(uri: string): string | undefined {
  if (uri.startsWith('unix://')) return uri.slice('unix://'.length) || undefined;
  if (uri.startsWith('/')) return uri;
  return undefined;
}

export const containerHostStrategy: Strategy = async (ctx) => {
  const { env } = ctx;
  const uri = env.CONTAINER_HOST?.trim();
  if (!uri) return undefined;
  if (uri.startsWith('ssh://')) {
    const identity = env.CONTAINER_SSHKEY?.trim();
    return sshStrategy({ uri, field: 'CONTAINER_HOST', ...(identity ? { identity } : {}) })(ctx);
  }
  const socketPath = parseUnixUri(uri);
  if (!socketPath) {
    throw new BurrowError({
      code: 'unsupported_on_host',
      field: 'CONTAINER_HOST',
      message: `CONTAINER_HOST=${uri} is neither a unix:// socket nor an ssh:// connection`,
      hint: 'Use unix:///path/to/podman.sock or ssh://user@host/run/user/<uid>/podman/podman.sock.',
    });
  }
  if (!(await ping(socketPath))) {
    throw new BurrowError({
      code: 'engine_unreachable',
      message: `CONTAINER_HOST points at ${socketPath}, which does not answer`,
      hint: 'Start that service (`podman system service --time=0 unix://…`), or unset CONTAINER_HOST to let Burrow start its own.',
    });
  }
  return { kind: 'container_host', socketPath, uri: `unix://${socketPath}` };
};

export const userSocketStrategy: Strategy = async ({ env }) => {
  const runtimeDir = env.XDG_RUNTIME_DIR;
  if (!runtimeDir) return undefined;
  const socketPath = join(runtimeDir, 'podman', 'podman.sock');
  // systemd's podman.socket activates the service on this first connection, so a ping is enough.
  if (!(await ping(socketPath, 5000))) return undefined;
  return { kind: 'user_socket', socketPath, uri: `unix://${socketPath}` };
};

export interface PrivateServiceStrategyOptions {
  socketPath?: string;
  podmanPath?: string;
  readyTimeoutMs?: number;
  onServiceEvent?: (e: ServiceEvent) => void;
}

export function privateServiceStrategy(opts: PrivateServiceStrategyOptions = {}): Strategy {
  return async ({ env }) => {
    const runtimeDir = env.XDG_RUNTIME_DIR;
    if (!runtimeDir && !opts.socketPath) {
      throw new BurrowError({
        code: 'engine_unreachable',
        message: 'XDG_RUNTIME_DIR is not set, so Burrow has nowhere to put its Podman socket',
        hint: 'Log in through a normal session (systemd-logind sets it), or export XDG_RUNTIME_DIR=/run/user/$(id -u) with that directory owned by you.',
      });
    }
    const socketPath = opts.socketPath ?? join(runtimeDir ?? '', 'burrow', 'podman.sock');
    const service = new PrivateService({
      socketPath,
      env,
      ...(opts.podmanPath ? { podmanPath: opts.podmanPath } : {}),
      ...(opts.readyTimeoutMs ? { readyTimeoutMs: opts.readyTimeoutMs } : {}),
      ...(opts.onServiceEvent ? { onEvent: opts.onServiceEvent } : {}),
    });
    await service.start();
    return { kind: 'private_service', socketPath, uri: `unix://${socketPath}`, service };
  };
}

export interface SshStrategyOptions extends Partial<
  Omit<SshTunnelOptions, 'target' | 'localSocket' | 'env'>
> {
  uri: string;
  /** The field errors name (the connection's `uri`, or CONTAINER_HOST). */
  field?: string;
  localSocket?: string;
}

/** A remote engine through a supervised `ssh -L` tunnel; its host facts come from the engine, not this machine. */
export function sshStrategy(opts: SshStrategyOptions): Strategy {
  return async ({ env }) => {
    const { uri, field, localSocket, ...tunnelOpts } = opts;
    const target = parseSshUri(uri, field);
    const runtimeDir = env.XDG_RUNTIME_DIR;
    if (!runtimeDir && !localSocket) {
      throw new BurrowError({
        code: 'engine_unreachable',
        message: 'XDG_RUNTIME_DIR is not set, so Burrow has nowhere to put the tunnel socket',
        hint: 'Export XDG_RUNTIME_DIR=/run/user/$(id -u) with that directory owned by you.',
      });
    }
    const socketPath = localSocket ?? tunnelSocketPath(runtimeDir ?? '', uri);
    await mkdir(dirname(socketPath), { recursive: true, mode: 0o700 });
    const tunnel = new SshTunnel({ ...tunnelOpts, target, localSocket: socketPath, env });
    await tunnel.start();
    return { kind: 'ssh', socketPath, uri, service: tunnel };
  };
}

export function defaultStrategies(opts: PrivateServiceStrategyOptions = {}): Strategy[] {
  return [containerHostStrategy, userSocketStrategy, privateServiceStrategy(opts)];
}

export interface DiscoverOptions {
  strategies?: Strategy[];
  ctx?: Partial<DiscoveryContext>;
  /** Burrow is for rootless Podman: as root it refuses unless this is set. */
  allowRoot?: boolean;
}

export async function discover(opts: DiscoverOptions = {}): Promise<Discovered> {
  const ctx: DiscoveryContext = {
    env: opts.ctx?.env ?? process.env,
    uid: opts.ctx?.uid ?? process.getuid?.() ?? -1,
  };
  if (ctx.uid === 0 && !opts.allowRoot) {
    throw new BurrowError({
      code: 'unsupported_on_host',
      message: 'Burrow is running as root',
      hint: 'Burrow manages rootless Podman: run it as your normal user. It never starts a root daemon on its own.',
    });
  }
  for (const strategy of opts.strategies ?? defaultStrategies()) {
    const found = await strategy(ctx);
    if (found) return found;
  }
  throw new BurrowError({
    code: 'engine_unreachable',
    message: 'No Podman engine found',
    hint: 'Install Podman (≥ 4.3) and run `podman info` to check it works for your user.',
  });
}
