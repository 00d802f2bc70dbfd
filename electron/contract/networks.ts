import { z } from 'zod';
import type { NetworkSummary, PruneResult } from '../../core/model/types.js';
import { ch, name, nameForce, none } from './define.js';

const attachment = z.strictObject({ name: z.string().min(1), container: z.string().min(1) });

export const channels = {
  'networks.list': ch<NetworkSummary[]>()(none),
  'networks.inspect': ch<NetworkSummary>()(name),
  'networks.create': ch<NetworkSummary>()(
    z.strictObject({
      name: z.string(),
      subnet: z.string().optional(),
      gateway: z.string().optional(),
      internal: z.boolean().optional(),
      dnsEnabled: z.boolean().optional(),
      dnsServers: z.array(z.string()).optional(),
      labels: z.record(z.string(), z.string()).optional(),
    }),
  ),
  'networks.remove': ch<void>()(nameForce),
  'networks.connect': ch<void>()(attachment),
  'networks.disconnect': ch<void>()(attachment),
  'networks.prune': ch<PruneResult>()(none),
} as const;

export const topics = {} as const;
export const messages = {} as const;
