import { z } from 'zod';
import type {
  AutoUpdateEntry,
  AutoUpdateEvent,
  QuadletListing,
  QuadletUnitInfo,
  QuadletWriteResult,
  SystemdSupport,
  UnitCheck,
  UnitJournalEntry,
} from '../../core/model/systemd.js';
import { ch, none } from './define.js';

const unit = z.string().min(1);
const text = z.string().max(1_000_000);

export const channels = {
  'systemd.support': ch<SystemdSupport>()(none),
  'systemd.units': ch<QuadletListing>()(none),
  'systemd.unitAction': ch<QuadletUnitInfo>()(
    z.strictObject({ unit, action: z.enum(['start', 'stop', 'restart', 'enable', 'disable']) }),
  ),
  'systemd.checkUnit': ch<UnitCheck>()(z.strictObject({ fileName: z.string(), text })),
  'systemd.writeUnit': ch<QuadletWriteResult>()(
    z.strictObject({ fileName: z.string(), text, overwrite: z.boolean().optional() }),
  ),
  'systemd.removeUnit': ch<{ path: string }>()(z.strictObject({ unit })),
  'systemd.autoUpdatePreview': ch<AutoUpdateEntry[]>()(none),
  /** `none` takes the unit's AutoUpdate= out. */
  'systemd.autoUpdateMark': ch<QuadletUnitInfo>()(
    z.strictObject({ unit, policy: z.enum(['registry', 'local', 'none']), restart: z.boolean().optional() }),
  ),
} as const;

export const topics = {
  'systemd.journal': ch<UnitJournalEntry>()(
    z.strictObject({
      unit,
      lines: z.number().int().min(0).max(10_000).optional(),
      follow: z.boolean().optional(),
    }),
  ),
  'systemd.autoUpdate': ch<AutoUpdateEvent>()(none),
} as const;

export const messages = {} as const;
