// Podman secrets. A value crosses the contract once, on create (typed text; a file is read by core); nothing the
// contract returns carries it.
import { z } from 'zod';
import type { SecretDetail, SecretSummary } from '../../core/model/types.js';
import { ch, name, none } from './define.js';

export const channels = {
  'secrets.list': ch<SecretSummary[]>()(none),
  'secrets.inspect': ch<SecretDetail>()(name),
  'secrets.create': ch<SecretSummary>()(
    z.strictObject({
      name: z.string().max(1000),
      text: z.string().max(1_000_000).optional(),
      file: z.string().max(4096).optional(),
      labels: z.record(z.string(), z.string()).optional(),
    }),
  ),
  'secrets.remove': ch<void>()(name),
} as const;

export const topics = {} as const;
export const messages = {} as const;
