// The one typed contract between the UI and the main process: channel → zod argument schema → result type.
// Main and the headless host validate with the schemas; the renderer imports only the types (`import type`),
// so zod never reaches its bundle. Streams are topics with the same shape: arguments → data items.
import { z } from 'zod';
import type { BurrowErrorData } from '../core/errors.js';
import type {
  BuildEvent,
  ConnectionEntry,
  ConnectionInfo,
  ContainerDetail,
  ContainerFileContent,
  ContainerFileListing,
  ContainerHealth,
  ContainerStats,
  CopyResult,
  CreateContainerSpec,
  RecreateResult,
  ContainerSummary,
  CreateResult,
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
  TopResult,
  VolumeSummary,
} from '../core/model/types.js';
import type { CapabilityRow } from '../core/model/hardened.js';
import { createSpecSchema } from '../core/model/validate-create.js';
import { usernsModeSchema } from '../core/model/create-spec.js';
import type { CommitResult } from '../core/model/commit.js';
import type { PrunePlan, SystemPruneResult } from '../core/model/prune.js';
import type {
  CreatePreview,
  DoctorReport,
  MappingView,
  OneShotEvent,
  QuadletUnit,
  QuadletValidation,
} from '../core/model/insight.js';

export type Result<T> = { ok: true; value: T } | { ok: false; error: BurrowErrorData };

const id = z.strictObject({ id: z.string().min(1) });
const name = z.strictObject({ name: z.string().min(1) });
const none = z.strictObject({}).optional();
const filters = z.record(z.string(), z.array(z.string()));

const portSchema = z.strictObject({
  hostIp: z.string().optional(),
  hostPort: z.number().optional(),
  containerPort: z.number(),
  protocol: z.enum(['tcp', 'udp']),
});

/** Declares a channel: the schema validates, the phantom field carries the result type. */
function ch<R>() {
  return <S extends z.ZodType>(args: S): { args: S; result?: R } => ({ args });
}

export const channels = {
  'containers.list': ch<ContainerSummary[]>()(
    z.strictObject({ all: z.boolean().optional(), filters: filters.optional() }).optional(),
  ),
  'containers.inspect': ch<ContainerDetail>()(id),
  'containers.create': ch<CreateResult>()(createSpecSchema),
  'containers.start': ch<void>()(id),
  'containers.stop': ch<void>()(
    z.strictObject({ id: z.string().min(1), timeoutSeconds: z.number().int().min(0).max(3600).optional() }),
  ),
  'containers.restart': ch<void>()(id),
  'containers.kill': ch<void>()(
    z.strictObject({
      id: z.string().min(1),
      signal: z
        .string()
        .regex(/^(SIG)?[A-Z0-9]+$/)
        .optional(),
    }),
  ),
  'containers.pause': ch<void>()(id),
  'containers.unpause': ch<void>()(id),
  'containers.remove': ch<void>()(
    z.strictObject({ id: z.string().min(1), force: z.boolean().optional(), volumes: z.boolean().optional() }),
  ),
  'containers.rename': ch<void>()(z.strictObject({ id: z.string().min(1), name: z.string().min(1) })),
  'containers.top': ch<TopResult>()(id),
  'containers.prune': ch<PruneResult>()(none),
  'containers.exec': ch<ExecResult>()(
    z.strictObject({
      id: z.string().min(1),
      cmd: z.array(z.string()).min(1),
      user: z.string().optional(),
      workdir: z.string().optional(),
    }),
  ),
  'containers.statsOnce': ch<ContainerStats[]>()(
    z.strictObject({ ids: z.array(z.string()).optional() }).optional(),
  ),
  'containers.healthcheck': ch<ContainerHealth>()(id),
  'containers.commit': ch<CommitResult>()(
    z.strictObject({
      id: z.string().min(1),
      repo: z.string(),
      tag: z.string().optional(),
      author: z.string().optional(),
      message: z.string().optional(),
      pause: z.boolean().optional(),
    }),
  ),
  /** The create request that makes this container again (the edit form's starting point). */
  'containers.editSpec': ch<CreateContainerSpec>()(
    z.strictObject({ id: z.string().min(1), mode: z.enum(['replace', 'copy']).optional() }),
  ),
  // The spec is checked field by field by core (the same validation as create, with the same field names).
  'containers.recreate': ch<RecreateResult>()(
    z.strictObject({
      id: z.string().min(1),
      mode: z.enum(['replace', 'copy']),
      spec: z.record(z.string(), z.unknown()),
    }),
  ),
  'containers.prunePlan': ch<PrunePlan>()(none),
  'containers.files.list': ch<ContainerFileListing>()(
    z.strictObject({ id: z.string().min(1), path: z.string() }),
  ),
  'containers.files.read': ch<ContainerFileContent>()(
    z.strictObject({
      id: z.string().min(1),
      path: z.string(),
      maxBytes: z.number().int().min(1).max(8_388_608).optional(),
    }),
  ),
  'containers.files.copyIn': ch<CopyResult>()(
    z.strictObject({ id: z.string().min(1), hostPath: z.string(), containerPath: z.string() }),
  ),
  'containers.files.copyOut': ch<CopyResult>()(
    z.strictObject({ id: z.string().min(1), containerPath: z.string(), hostPath: z.string() }),
  ),

  'images.list': ch<ImageSummary[]>()(none),
  'images.inspect': ch<ImageDetail>()(name),
  'images.history': ch<ImageHistoryEntry[]>()(name),
  'images.exists': ch<boolean>()(name),
  'images.remove': ch<void>()(z.strictObject({ name: z.string().min(1), force: z.boolean().optional() })),
  'images.tag': ch<void>()(
    z.strictObject({ name: z.string().min(1), repo: z.string().min(1), tag: z.string().optional() }),
  ),
  'images.untag': ch<void>()(
    z.strictObject({ name: z.string().min(1), repo: z.string().min(1), tag: z.string().optional() }),
  ),
  'images.prune': ch<PruneResult>()(z.strictObject({ all: z.boolean().optional() }).optional()),

  'networks.list': ch<NetworkSummary[]>()(none),
  'networks.inspect': ch<NetworkSummary>()(name),
  'networks.create': ch<NetworkSummary>()(
    z.strictObject({
      name: z.string(),
      subnet: z.string().optional(),
      gateway: z.string().optional(),
      internal: z.boolean().optional(),
      dnsEnabled: z.boolean().optional(),
      dnsServers: z.array(z.string()).optional(),
      labels: z.record(z.string(), z.string()).optional(),
    }),
  ),
  'networks.remove': ch<void>()(z.strictObject({ name: z.string().min(1), force: z.boolean().optional() })),
  'networks.connect': ch<void>()(z.strictObject({ name: z.string().min(1), container: z.string().min(1) })),
  'networks.disconnect': ch<void>()(
    z.strictObject({ name: z.string().min(1), container: z.string().min(1) }),
  ),
  'networks.prune': ch<PruneResult>()(none),

  'volumes.list': ch<VolumeSummary[]>()(none),
  'volumes.inspect': ch<VolumeSummary>()(name),
  'volumes.create': ch<VolumeSummary>()(
    z.strictObject({ name: z.string().optional(), labels: z.record(z.string(), z.string()).optional() }),
  ),
  'volumes.remove': ch<void>()(z.strictObject({ name: z.string().min(1), force: z.boolean().optional() })),
  'volumes.prune': ch<PruneResult>()(none),

  'pods.list': ch<PodSummary[]>()(none),
  'pods.create': ch<{ id: string }>()(
    z.strictObject({
      name: z.string(),
      ports: z.array(portSchema).optional(),
      labels: z.record(z.string(), z.string()).optional(),
      userns: usernsModeSchema.optional(),
    }),
  ),
  'pods.start': ch<void>()(name),
  'pods.stop': ch<void>()(name),
  'pods.remove': ch<void>()(z.strictObject({ name: z.string().min(1), force: z.boolean().optional() })),

  'system.ping': ch<boolean>()(none),
  'system.version': ch<{ podman: string; api: string }>()(none),
  'system.info': ch<unknown>()(none),
  'system.hostFacts': ch<HostFacts>()(none),
  'system.diskUsage': ch<DiskUsage>()(none),
  'system.connection': ch<ConnectionInfo>()(none),
  'system.prunePlan': ch<PrunePlan>()(
    z.strictObject({ all: z.boolean().optional(), volumes: z.boolean().optional() }).optional(),
  ),
  'system.prune': ch<SystemPruneResult>()(
    z.strictObject({ all: z.boolean().optional(), volumes: z.boolean().optional() }).optional(),
  ),

  'connections.list': ch<{ active: string; connections: ConnectionEntry[] }>()(none),
  'connections.add': ch<ConnectionEntry>()(
    z.strictObject({
      name: z.string().min(1).max(63),
      uri: z.string().min(1).max(1000),
      identity: z.string().min(1).max(4096).optional(),
    }),
  ),
  'connections.remove': ch<void>()(name),
  'connections.use': ch<{ active: string }>()(name),

  'insight.doctor': ch<DoctorReport>()(none),
  'insight.mapping': ch<MappingView>()(id),
  'insight.previewCreate': ch<CreatePreview>()(createSpecSchema),
  'insight.quadlet': ch<{ unit: QuadletUnit; validation: QuadletValidation }>()(id),
  'insight.saveQuadlet': ch<{ path: string }>()(
    z.strictObject({ id: z.string().min(1), overwrite: z.boolean().optional() }),
  ),
  'insight.capabilities': ch<CapabilityRow[]>()(none),

  'app.info': ch<AppInfo>()(none),
} as const;

export const topics = {
  events: ch<EngineEvent>()(none),
  /** Reachability of the engine: emitted on change, and once on subscribe. */
  engineStatus: ch<EngineStatus>()(none),
  logs: ch<LogLine>()(
    z.strictObject({
      id: z.string().min(1),
      follow: z.boolean().optional(),
      tail: z.number().int().min(0).optional(),
      timestamps: z.boolean().optional(),
    }),
  ),
  stats: ch<ContainerStats>()(id),
  pull: ch<PullProgress>()(z.strictObject({ reference: z.string() })),
  oneShot: ch<OneShotEvent>()(
    z.strictObject({
      image: z.string().min(1),
      command: z.array(z.string()).optional(),
      capAdd: z.array(z.string()).optional(),
      seccompProfile: z.string().optional(),
      memory: z.string().optional(),
      pidsLimit: z.number().optional(),
    }),
  ),
  build: ch<BuildEvent>()(
    z.strictObject({
      contextDir: z.string().min(1),
      containerfile: z.string().optional(),
      tags: z.array(z.string()).optional(),
    }),
  ),
} as const;

export interface EngineStatus {
  reachable: boolean;
  connection?: ConnectionInfo;
  message?: string;
}

export interface AppInfo {
  version: string;
  mode: 'electron' | 'headless';
  platform: string;
  user: string;
  uid: number;
}

export type Channel = keyof typeof channels;
export type Topic = keyof typeof topics;
export type ArgsOf<C extends Channel> = z.input<(typeof channels)[C]['args']>;
export type ParsedArgsOf<C extends Channel> = z.output<(typeof channels)[C]['args']>;
export type ResultOf<C extends Channel> = Exclude<(typeof channels)[C]['result'], undefined>;
export type TopicArgs<T extends Topic> = z.input<(typeof topics)[T]['args']>;
export type ParsedTopicArgs<T extends Topic> = z.output<(typeof topics)[T]['args']>;
export type TopicData<T extends Topic> = Exclude<(typeof topics)[T]['result'], undefined>;

export function isChannel(s: unknown): s is Channel {
  return typeof s === 'string' && Object.prototype.hasOwnProperty.call(channels, s);
}

export function isTopic(s: unknown): s is Topic {
  return typeof s === 'string' && Object.prototype.hasOwnProperty.call(topics, s);
}

// ---- the wire (WebSocket in headless mode; the same shapes over Electron IPC) ------------------------------

export type ClientMessage =
  | { t: 'call'; id: number; channel: string; args?: unknown }
  | { t: 'sub'; id: number; topic: string; args?: unknown }
  | { t: 'unsub'; id: number };

export type ServerMessage =
  | { t: 'result'; id: number; result: Result<unknown> }
  | { t: 'data'; id: number; data: unknown }
  | { t: 'end'; id: number; error?: BurrowErrorData };

/** What the renderer sees: one object, whichever transport carries it. */
export interface BurrowApi {
  call<C extends Channel>(channel: C, args: ArgsOf<C>): Promise<Result<ResultOf<C>>>;
  subscribe<T extends Topic>(
    topic: T,
    args: TopicArgs<T>,
    onData: (data: TopicData<T>) => void,
    onEnd?: (error?: BurrowErrorData) => void,
  ): () => void;
}
