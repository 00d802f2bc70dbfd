import { z } from 'zod';
import type { CapabilityRow } from '../../core/model/hardened.js';
import type {
  CreatePreview,
  DoctorReport,
  MappingView,
  OneShotEvent,
  QuadletUnit,
  QuadletValidation,
} from '../../core/model/insight.js';
import { createSpecSchema } from '../../core/model/validate-create.js';
import { ch, id, none } from './define.js';

export const channels = {
  'insight.doctor': ch<DoctorReport>()(none),
  'insight.mapping': ch<MappingView>()(id),
  'insight.previewCreate': ch<CreatePreview>()(createSpecSchema),
  'insight.quadlet': ch<{ unit: QuadletUnit; validation: QuadletValidation }>()(id),
  'insight.saveQuadlet': ch<{ path: string }>()(
    z.strictObject({ id: z.string().min(1), overwrite: z.boolean().optional() }),
  ),
  'insight.capabilities': ch<CapabilityRow[]>()(none),
} as const;

export const topics = {
  oneShot: ch<OneShotEvent>()(
    z.strictObject({
      image: z.string().min(1),
      command: z.array(z.string()).optional(),
      capAdd: z.array(z.string()).optional(),
      seccompProfile: z.string().optional(),
      memory: z.string().optional(),
      pidsLimit: z.number().optional(),
    }),
  ),
} as const;

export const messages = {} as const;
