import { z } from 'zod';
import type { CommitResult } from '../../core/model/commit.js';
import type { PrunePlan } from '../../core/model/prune.js';
import type {
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
  ExecResult,
  LogLine,
  PruneResult,
  TopResult,
} from '../../core/model/types.js';
import { createSpecSchema } from '../../core/model/validate-create.js';
import { ch, filters, id, none } from './define.js';

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
} as const;

export const topics = {
  logs: ch<LogLine>()(
    z.strictObject({
      id: z.string().min(1),
      follow: z.boolean().optional(),
      tail: z.number().int().min(0).optional(),
      timestamps: z.boolean().optional(),
    }),
  ),
  stats: ch<ContainerStats>()(id),
} as const;

export const messages = {} as const;
