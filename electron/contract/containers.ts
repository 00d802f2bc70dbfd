import { z } from 'zod';
import type {
  ContainerDetail,
  ContainerStats,
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
