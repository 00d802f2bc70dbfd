import { z } from 'zod';
import type { PrunePlan, SystemPruneResult } from '../../core/model/prune.js';
import type { ConnectionInfo, DiskUsage, EngineEvent, HostFacts } from '../../core/model/types.js';
import { ch, none } from './define.js';

export interface EngineStatus {
  reachable: boolean;
  connection?: ConnectionInfo;
  message?: string;
}

export const channels = {
  'system.ping': ch<boolean>()(none),
  'system.version': ch<{ podman: string; api: string }>()(none),
  'system.info': ch<unknown>()(none),
  'system.hostFacts': ch<HostFacts>()(none),
  'system.diskUsage': ch<DiskUsage>()(none),
  'system.connection': ch<ConnectionInfo>()(none),
  'system.prunePlan': ch<PrunePlan>()(
    z.strictObject({ all: z.boolean().optional(), volumes: z.boolean().optional() }).optional(),
  ),
  'system.prune': ch<SystemPruneResult>()(
    z.strictObject({ all: z.boolean().optional(), volumes: z.boolean().optional() }).optional(),
  ),
} as const;

export const topics = {
  events: ch<EngineEvent>()(none),
  /** Reachability of the engine: emitted on change, and once on subscribe. */
  engineStatus: ch<EngineStatus>()(none),
} as const;

export const messages = {} as const;
