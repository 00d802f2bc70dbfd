import { z } from 'zod';
import type { ConnectionEntry } from '../../core/model/types.js';
import { ch, name, none } from './define.js';

export const channels = {
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
} as const;

export const topics = {} as const;
export const messages = {} as const;
