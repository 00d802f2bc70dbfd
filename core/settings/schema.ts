// What a settings update may say, checked at the edge (the contract's `settings.update`, by the router) and again
// by the store, which other main-side callers use directly (the window's bounds), and when the file is read back:
// every field optional, every value in range, each with the hint that says what would be accepted.
import { z } from 'zod';
import { invalidInputs } from '../errors.js';
import type { SettingsPatch } from '../model/settings.js';
import { hinted, issueField, says, zodIssues } from '../model/schema-issues.js';
import { parseUserns } from '../model/userns.js';

const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const USERNS_HINT = 'Leave empty for host, or keep-id, keep-id:uid=1000,gid=1000, nomap, auto.';

function isUserns(s: string): boolean {
  try {
    parseUserns(s);
    return true;
  } catch {
    return false;
  }
}

const int = (min: number, max: number, hint: string) => hinted(z.number().int().min(min).max(max), hint);

export const settingsPatchSchema = z
  .strictObject({
    closeToTray: z.boolean(),
    theme: hinted(z.enum(['system', 'light', 'dark']), 'One of system, light, dark.'),
    notifications: z
      .strictObject({
        enabled: z.boolean(),
        desktop: z.boolean(),
        exitNonZero: z.boolean(),
        oomKilled: z.boolean(),
        unhealthy: z.boolean(),
        crashLoop: z.boolean(),
        jobs: z.boolean(),
        crashLoopRestarts: int(1, 100, 'A whole number of restarts from 1 to 100.'),
        crashLoopMinutes: int(1, 1440, 'A whole number of minutes from 1 to 1440.'),
        scope: hinted(z.enum(['all', 'watched']), 'all, or watched (only containers marked Watch).'),
        containers: hinted(
          z.record(z.string().min(1).max(255).regex(NAME_RE), z.enum(['watch', 'mute']).nullable()),
          'Container names map to watch, mute, or null (back to the default).',
        ),
      })
      .partial(),
    defaults: z
      .strictObject({
        userns: z
          .string()
          .max(200)
          .refine(
            isUserns,
            says((v: string) => `"${v}" is not a user namespace mode`, USERNS_HINT),
          ),
        stopTimeoutSeconds: int(
          0,
          3600,
          'Whole seconds from 0 to 3600, or null for Podman’s default.',
        ).nullable(),
      })
      .partial(),
    startConnection: hinted(
      z.string().min(1).max(100),
      'The name of a connection: local, a saved one, or podman:NAME.',
    ),
    window: z
      .strictObject({
        bounds: z.strictObject({
          x: z.number().int(),
          y: z.number().int(),
          width: z.number().int().min(1),
          height: z.number().int().min(1),
        }),
        maximized: z.boolean(),
      })
      .partial(),
  })
  .partial();

const FALLBACK_HINT = 'See the Settings view for what each setting accepts.';

/** A checked patch, or `invalid_input` with every wrong field, each with its hint. */
export function parseSettingsPatch(raw: unknown): SettingsPatch {
  const r = settingsPatchSchema.safeParse(raw);
  if (r.success) return r.data as SettingsPatch;
  throw invalidInputs(zodIssues(r.error, settingsPatchSchema, FALLBACK_HINT));
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
