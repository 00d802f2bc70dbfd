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
  HealthOnFailure,
  Mount,
  NetworkMode,
  PortMapping,
  ResourceLimits,
  RestartPolicy,
  SecretUse,
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

export interface RecreateResult extends CreateResult {
  /** The container it replaced (removed, its volumes kept), for "replace". */
  replaced?: string;
  /** The new container was started because the old one was running. */
  started: boolean;
}

/** A health check's verdict: during the start period "starting", then healthy or unhealthy. */
export type HealthState = 'starting' | 'healthy' | 'unhealthy';

export interface HealthLogEntry {
  start: string; // ISO
  end: string; // ISO
  exitCode: number;
  /** What the check printed (stdout and stderr). */
  output: string;
}

export interface ContainerHealth {
  status: HealthState;
  failingStreak: number;
  /** The last results, oldest first (Podman keeps five by default). */
  log: HealthLogEntry[];
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
  /** Present when the container has a health check that has reported. */
  health?: HealthState;
}

export interface ContainerDetail extends ContainerSummary {
  /** The raw inspect JSON, shown in the Inspect tab (secret variables masked, see maskSecretEnv). */
  raw: unknown;
  /** Secrets the container was given, when Burrow created it (names and where; never values). */
  secrets?: Create.SecretUse[];
  hostname: string;
  user: string;
  env: string[];
  workdir: string;
  entrypoint: string[];
  mounts: Create.Mount[];
  networkMode: string;
  restartPolicy: Create.RestartPolicy;
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
  /** The capability bounding set the engine gave the container (inspect's BoundingCaps), when it says. */
  boundingCaps?: string[];
  /** The configured health check (from the image or the create request). */
  healthcheck?: Create.Healthcheck;
  /** The health check's current verdict and its last results. */
  healthResults?: ContainerHealth;
  autoRemove?: boolean;
  /** For the on-failure restart policy: how many restarts (0: unlimited). */
  restartRetries?: number;
  /** Seconds a stop waits after the stop signal before SIGKILL (inspect's Config.StopTimeout). */
  stopTimeout?: number;
  dns?: string[];
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

/** One event of a pull or a push: per layer while copying; the final one says the outcome. */
export interface PullProgress {
  /** Layer id (short digest) when the event is about one layer. */
  layer?: string;
  status: string;
  current?: number;
  total?: number;
  /** The final event of a pull carries the pulled image id. */
  imageId?: string;
  /** The final event of a push carries the manifest digest when the engine reports it (Podman 5). */
  digest?: string;
  /** Only on the final event: what happened, in words ("Pushed … to …"). */
  outcome?: string;
  error?: string;
}

/** Pushes report progress the way pulls do. */
export type PushProgress = PullProgress;

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
  /** The engine's inspect document (inspect only). */
  raw?: unknown;
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

export type ContainerFileType = 'file' | 'directory' | 'symlink' | 'hardlink' | 'other';

/** One entry of a container's filesystem, as the container sees it (its own uids). */
export interface ContainerFileEntry {
  name: string;
  /** Absolute path inside the container. */
  path: string;
  type: ContainerFileType;
  size: number;
  /** Permission bits (07777). */
  mode: number;
  /** Owner and group as the container names them ("" when its /etc/passwd does not know the id). */
  owner: string;
  group: string;
  /** The owner's uid inside the container, when its /etc/passwd names it. */
  uid?: number;
  mtime: string; // ISO
  linkTarget?: string;
}

/** Who owns copied files on each side, said plainly (rootless ownership is where copies surprise people). */
export interface FileOwnership {
  /** The container's main user: copies into the container are given to it (`podman cp` does the same). */
  containerUser: { name: string; uid: number; gid: number };
  /** That user as the engine's host sees it, when the id mapping is known (not for userns=auto). */
  hostUid?: number;
  hostGid?: number;
  /** The user Burrow runs as here: copies out of the container belong to it. */
  you: { uid: number; gid: number };
  /** True when the container's user is not you on the host, so ownership looks different on each side. */
  differs: boolean;
  /** Copying in, in one sentence. */
  copyIn: string;
  /** Copying out, in one sentence. */
  copyOut: string;
}

export interface ContainerFileListing {
  path: string;
  entries: ContainerFileEntry[];
  /** The directory was too large to read whole; open a subfolder. */
  truncated: boolean;
  ownership: FileOwnership;
}

export interface ContainerFileContent {
  path: string;
  size: number;
  /** Present when the start of the file is UTF-8 text. */
  text?: string;
  /** Only the first `maxBytes` were read. */
  truncated: boolean;
}

export interface CopyResult {
  from: string;
  to: string;
  /** Files, folders and links copied. */
  entries: number;
  bytes: number;
  /** Who owns the copies now, and who owned them on the other side. */
  ownership: string;
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

/** Per-object sizes (`podman system df -v`). */
export interface UsageItems {
  containers: { id: string; size: number; localVolumes: number }[];
  images: { id: string; size: number }[];
  volumes: { name: string; size: number }[];
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
  /** CPUs of the engine's host (numbered 0 to cpus-1). */
  cpus?: number;
  /** Rootless network tools the engine found (info's host.slirp4netns / host.pasta). */
  slirp4netnsPath?: string;
  pastaPath?: string;
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

/**
 * One event of a long transfer to or from a tar archive (image save/load, volume export/import). The stream ends
 * with one `done` event whose `outcome` says what happened in words; progress is bytes moved so far.
 */
export type ArchiveEvent =
  | {
      kind: 'status';
      text: string;
      /** false: from here the engine finishes the step even if the job is cancelled (Cancel cannot stop it). */
      cancellable?: false;
    }
  | { kind: 'bytes'; bytes: number; total?: number }
  | {
      kind: 'done';
      outcome: string;
      /** The archive on the machine Burrow runs on. */
      path: string;
      bytes: number;
      /** Image save/load: the images in the archive. */
      images?: string[];
      /** Volume export: whether file owners were kept (see VolumeArchiveRoute). */
      ownersKept?: boolean;
    };

export interface SecretSummary {
  id: string;
  name: string;
  driver: string;
  createdAt: string;
  updatedAt: string;
  labels: Record<string, string>;
}

/** A secret's metadata. Its value never leaves the engine: Burrow does not ask for it and drops it if sent. */
export interface SecretDetail extends SecretSummary {
  raw: unknown;
}

/** Arrives from the contract as is, so its optional fields may be undefined. */
export interface CreateSecretSpec {
  name: string;
  /** The value typed in; exactly one of text and file. */
  text?: string | undefined;
  /** A file on the machine Burrow runs on, read and sent to the engine. */
  file?: string | undefined;
  labels?: Record<string, string> | undefined;
}
