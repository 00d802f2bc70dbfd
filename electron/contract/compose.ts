import { z } from 'zod';
import type {
  ComposeEvent,
  ComposeFileSummary,
  ComposeProject,
  ComposeProviders,
  ProjectActionResult,
  ProjectLogLine,
} from '../../core/model/compose.js';
import { ch, none } from './define.js';

const provider = z.enum(['podman compose', 'podman-compose', 'docker-compose', 'docker compose']);
const project = z.strictObject({ project: z.string().min(1) });

export const channels = {
  'compose.providers': ch<ComposeProviders>()(none),
  /** The file read and checked (services, the project name -p will get), before anything runs. */
  'compose.inspect': ch<ComposeFileSummary>()(
    z.strictObject({ file: z.string(), project: z.string().optional() }),
  ),
  'compose.projects': ch<ComposeProject[]>()(none),
  'compose.start': ch<ProjectActionResult>()(project),
  'compose.stop': ch<ProjectActionResult>()(project),
  'compose.restart': ch<ProjectActionResult>()(project),
  'compose.remove': ch<ProjectActionResult>()(project),
} as const;

export const topics = {
  'compose.up': ch<ComposeEvent>()(
    z.strictObject({ file: z.string(), project: z.string().optional(), provider: provider.optional() }),
  ),
  'compose.down': ch<ComposeEvent>()(
    z.strictObject({
      project: z.string().min(1),
      file: z.string().optional(),
      provider: provider.optional(),
    }),
  ),
  'compose.logs': ch<ProjectLogLine>()(
    z.strictObject({
      project: z.string().min(1),
      tail: z.number().int().min(0).max(100_000).optional(),
      follow: z.boolean().optional(),
    }),
  ),
} as const;

export const messages = {} as const;
