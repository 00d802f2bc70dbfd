// The Engine: Burrow's whole view of Podman, made of per-resource clients. Everything above core/ (the
// Electron main process, the headless host, the tray, the terminals) talks to Podman only through this.
// Streams are AsyncIterables that end when the AbortSignal fires.
import type { ImageSearchResult, RegistryLogin } from './model/registry.js';
import type { CommitOptions, CommitResult } from './model/commit.js';
import type { RecreateMode } from './model/edit-spec.js';
import type {
  ArchiveEvent,
  BuildEvent,
  CopyResult,
  ConnectionInfo,
  ContainerDetail,
  ContainerFileContent,
  ContainerFileListing,
  ContainerHealth,
  ContainerStats,
  ContainerSummary,
  CreateContainerSpec,
  CreateNetworkSpec,
  CreatePodSpec,
  CreateResult,
  CreateVolumeSpec,
  DiskUsage,
  EngineEvent,
  ExecResult,
  HostFacts,
  ImageDetail,
  ImageHistoryEntry,
  ImageSummary,
  LogLine,
  NetworkSummary,
  PodSummary,
  PruneResult,
  PullProgress,
  PushProgress,
  SecretDetail,
  SecretSummary,
  CreateSecretSpec,
  RecreateResult,
  TopResult,
  UsageItems,
  VolumeSummary,
} from './model/types.js';
import type { SystemPruneResult } from './model/prune.js';
import type { HostAccess } from './host-access.js';

export interface ListContainersOptions {
  all?: boolean;
  /** libpod filters, e.g. { label: ['burrow.test=1'], name: ['web'] , status: ['running'] } */
  filters?: Record<string, string[]>;
}

export interface LogsOptions {
  follow?: boolean;
  tail?: number;
  since?: string; // RFC3339 or unix seconds
  timestamps?: boolean;
  stdout?: boolean;
  stderr?: boolean;
  signal?: AbortSignal;
}

export interface ExecOptions {
  user?: string;
  workdir?: string;
  env?: string[];
  /** Input written to the process's stdin, then closed. */
  stdin?: string | Buffer;
  signal?: AbortSignal;
}

export interface ContainersClient {
  list(opts?: ListContainersOptions): Promise<ContainerSummary[]>;
  inspect(idOrName: string): Promise<ContainerDetail>;
  /**
   * One container's list entry, equal to what `list` gives for it, at a cost that does not grow with the number
   * of containers (an inspect; libpod answers even an `id=` filtered list by walking every container).
   */
  summary(idOrName: string): Promise<ContainerSummary>;
  /** Validates first (invalid_input, nothing created), then creates. Pulls nothing: call images.pull first. */
  create(spec: CreateContainerSpec): Promise<CreateResult>;
  start(id: string): Promise<void>;
  stop(id: string, opts?: { timeoutSeconds?: number }): Promise<void>;
  restart(id: string, opts?: { timeoutSeconds?: number }): Promise<void>;
  kill(id: string, signal?: string): Promise<void>;
  pause(id: string): Promise<void>;
  unpause(id: string): Promise<void>;
  remove(id: string, opts?: { force?: boolean; volumes?: boolean }): Promise<void>;
  rename(id: string, newName: string): Promise<void>;
  /** Resolves with the exit code once the container reaches the condition (default: stopped/exited). */
  wait(id: string, opts?: { condition?: string; signal?: AbortSignal }): Promise<number>;
  logs(id: string, opts?: LogsOptions): AsyncIterable<LogLine>;
  stats(id: string, opts?: { stream?: boolean; signal?: AbortSignal }): AsyncIterable<ContainerStats>;
  statsOnce(ids?: string[]): Promise<ContainerStats[]>;
  top(id: string, psArgs?: string): Promise<TopResult>;
  /** Remove every stopped container (the filters narrow it, e.g. to a label). */
  prune(opts?: { filters?: Record<string, string[]> }): Promise<PruneResult>;
  /** Run the container's health check now; resolves with the verdict and the log including this run. */
  healthcheck(id: string): Promise<ContainerHealth>;
  /**
   * Make the container again from an edited spec. "replace": same container name, volumes kept (named and
   * anonymous), running again if it ran; validated first, and put back as it was if the engine refuses the new
   * one. "copy": a second container beside it. The spec is validated here exactly as create's is.
   */
  recreate(id: string, spec: unknown, opts: { mode: RecreateMode }): Promise<RecreateResult>;
  /** Save the container's filesystem and configuration as an image. */
  commit(id: string, opts: CommitOptions): Promise<CommitResult>;
  /** The container's filesystem through libpod's archive endpoints (running or not). */
  readonly files: ContainerFilesClient;
  /** Run a command to completion and collect its output and exit code. */
  exec(id: string, cmd: string[], opts?: ExecOptions): Promise<ExecResult>;
}

export interface ContainerFilesClient {
  /** A directory's entries (read-only); `truncated` when it was too large to read whole. */
  list(id: string, path: string): Promise<ContainerFileListing>;
  /** The start of a file (up to `maxBytes`, default 256 KiB), as text when it is text. */
  read(id: string, path: string, opts?: { maxBytes?: number }): Promise<ContainerFileContent>;
  /** Copy a file or folder of this machine into a folder of the container. */
  copyIn(id: string, hostPath: string, containerDir: string): Promise<CopyResult>;
  /** Copy a file or folder of the container into a folder of this machine. */
  copyOut(id: string, containerPath: string, hostDir: string): Promise<CopyResult>;
}

export interface PullOptions {
  /** Skip TLS verification. Core only honours this for loopback registries. */
  tlsVerify?: boolean;
  signal?: AbortSignal;
}

export interface BuildOptions {
  contextDir: string;
  containerfile?: string; // relative to contextDir
  tags?: string[];
  buildArgs?: Record<string, string>;
  noCache?: boolean;
  signal?: AbortSignal;
}

export interface ImagesClient {
  list(opts?: { all?: boolean }): Promise<ImageSummary[]>;
  inspect(ref: string): Promise<ImageDetail>;
  history(ref: string): Promise<ImageHistoryEntry[]>;
  exists(ref: string): Promise<boolean>;
  /** Streams per-layer progress; the last event carries imageId. Throws a BurrowError on failure. */
  pull(ref: string, opts?: PullOptions): AsyncIterable<PullProgress>;
  remove(ref: string, opts?: { force?: boolean }): Promise<void>;
  tag(ref: string, repo: string, tag?: string): Promise<void>;
  untag(ref: string, repo: string, tag?: string): Promise<void>;
  prune(opts?: { all?: boolean }): Promise<PruneResult>;
  /** Import a root filesystem tarball as an image. */
  importTarball(tarPath: string, opts?: { reference?: string; message?: string }): Promise<string>;
  build(opts: BuildOptions): AsyncIterable<BuildEvent>;
  /**
   * Search a registry (the engine's search; "registry/term" searches that registry). With listTags, `term` is one
   * repository and each result is one of its tags.
   */
  search(
    term: string,
    opts?: { limit?: number; listTags?: boolean; signal?: AbortSignal },
  ): Promise<ImageSearchResult[]>;
  /** Per-layer progress; the last event carries the outcome. Credentials come from the user's auth.json. */
  push(ref: string, destination: string, opts?: { signal?: AbortSignal }): AsyncIterable<PushProgress>;
  /** Save images to a tar archive on this machine (docker-archive; oci-archive for one image). */
  save(refs: string[], path: string, opts?: SaveOptions): AsyncIterable<ArchiveEvent>;
  /** Load the images of a tar archive on this machine. */
  load(path: string, opts?: { signal?: AbortSignal }): AsyncIterable<ArchiveEvent>;
}

export interface SaveOptions {
  format?: 'docker-archive' | 'oci-archive';
  /** Replace an existing file at `path`. */
  overwrite?: boolean;
  signal?: AbortSignal;
}

export interface RegistriesClient {
  /** Registries the user is logged in to (from the files `podman login` uses); never a password. */
  list(): Promise<RegistryLogin[]>;
  /** Checked by the engine against the registry, then stored where `podman login` stores it. */
  login(opts: { registry: string; username: string; password: string }): Promise<RegistryLogin>;
  logout(registry: string): Promise<void>;
}

export interface SecretsClient {
  list(): Promise<SecretSummary[]>;
  /** Metadata only: the value is never requested, and dropped if an engine sends it. */
  inspect(name: string): Promise<SecretDetail>;
  create(spec: CreateSecretSpec): Promise<SecretSummary>;
  remove(name: string): Promise<void>;
}

export interface NetworksClient {
  list(): Promise<NetworkSummary[]>;
  inspect(name: string): Promise<NetworkSummary>;
  create(spec: CreateNetworkSpec): Promise<NetworkSummary>;
  remove(name: string, opts?: { force?: boolean }): Promise<void>;
  connect(network: string, container: string, opts?: { aliases?: string[] }): Promise<void>;
  disconnect(network: string, container: string, opts?: { force?: boolean }): Promise<void>;
  prune(): Promise<PruneResult>;
}

export interface VolumesClient {
  list(): Promise<VolumeSummary[]>;
  inspect(name: string): Promise<VolumeSummary>;
  create(spec: CreateVolumeSpec): Promise<VolumeSummary>;
  remove(name: string, opts?: { force?: boolean }): Promise<void>;
  /** Unused volumes (those matching `filters`, e.g. { label: ['x=1'] }); names and bytes reclaimed. */
  prune(opts?: { filters?: Record<string, string[]> }): Promise<PruneResult>;
  /** The volume's files as a tar archive on this machine. */
  export(name: string, path: string, opts?: VolumeArchiveOptions): AsyncIterable<ArchiveEvent>;
  /** Unpack a tar archive on this machine into the volume (created when missing). */
  import(name: string, path: string, opts?: VolumeArchiveOptions): AsyncIterable<ArchiveEvent>;
}

export interface VolumeArchiveOptions {
  overwrite?: boolean;
  /** Force a route (tests); by default the CLI on a local engine, the API otherwise (see volume-archive.ts). */
  route?: 'cli' | 'api';
  signal?: AbortSignal;
}

export interface PodsClient {
  list(): Promise<PodSummary[]>;
  create(spec: CreatePodSpec): Promise<{ id: string }>;
  start(name: string): Promise<void>;
  stop(name: string): Promise<void>;
  remove(name: string, opts?: { force?: boolean }): Promise<void>;
}

export interface SystemClient {
  ping(): Promise<boolean>;
  version(): Promise<{ podman: string; api: string; goVersion?: string; os?: string; arch?: string }>;
  /** The raw /libpod/info document, for the System view. */
  info(): Promise<unknown>;
  /** Normalised facts rootless features need; cached until the connection changes. */
  hostFacts(opts?: { refresh?: boolean }): Promise<HostFacts>;
  diskUsage(): Promise<DiskUsage>;
  /** Per-object sizes, for a prune plan. */
  usage(): Promise<UsageItems>;
  /** Pods, containers, images, networks and (when asked) volumes nobody uses, in Podman's order. */
  prune(opts?: {
    all?: boolean;
    volumes?: boolean;
    filters?: Record<string, string[]>;
  }): Promise<SystemPruneResult>;
}

export interface EventsClient {
  /**
   * Engine events until the signal aborts. Reconnects by itself after a dropped stream or an engine restart
   * and then yields a `resync` marker: consumers must reconcile from a full list, since events were missed.
   */
  stream(opts?: { signal?: AbortSignal; filters?: Record<string, string[]> }): AsyncIterable<EngineEvent>;
}

export interface Engine {
  readonly containers: ContainersClient;
  readonly images: ImagesClient;
  readonly networks: NetworksClient;
  readonly volumes: VolumesClient;
  readonly pods: PodsClient;
  readonly system: SystemClient;
  readonly events: EventsClient;
  readonly registries: RegistriesClient;
  readonly secrets: SecretsClient;
  /** The machine the engine runs on, when it is this one: the only way core and the app read "the host". */
  readonly host: HostAccess;
  connection(): ConnectionInfo;
  /** Stops Burrow's private Podman service if Burrow started it. Containers keep running. */
  close(): Promise<void>;
}
