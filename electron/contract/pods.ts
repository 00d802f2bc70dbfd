import { z } from 'zod';
import { usernsModeSchema } from '../../core/model/create-spec.js';
import type { PodSummary } from '../../core/model/types.js';
import { ch, name, nameForce, none } from './define.js';

const portSchema = z.strictObject({
  hostIp: z.string().optional(),
  hostPort: z.number().optional(),
  containerPort: z.number(),
  protocol: z.enum(['tcp', 'udp']),
});

export const channels = {
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
  'pods.remove': ch<void>()(nameForce),
} as const;

export const topics = {} as const;
export const messages = {} as const;
