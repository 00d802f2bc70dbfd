// What a settings update may say, checked at the edge (the contract's `settings.update`) and when the file is
// read back: every field optional, every value in range, a hint naming what would be accepted.
import { z } from 'zod';
import { BurrowError } from '../errors.js';
import type { SettingsPatch } from '../model/settings.js';
import { parseUserns } from '../model/userns.js';
import { issueField } from '../model/validate-create.js';

const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

const usernsValue = z
  .string()
  .max(200)
  .refine(
    (s) => {
      try {
        parseUserns(s);
        return true;
      } catch {
        return false;
      }
    },
    { message: 'is not a user namespace mode' },
  );

const int = (min: number, max: number) => z.number().int().min(min).max(max);

export const settingsPatchSchema = z
  .strictObject({
    closeToTray: z.boolean(),
    theme: z.enum(['system', 'light', 'dark']),
    notifications: z
      .strictObject({
        enabled: z.boolean(),
        desktop: z.boolean(),
        exitNonZero: z.boolean(),
        oomKilled: z.boolean(),
        unhealthy: z.boolean(),
        crashLoop: z.boolean(),
        jobs: z.boolean(),
        crashLoopRestarts: int(1, 100),
        crashLoopMinutes: int(1, 1440),
        scope: z.enum(['all', 'watched']),
        containers: z.record(z.string().min(1).max(255).regex(NAME_RE), z.enum(['watch', 'mute']).nullable()),
      })
      .partial(),
    defaults: z.strictObject({ userns: usernsValue, stopTimeoutSeconds: int(0, 3600) }).partial(),
    startConnection: z.string().min(1).max(100),
    window: z
      .strictObject({
        bounds: z.strictObject({
          x: int(-100_000, 100_000),
          y: int(-100_000, 100_000),
          width: int(1, 100_000),
          height: int(1, 100_000),
        }),
        maximized: z.boolean(),
      })
      .partial(),
  })
  .partial();

const HINTS: Record<string, string> = {
  theme: 'One of system, light, dark.',
  'notifications.crashLoopRestarts': 'A whole number of restarts from 1 to 100.',
  'notifications.crashLoopMinutes': 'A whole number of minutes from 1 to 1440.',
  'notifications.scope': 'all, or watched (only containers marked Watch).',
  'notifications.containers': 'Container names map to watch, mute, or null (back to the default).',
  'defaults.userns': 'Leave empty for host, or keep-id, keep-id:uid=1000,gid=1000, nomap, auto.',
  'defaults.stopTimeoutSeconds': 'Whole seconds from 0 to 3600.',
  startConnection: 'The name of a connection: local, a saved one, or podman:NAME.',
};

function hintFor(field: string): string {
  const key = Object.keys(HINTS).find((k) => field === k || field.startsWith(`${k}.`));
  return key ? (HINTS[key] as string) : 'See the Settings view for what each setting accepts.';
}

/** A checked patch, or `invalid_input` naming the first wrong field (with every wrong field in the message). */
export function parseSettingsPatch(raw: unknown): SettingsPatch {
  const r = settingsPatchSchema.safeParse(raw);
  if (r.success) return r.data as SettingsPatch;
  const fields = r.error.issues.map((i) => issueField(i));
  const first = r.error.issues[0];
  const field = fields[0] ?? 'settings';
  const others = fields.length > 1 ? ` (also wrong: ${[...new Set(fields.slice(1))].join(', ')})` : '';
  throw new BurrowError({
    code: 'invalid_input',
    field,
    message: `${field}: ${first?.message ?? 'invalid'}${others}`,
    hint: hintFor(field),
  });
}

/**
 * Settings read back from a file someone may have edited: wrong or unknown fields are dropped one by one (and
 * named), the rest kept, so one bad value does not cost every other setting.
 */
export function sanitizeStoredSettings(raw: unknown): { patch: SettingsPatch; dropped: string[] } {
  const dropped: string[] = [];
  let value: unknown = raw && typeof raw === 'object' && !Array.isArray(raw) ? structuredClone(raw) : {};
  for (let i = 0; i < 100; i++) {
    const r = settingsPatchSchema.safeParse(value);
    if (r.success) return { patch: r.data as SettingsPatch, dropped };
    const issue = r.error.issues[0];
    if (!issue) break;
    const path = [
      ...issue.path,
      ...(issue.code === 'unrecognized_keys' ? issue.keys.slice(0, 1) : []),
    ] as PropertyKey[];
    dropped.push(issueField(issue));
    value = without(value, path);
  }
  return { patch: {}, dropped };
}

function without(value: unknown, path: PropertyKey[]): unknown {
  if (path.length === 0) return undefined;
  const [head, ...rest] = path;
  if (!value || typeof value !== 'object') return value;
  const copy = { ...(value as Record<PropertyKey, unknown>) };
  if (rest.length === 0) delete copy[head as PropertyKey];
  else copy[head as PropertyKey] = without(copy[head as PropertyKey], rest);
  return copy;
}
