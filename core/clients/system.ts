import type { SystemClient } from '../engine-api.js';
import type { HostAccess, LocalHost } from '../host-access.js';
import { DNS_PLUGINS } from '../model/network-dns.js';
import type { SystemPruneResult } from '../model/prune.js';
import type { DiskUsage, HostFacts, IdMapEntry, NetworkDnsPlugin, UsageItems } from '../model/types.js';
import { defineEndpoints, type ApiClient } from '../transport/api-client.js';
import { asNumber, asRecord, asString, asStringArray, pruneReport } from './context.js';

export const systemEndpoints = defineEndpoints({
  version: { method: 'GET', path: '/libpod/version', response: 'json', name: 'version', timeoutMs: 15_000 },
  info: { method: 'GET', path: '/libpod/info', response: 'json', name: 'info', timeoutMs: 30_000 },
  df: { method: 'GET', path: '/libpod/system/df', response: 'json', name: 'disk usage', timeoutMs: 120_000 },
  ping: { method: 'GET', path: '/libpod/_ping', response: 'none', name: 'ping', timeoutMs: 5_000 },
  prune: {
    method: 'POST',
    path: '/libpod/system/prune',
    response: 'json',
    name: 'system prune',
    timeoutMs: 900_000,
  },
});
const E = systemEndpoints;

function idMap(v: unknown): IdMapEntry[] {
  return (Array.isArray(v) ? v : []).map((m) => {
    const o = asRecord(m);
    return { containerId: asNumber(o.container_id), hostId: asNumber(o.host_id), size: asNumber(o.size) };
  });
}

const LIMIT_CONTROLLERS = ['cpu', 'cpuset', 'memory', 'io', 'pids'];

/** Facts from /libpod/info; local host files only when the engine runs on this machine. */
export function factsFromInfo(
  info: unknown,
  local: {
    unprivilegedPortStart?: number;
    newuidmapPath?: string;
    newgidmapPath?: string;
    uid?: number;
    gid?: number;
    /** The DNS plugin as found on this machine, used when the engine does not report its own. */
    networkDns?: NetworkDnsPlugin;
  } = {},
): HostFacts {
  const i = asRecord(info);
  const host = asRecord(i.host);
  const store = asRecord(i.store);
  const version = asRecord(i.version);
  const security = asRecord(host.security);
  const runtime = asRecord(host.ociRuntime);
  const ids = asRecord(host.idMappings);
  const uidMap = idMap(ids.uidmap);
  const gidMap = idMap(ids.gidmap);
  const rootless = security.rootless === true;
  const cgroupVersion = asString(host.cgroupVersion) === 'v2' ? 'v2' : 'v1';
  const controllers = asStringArray(host.cgroupControllers);
  let enforceable: string[];
  let reason: string;
  if (!rootless) {
    enforceable = [...LIMIT_CONTROLLERS];
    reason = 'The engine runs as root, so every cgroup controller is available.';
  } else if (cgroupVersion === 'v1') {
    enforceable = [];
    reason =
      'This host uses cgroup v1, where rootless containers cannot be given resource limits (Podman drops them).';
  } else {
    enforceable = LIMIT_CONTROLLERS.filter((c) => controllers.includes(c));
    const missing = LIMIT_CONTROLLERS.filter((c) => !controllers.includes(c));
    reason = missing.length
      ? `cgroup v2, but these controllers are not delegated to your user: ${missing.join(', ')}.`
      : 'cgroup v2 with cpu, cpuset, memory, io and pids delegated to your user.';
  }
  const rootlessNet =
    asString(host.rootlessNetworkCmd) ||
    (asRecord(host.pasta).executable ? 'pasta' : asRecord(host.slirp4netns).executable ? 'slirp4netns' : '');
  const registries = asRecord(i.registries);
  const networkDns = engineNetworkDns(info) ?? local.networkDns;
  const self = uidMap.find((m) => m.containerId === 0)?.hostId;
  const facts: HostFacts = {
    podmanVersion: asString(version.Version),
    apiVersion: asString(version.APIVersion) || asString(version.Version),
    rootless,
    uid: local.uid ?? self ?? 0,
    gid: local.gid ?? gidMap.find((m) => m.containerId === 0)?.hostId ?? 0,
    cgroupVersion,
    cgroupManager: asString(host.cgroupManager),
    cgroupControllers: controllers,
    ociRuntime: asString(runtime.name),
    ...(asString(runtime.path) ? { ociRuntimePath: asString(runtime.path) } : {}),
    networkBackend: networkBackendOf(info),
    ...(networkDns ? { networkDns } : {}),
    ...(rootlessNet ? { rootlessNetworkCmd: rootlessNet } : {}),
    storageDriver: asString(store.graphDriverName),
    graphRoot: asString(store.graphRoot),
    runRoot: asString(store.runRoot),
    searchRegistries: asStringArray(registries.search),
    idMappings: { uidMap, gidMap },
    kernel: asString(host.kernel),
    os: asString(host.os),
    hostname: asString(host.hostname),
    limitsEnforced:
      enforceable.includes('memory') && enforceable.includes('cpu') && enforceable.includes('pids'),
    limitsReason: reason,
    enforceableLimits: enforceable,
  };
  if (asNumber(host.cpus) > 0) facts.cpus = asNumber(host.cpus);
  const slirp = asString(asRecord(host.slirp4netns).executable);
  const pasta = asString(asRecord(host.pasta).executable);
  if (slirp) facts.slirp4netnsPath = slirp;
  if (pasta) facts.pastaPath = pasta;
  if (local.unprivilegedPortStart !== undefined) facts.unprivilegedPortStart = local.unprivilegedPortStart;
  if (local.newuidmapPath) facts.newuidmapPath = local.newuidmapPath;
  if (local.newgidmapPath) facts.newgidmapPath = local.newgidmapPath;
  return facts;
}

/** /proc/sys/net/ipv4/ip_unprivileged_port_start of the engine's (local) host. */
async function unprivilegedPortStart(host: LocalHost): Promise<number | undefined> {
  const text = await host.readFile('/proc/sys/net/ipv4/ip_unprivileged_port_start');
  const n = Number(text?.trim());
  return text !== undefined && Number.isFinite(n) ? n : undefined;
}

function networkBackendOf(info: unknown): string {
  return asString(asRecord(asRecord(info).host).networkBackend) || 'cni';
}

/**
 * The DNS plugin as the engine reports it (`host.networkBackendInfo.dns`: Podman 5 does, 4.3 does not). Its
 * `path` is empty when the plugin is not installed (only `package: "Unknown"` is left).
 */
function engineNetworkDns(info: unknown): NetworkDnsPlugin | undefined {
  const nbi = asRecord(asRecord(info).host).networkBackendInfo;
  if (nbi === null || typeof nbi !== 'object') return undefined;
  const path = asString(asRecord(asRecord(nbi).dns).path);
  return { source: 'engine', ...(path ? { path } : {}) };
}

/** A local engine that does not report its DNS plugin: look where Podman looks by default. */
async function hostNetworkDns(host: LocalHost, backend: string): Promise<NetworkDnsPlugin | undefined> {
  const known = backend === 'netavark' || backend === 'cni' ? DNS_PLUGINS[backend] : undefined;
  if (!known) return undefined;
  for (const dir of known.dirs) {
    const p = `${dir}/${known.plugin}`;
    const st = await host.stat(p);
    if (st && (st.mode & 0o111) !== 0) return { source: 'host', path: p, searched: known.dirs };
  }
  return { source: 'host', searched: known.dirs };
}

export function createSystemClient(
  api: ApiClient,
  host: HostAccess,
  ping: () => Promise<boolean>,
): SystemClient {
  let cached: Promise<HostFacts> | undefined;
  return {
    ping,
    async version() {
      const v = asRecord(await api.call(E.version));
      const engine = (Array.isArray(v.Components) ? v.Components : [])
        .map(asRecord)
        .find((c) => asString(c.Name) === 'Podman Engine');
      const details = asRecord(engine?.Details);
      return {
        podman: asString(engine?.Version) || asString(v.Version),
        api: asString(details.APIVersion) || asString(v.ApiVersion),
        ...(asString(details.GoVersion) ? { goVersion: asString(details.GoVersion) } : {}),
        ...(asString(details.Os) ? { os: asString(details.Os) } : {}),
        ...(asString(details.Arch) ? { arch: asString(details.Arch) } : {}),
      };
    },
    async info() {
      return api.call(E.info);
    },
    hostFacts(opts = {}) {
      if (!cached || opts.refresh) {
        cached = (async () => {
          const info = await api.call(E.info);
          const local = host.local;
          if (!local) return factsFromInfo(info);
          const [ports, uidmap, gidmap, dns] = await Promise.all([
            unprivilegedPortStart(local),
            local.which('newuidmap'),
            local.which('newgidmap'),
            engineNetworkDns(info) ? undefined : hostNetworkDns(local, networkBackendOf(info)),
          ]);
          const me = local.user();
          return factsFromInfo(info, {
            ...(ports !== undefined ? { unprivilegedPortStart: ports } : {}),
            ...(dns ? { networkDns: dns } : {}),
            ...(uidmap ? { newuidmapPath: uidmap } : {}),
            ...(gidmap ? { newgidmapPath: gidmap } : {}),
            uid: me.uid,
            gid: me.gid,
          });
        })();
        cached.catch(() => {
          cached = undefined;
        });
      }
      return cached;
    },
    async diskUsage(): Promise<DiskUsage> {
      const df = asRecord(await api.call(E.df));
      const sum = (list: unknown, size: string, reclaim: (o: Record<string, unknown>) => boolean) => {
        const arr = (Array.isArray(list) ? list : []).map(asRecord);
        return {
          count: arr.length,
          size: arr.reduce((a, o) => a + asNumber(o[size]), 0),
          reclaimable: arr.filter(reclaim).reduce((a, o) => a + asNumber(o[size]), 0),
        };
      };
      return {
        images: sum(df.Images, 'Size', (o) => asNumber(o.Containers) === 0),
        containers: sum(df.Containers, 'RWSize', (o) => asString(o.Status).toLowerCase() !== 'running'),
        volumes: sum(df.Volumes, 'Size', (o) => asNumber(o.Links) === 0),
      };
    },
    async usage(): Promise<UsageItems> {
      const df = asRecord(await api.call(E.df));
      const rows = (v: unknown) => (Array.isArray(v) ? v : []).map(asRecord);
      return {
        containers: rows(df.Containers).map((o) => ({
          id: asString(o.ContainerID),
          size: asNumber(o.RWSize),
          localVolumes: asNumber(o.LocalVolumes),
        })),
        images: rows(df.Images).map((o) => ({ id: asString(o.ImageID), size: asNumber(o.Size) })),
        volumes: rows(df.Volumes).map((o) => ({ name: asString(o.VolumeName), size: asNumber(o.Size) })),
      };
    },
    async prune(opts = {}): Promise<SystemPruneResult> {
      const r = asRecord(
        await api.call(E.prune, {
          query: {
            all: opts.all ?? false,
            volumes: opts.volumes ?? false,
            ...(opts.filters ? { filters: opts.filters } : {}),
          },
        }),
      );
      const ids = (v: unknown) => pruneReport(v).removed;
      return {
        removed: {
          containers: ids(r.ContainerPruneReports),
          pods: ids(r.PodPruneReport),
          images: ids(r.ImagePruneReports),
          networks: ids(r.NetworkPruneReports),
          volumes: ids(r.VolumePruneReports),
        },
        reclaimedBytes: asNumber(r.ReclaimedSpace),
      };
    },
  };
}
