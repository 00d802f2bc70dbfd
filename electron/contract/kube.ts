import { z } from 'zod';
import type { KubeDownReport, KubePlayEvent } from '../../core/model/kube.js';
import { ch } from './define.js';

const yaml = z.string().max(4_000_000);

export const channels = {
  /** A YAML file on this machine (the one the user picked), read for playing. */
  'kube.readFile': ch<{ yaml: string }>()(z.strictObject({ file: z.string() })),
  'kube.down': ch<KubeDownReport>()(z.strictObject({ yaml, removeVolumes: z.boolean().optional() })),
  'kube.generate': ch<{ yaml: string }>()(
    z.strictObject({ names: z.array(z.string().min(1)).max(100), service: z.boolean().optional() }),
  ),
} as const;

export const topics = {
  'kube.play': ch<KubePlayEvent>()(z.strictObject({ yaml, replace: z.boolean().optional() })),
} as const;

export const messages = {} as const;
