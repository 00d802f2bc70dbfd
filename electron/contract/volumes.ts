import { z } from 'zod';
import type { ArchiveEvent, PruneResult, VolumeSummary } from '../../core/model/types.js';
import { ch, name, nameForce, none } from './define.js';

export const channels = {
  'volumes.list': ch<VolumeSummary[]>()(none),
  'volumes.inspect': ch<VolumeSummary>()(name),
  'volumes.create': ch<VolumeSummary>()(
    z.strictObject({ name: z.string().optional(), labels: z.record(z.string(), z.string()).optional() }),
  ),
  'volumes.remove': ch<void>()(nameForce),
  'volumes.prune': ch<PruneResult>()(none),
} as const;

// Long operations: the last item says the outcome; unsubscribing cancels (a partial archive is removed).
export const topics = {
  'volumes.export': ch<ArchiveEvent>()(
    z.strictObject({
      name: z.string().max(255),
      path: z.string().max(4096),
      overwrite: z.boolean().optional(),
    }),
  ),
  'volumes.import': ch<ArchiveEvent>()(
    z.strictObject({ name: z.string().max(255), path: z.string().max(4096) }),
  ),
} as const;

export const messages = {} as const;
