// Burrow's own domain model. libpod's shapes never leave core: clients map them to these types, and the
// create spec is mapped to libpod's SpecGenerator in exactly one place (model/spec-generator.ts).
import type * as Create from './create-spec.js';

export type ContainerState =
  'created' | 'running' | 'paused' | 'exited' | 'stopped' | 'stopping' | 'removing' | 'dead' | 'unknown';

// The create spec and its parts are derived from one schema (model/create-spec.ts): what callers send is
// CreateContainerInput, what validation returns is CreateContainerSpec.
export type {
  BindOption,
  CreateContainerInput,
  CreateContainerSpec,
  Healthcheck,
  Mount,
  NetworkMode,
  PortMapping,
  ResourceLimits,
  RestartPolicy,
  SecurityOptions,
  UsernsMode,
} from './create-spec.js';

export interface Warning {
  code: 'limits_not_enforced' | 'privileged' | 'runtime_unusable' | 'generic';
  message: string;
  hint?: string;
  /** For limits_not_enforced: which requested limits will not be applied. */
  fields?: string[];
}

export interface CreateResult {
  id: string;
  warnings: Warning[];
}

export interface ContainerSummary {
  id: string;
  name: string;
  image: string;
  imageId: string;
  command: string[];
  state: ContainerState;
  /** Podman's human status, e.g. "Up 3 minutes". */
  status: string;
  createdAt: string; // ISO
  startedAt?: string; // ISO, when running
  exitCode?: number;
  /** ISO, when exited. */
  finishedAt?: string;
  ports: Create.PortMapping[];
  labels: Record<string, string>;
  pod?: string;
  networks: string[];
  /** The userns mode as parsed from the container (undefined where the list does not report it). */
  userns?: Create.UsernsMode;
  pid?: number;
}

export interface ContainerDetail extends ContainerSummary {
  /** The raw inspect JSON, shown in the Inspect tab. */
  raw: unknown;
  hostname: string;
  user: string;
  env: string[];
  workdir: string;
  entrypoint: string[];
  mounts: Create.Mount[];
  networkMode: string;
  restartPolicy: Create.RestartPolicy;
  /** `on-failure`'s retry limit (HostConfig.RestartPolicy.MaximumRetryCount; 0: no limit). */
  restartRetries: number;
  /** Restarts by the policy so far (inspect's RestartCount). */
  restartCount: number;
  tty: boolean;
  stdin: boolean;
  security: Create.SecurityOptions;
  /** What the engine applied (0 / undefined means none). */
  enforcedLimits: { memory?: number; nanoCpus?: number; pidsLimit?: number; cpuShares?: number };
  /** What the user asked for at create time, from Burrow's labels. */
  requestedLimits?: Create.ResourceLimits;
  idMappings?: { uidMap: string[]; gidMap: string[] };
  oomKilled: boolean;
  /** Capabilities the main process actually holds (inspect's EffectiveCaps, without the CAP_ prefix). */
  effectiveCaps: string[];
}

export interface ImageSummary {
  id: string;
  tags: string[];
  digest?: string;
  size: number;
  createdAt: string;
  containers: number;
  dangling: boolean;
}

export interface ImageDetail extends ImageSummary {
  raw: unknown;
  user: string;
  env: string[];
  cmd: string[];
  entrypoint: string[];
  workdir: string;
  exposedPorts: string[];
  labels: Record<string, string>;
  architecture: string;
  os: string;
}

/** One event of an image build's stream. */
export type BuildEvent =
  { kind: 'output'; text: string } | { kind: 'done'; imageId: string } | { kind: 'error'; message: string };

export interface ImageHistoryEntry {
  id: string;
  createdAt: string;
  createdBy: string;
  size: number;
  comment: string;
}

export interface PullProgress {
  /** Layer id (short digest) when the event is about one layer. */
  layer?: string;
  status: string;
  current?: number;
  total?: number;
  /** The final event carries the pulled image id. */
  imageId?: string;
  error?: string;
}

export interface NetworkSummary {
  id: string;
  name: string;
  driver: string;
  subnets: { subnet: string; gateway?: string }[];
  internal: boolean;
  dnsEnabled: boolean;
  createdAt: string;
  labels: Record<string, string>;
  /** Container ids attached to this network (from inspect; may be empty in list). */
  containers: string[];
}

export interface CreateNetworkSpec {
  name: string;
  driver?: 'bridge' | 'macvlan' | 'ipvlan' | undefined;
  subnet?: string | undefined;
  gateway?: string | undefined;
  internal?: boolean | undefined;
  dnsEnabled?: boolean | undefined;
  dnsServers?: string[] | undefined;
  labels?: Record<string, string> | undefined;
}

export interface VolumeSummary {
  name: string;
  driver: string;
  mountpoint: string;
  createdAt: string;
  labels: Record<string, string>;
  options: Record<string, string>;
  /** Containers using it, when known. */
  usedBy?: string[];
}

export interface CreateVolumeSpec {
  name?: string | undefined;
  driver?: string | undefined;
  labels?: Record<string, string> | undefined;
  options?: Record<string, string> | undefined;
}

export interface PodSummary {
  id: string;
  name: string;
  status: string;
  createdAt: string;
  containers: { id: string; name: string; state: string }[];
  infraId?: string;
  labels: Record<string, string>;
}

export interface CreatePodSpec {
  name: string;
  ports?: Create.PortMapping[] | undefined;
  labels?: Record<string, string> | undefined;
  userns?: Create.UsernsMode | undefined;
}

export interface ContainerStats {
  id: string;
  name: string;
  cpuPercent: number;
  memUsage: number;
  memLimit: number;
  memPercent: number;
  netInput: number;
  netOutput: number;
  blockInput: number;
  blockOutput: number;
  pids: number;
  at: string; // ISO
}

export interface LogLine {
  stream: 'stdout' | 'stderr';
  text: string;
  /** Present when timestamps were requested. */
  timestamp?: string;
}

export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface TopResult {
  titles: string[];
  processes: string[][];
}

/** An engine event, normalised. `resync` tells consumers to reconcile from a full list. */
export type EngineEvent =
  | {
      kind: 'container' | 'image' | 'network' | 'volume' | 'pod' | 'system';
      action: string; // create, start, died, stop, remove, pull, ...
      id: string;
      name?: string;
      attributes: Record<string, string>;
      time: string; // ISO
    }
  | { kind: 'resync'; reason: string; time: string };

export interface DiskUsage {
  images: { count: number; size: number; reclaimable: number };
  containers: { count: number; size: number; reclaimable: number };
  volumes: { count: number; size: number; reclaimable: number };
}

export interface PruneResult {
  removed: string[];
  reclaimedBytes: number;
}

/** Facts about the host and engine that rootless features depend on. */
export interface HostFacts {
  podmanVersion: string;
  apiVersion: string;
  rootless: boolean;
  /** The uid Burrow runs as (from the engine where remote). */
  uid: number;
  gid: number;
  cgroupVersion: 'v1' | 'v2';
  cgroupManager: string;
  /** Controllers delegated to the user (cgroup v2); empty on v1. */
  cgroupControllers: string[];
  ociRuntime: string;
  ociRuntimePath?: string;
  networkBackend: string;
  /**
   * The network backend's DNS plugin (aardvark-dns for netavark, dnsname for CNI), which lets containers on a
   * created network reach each other by name. Undefined when nothing says: a remote Podman that does not
   * report it (4.3). Judged by `networkNameResolution` (model/network-dns.ts).
   */
  networkDns?: NetworkDnsPlugin;
  rootlessNetworkCmd?: string;
  storageDriver: string;
  graphRoot: string;
  runRoot: string;
  searchRegistries: string[];
  idMappings: { uidMap: IdMapEntry[]; gidMap: IdMapEntry[] };
  kernel: string;
  os: string;
  hostname: string;
  /** net.ipv4.ip_unprivileged_port_start; undefined when it could not be read (remote engine). */
  unprivilegedPortStart?: number;
  newuidmapPath?: string;
  newgidmapPath?: string;
  /** True when rootless resource limits will be dropped on this host. */
  limitsEnforced: boolean;
  /** Why limits are or are not enforced, in words. */
  limitsReason: string;
  /** Which limit kinds the host can enforce (cpu, memory, pids, io). */
  enforceableLimits: string[];
}

export interface NetworkDnsPlugin {
  /** Where the plugin is installed; absent when it is not. */
  path?: string;
  /**
   * `engine`: the engine's own report (`host.networkBackendInfo.dns` of /libpod/info, Podman 5);
   * `host`: this machine's plugin directories, for a local engine that does not report it (Podman 4.3).
   */
  source: 'engine' | 'host';
  /** The directories looked in, when read from this machine. */
  searched?: string[];
}

export interface IdMapEntry {
  containerId: number;
  hostId: number;
  size: number;
}

export interface ConnectionInfo {
  kind: 'container_host' | 'user_socket' | 'private_service' | 'ssh';
  socketPath?: string;
  uri: string;
  /** PID of Burrow's private service, when it is the connection. */
  servicePid?: number;
  apiVersion: string;
  podmanVersion: string;
  runningAsRoot: boolean;
}

/** A connection Burrow can switch to (System → Connections). */
export interface ConnectionEntry {
  name: string;
  /** unix:///path or ssh://user@host[:port]/path; "auto" for local discovery. */
  uri: string;
  identity?: string;
  source: 'auto' | 'saved' | 'podman';
}
