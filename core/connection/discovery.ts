// Where is Podman? An ordered list of strategies, each injectable (env and uid too, for tests):
//   1. CONTAINER_HOST=unix:///path — the user said so; if it does not answer, that is an error, not a fallback
//   2. $XDG_RUNTIME_DIR/podman/podman.sock — the user's own service (often systemd's podman.socket)
//   3. Burrow's private `podman system service` under $XDG_RUNTIME_DIR/burrow/
import { join } from 'node:path';
import { BurrowError } from '../errors.js';
import type { ConnectionInfo } from '../model/types.js';
import { ping } from './ping.js';
import { PrivateService, type ServiceEvent } from './private-service.js';

export interface DiscoveryContext {
  env: NodeJS.ProcessEnv;
  uid: number;
}

export interface Discovered {
  kind: ConnectionInfo['kind'];
  socketPath: string;
  uri: string;
  /** Present when Burrow started (and supervises) the service. */
  service?: PrivateService;
}

export type Strategy = (ctx: DiscoveryContext) => Promise<Discovered | undefined>;

export function parseUnixUri(uri: string): string | undefined {
  if (uri.startsWith('unix://')) return uri.slice('unix://'.length) || undefined;
  if (uri.startsWith('/')) return uri;
  return undefined;
}

export const containerHostStrategy: Strategy = async ({ env }) => {
  const uri = env.CONTAINER_HOST?.trim();
  if (!uri) return undefined;
  const socketPath = parseUnixUri(uri);
  if (!socketPath) {
    throw new BurrowError({
      code: 'unsupported_on_host',
      field: 'CONTAINER_HOST',
      message: `CONTAINER_HOST=${uri} is not a unix:// socket`,
      hint: 'For a remote engine add an SSH connection in Burrow (Connections); CONTAINER_HOST must be unix:///path/to/podman.sock.',
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
