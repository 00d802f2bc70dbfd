import { z } from 'zod';
import type {
  BuildEvent,
  ImageDetail,
  ImageHistoryEntry,
  ImageSummary,
  PruneResult,
  PullProgress,
} from '../../core/model/types.js';
import { ch, name, nameForce, none } from './define.js';

const tagArgs = z.strictObject({
  name: z.string().min(1),
  repo: z.string().min(1),
  tag: z.string().optional(),
});

export const channels = {
  'images.list': ch<ImageSummary[]>()(none),
  'images.inspect': ch<ImageDetail>()(name),
  'images.history': ch<ImageHistoryEntry[]>()(name),
  'images.exists': ch<boolean>()(name),
  'images.remove': ch<void>()(nameForce),
  'images.tag': ch<void>()(tagArgs),
  'images.untag': ch<void>()(tagArgs),
  'images.prune': ch<PruneResult>()(z.strictObject({ all: z.boolean().optional() }).optional()),
} as const;

export const topics = {
  pull: ch<PullProgress>()(z.strictObject({ reference: z.string() })),
  build: ch<BuildEvent>()(
    z.strictObject({
      contextDir: z.string().min(1),
      containerfile: z.string().optional(),
      tags: z.array(z.string()).optional(),
    }),
  ),
} as const;

export const messages = {} as const;
