import { z } from 'zod';
import type { ImageSearchResult } from '../../core/model/registry.js';
import type {
  ArchiveEvent,
  BuildEvent,
  ImageDetail,
  ImageHistoryEntry,
  ImageSummary,
  PruneResult,
  PullProgress,
  PushProgress,
} from '../../core/model/types.js';
import { ch, name, nameForce, none } from './define.js';

const tagArgs = z.strictObject({
  name: z.string().min(1),
  repo: z.string().min(1),
  tag: z.string().optional(),
});

// Strings are bounded but not required non-empty here: core refuses an empty one on its field with a hint.
export const channels = {
  'images.list': ch<ImageSummary[]>()(none),
  'images.inspect': ch<ImageDetail>()(name),
  'images.history': ch<ImageHistoryEntry[]>()(name),
  'images.exists': ch<boolean>()(name),
  'images.remove': ch<void>()(nameForce),
  'images.tag': ch<void>()(tagArgs),
  'images.untag': ch<void>()(tagArgs),
  'images.prune': ch<PruneResult>()(z.strictObject({ all: z.boolean().optional() }).optional()),
  'images.search': ch<ImageSearchResult[]>()(
    z.strictObject({
      term: z.string().max(512),
      limit: z.number().int().optional(),
      listTags: z.boolean().optional(),
    }),
  ),
} as const;

// Long operations: each topic's last item says the outcome (`outcome`), its end carries a failure, and
// unsubscribing cancels it.
export const topics = {
  'images.pull': ch<PullProgress>()(z.strictObject({ reference: z.string() })),
  'images.push': ch<PushProgress>()(
    z.strictObject({ image: z.string().min(1).max(512), destination: z.string().max(512) }),
  ),
  'images.save': ch<ArchiveEvent>()(
    z.strictObject({
      images: z.array(z.string().max(512)).max(100),
      path: z.string().max(4096),
      format: z.enum(['docker-archive', 'oci-archive']).optional(),
      overwrite: z.boolean().optional(),
    }),
  ),
  'images.load': ch<ArchiveEvent>()(z.strictObject({ path: z.string().max(4096) })),
  'images.build': ch<BuildEvent>()(
    z.strictObject({
      contextDir: z.string().min(1),
      containerfile: z.string().optional(),
      tags: z.array(z.string()).optional(),
    }),
  ),
} as const;

export const messages = {} as const;
