// Assemble the Engine: discover (or start) Podman, pick the API version, build the clients over one transport.
import type { Engine } from './engine-api.js';
import { BurrowError } from './errors.js';
import { createContainersClient } from './clients/containers.js';
import type { ClientContext } from './clients/context.js';
import { createEventsClient } from './clients/events.js';
import { createImagesClient } from './clients/images.js';
import { createRegistriesClient } from './clients/registries.js';
import { createSecretsClient } from './clients/secrets.js';
import {
  createNetworksClient,
  createPodsClient,
  createVolumesClient,
} from './clients/networks-volumes-pods.js';
import { createSystemClient } from './clients/system.js';
import { createValidationProbe } from './clients/validation-probe.js';
import { defaultStrategies, discover, type Discovered, type Strategy } from './connection/discovery.js';
import { ping } from './connection/ping.js';
import type { ServiceEvent } from './connection/private-service.js';
import { parseSshUri } from './connection/ssh-tunnel.js';
import { localHostAccess, remoteHostAccess, type HostAccess } from './host-access.js';
import type { ConnectionInfo } from './model/types.js';
import { AuthFile, authFileLocation } from './registry/auth-file.js';
import { createApiClient } from './transport/api-client.js';
import {
  readBody,
  UnixHttpTransport,
  type RawRequest,
  type RawResponse,
  type Transport,
} from './transport/unix-http.js';

export interface ConnectOptions {
  strategies?: Strategy[];
  env?: NodeJS.ProcessEnv;
  uid?: number;
  /** Socket of Burrow's private service (default $XDG_RUNTIME_DIR/burrow/podman.sock). */
  privateSocketPath?: string;
  allowRoot?: boolean;
  onServiceEvent?: (e: ServiceEvent) => void;
}

/**
 * The private service may be restarting when a call arrives: wait for it, and retry a call that failed
 * because the socket went away underneath it (once).
 */
class SupervisedTransport implements Transport {
  constructor(
    private readonly inner: Transport,
    private readonly found: Discovered,
  ) {}

  get socketPath(): string {
    return this.inner.socketPath;
  }

  async send(req: RawRequest): Promise<RawResponse> {
    const service = this.found.service;
    if (!service) return this.inner.send(req);
    await service.ensureReady();
    try {
      return await this.inner.send(req);
    } catch (e) {
      // A streamed body has been consumed and cannot be sent again.
      const replayable = req.body === undefined || Buffer.isBuffer(req.body);
      if (!(e instanceof BurrowError && e.code === 'engine_unreachable') || !replayable) throw e;
      await service.recover();
      return this.inner.send(req);
    }
  }

  close(): void {
    this.inner.close();
  }
}

async function negotiateVersion(transport: Transport): Promise<{ api: string; podman: string }> {
  const res = await transport.send({ method: 'GET', path: '/version', timeoutMs: 15_000 });
  const body = JSON.parse((await readBody(res.body)).toString('utf8')) as {
    Version?: string;
    Components?: { Name?: string; Version?: string; Details?: { APIVersion?: string } }[];
  };
  const engine = body.Components?.find((c) => c.Name === 'Podman Engine');
  const podman = engine?.Version ?? body.Version ?? '';
  const api = engine?.Details?.APIVersion ?? podman;
  if (!/^\d+\.\d+/.test(api)) {
    throw new BurrowError({
      code: 'engine_error',
      message: `Unexpected /version answer: ${JSON.stringify(body).slice(0, 200)}`,
      hint: 'Is this socket a Podman service?',
    });
  }
  const major = Number(api.split('.')[0]);
  if (major < 4) {
    throw new BurrowError({
      code: 'unsupported_on_host',
      message: `Podman ${podman} is too old`,
      hint: 'Burrow needs Podman 4.3 or newer.',
    });
  }
  return { api, podman };
}

/**
 * The one place that decides whether the engine's host is this machine. Every connection is a unix socket here;
 * an SSH tunnel's socket forwards to an engine elsewhere, which the ssh strategy marks.
 */
export function hostAccessFor(found: Pick<Discovered, 'kind' | 'uri'>): HostAccess {
  if (found.kind !== 'ssh') return localHostAccess();
  let where = 'another machine';
  try {
    const t = parseSshUri(found.uri);
    where = `${t.host}${t.port ? ` port ${t.port}` : ''} (over SSH)`;
  } catch {
    // an unparsable URI never got this far; keep the generic wording
  }
  return remoteHostAccess(where);
}

export async function connectEngine(opts: ConnectOptions = {}): Promise<Engine> {
  const env = opts.env ?? process.env;
  const found = await discover({
    strategies:
      opts.strategies ??
      defaultStrategies({
        ...(opts.privateSocketPath ? { socketPath: opts.privateSocketPath } : {}),
        ...(opts.onServiceEvent ? { onServiceEvent: opts.onServiceEvent } : {}),
      }),
    ctx: { env, ...(opts.uid !== undefined ? { uid: opts.uid } : {}) },
    ...(opts.allowRoot ? { allowRoot: true } : {}),
  });
  const transport = new SupervisedTransport(new UnixHttpTransport(found.socketPath), found);
  let version: { api: string; podman: string };
  try {
    version = await negotiateVersion(transport);
  } catch (e) {
    transport.close();
    await found.service?.stop();
    throw e;
  }
  const api = createApiClient(transport, version.api);
  const host = hostAccessFor(found);
  const system = createSystemClient(api, host, () => ping(found.socketPath));
  const ctx: ClientContext = { api, hostFacts: () => system.hostFacts() };
  const probe = createValidationProbe(api, host, ctx.hostFacts);
  const uid = opts.uid ?? process.getuid?.() ?? -1;
  // Logins live with the user running Burrow (as with `podman --remote`), whichever engine it talks to.
  const authFile = new AuthFile(authFileLocation(env, uid >= 0 ? uid : undefined));
  return {
    containers: createContainersClient(ctx, probe),
    images: createImagesClient(ctx, authFile),
    registries: createRegistriesClient(ctx, authFile),
    secrets: createSecretsClient(ctx),
    networks: createNetworksClient(ctx),
    volumes: createVolumesClient(ctx, host),
    pods: createPodsClient(ctx),
    system,
    events: createEventsClient(api),
    host,
    connection(): ConnectionInfo {
      const pid = found.service?.pid;
      return {
        kind: found.kind,
        socketPath: found.socketPath,
        uri: found.uri,
        ...(pid ? { servicePid: pid } : {}),
        apiVersion: version.api,
        podmanVersion: version.podman,
        runningAsRoot: uid === 0,
      };
    },
    async close() {
      transport.close();
      await found.service?.stop();
    },
  };
}
