import { z } from 'zod';
import type { PruneResult, VolumeSummary } from '../../core/model/types.js';
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

export const topics = {} as const;
export const messages = {} as const;
