import type { ApiClient } from '../transport/api-client.js';
import type { HostFacts } from '../model/types.js';

/** What every resource client gets: the request layer and the host facts some operations depend on. */
export interface ClientContext {
  api: ApiClient;
  hostFacts(): Promise<HostFacts>;
}

/** libpod's zero time ("0001-01-01T00:00:00Z") and unix-epoch placeholders mean "never". */
export function isoOrUndefined(v: unknown): string | undefined {
  if (typeof v === 'number') return v > 0 ? new Date(v * 1000).toISOString() : undefined;
  if (typeof v !== 'string' || !v || v.startsWith('0001-01-01')) return undefined;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

export function asRecord(v: unknown): Record<string, unknown> {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

export function asStringRecord(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(asRecord(v))) if (typeof x === 'string') out[k] = x;
  return out;
}

export function asStringArray(v: unknown): string[] {
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  if (typeof v === 'string' && v) return [v];
  return [];
}

export function asNumber(v: unknown, fallback = 0): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}

export function asString(v: unknown, fallback = ''): string {
  return typeof v === 'string' ? v : fallback;
}

/** Prune reports come as [{Id, Size, Err}] (containers, images, volumes) or [{Name, Error}] (networks). */
export function pruneReport(v: unknown): { removed: string[]; reclaimedBytes: number } {
  const removed: string[] = [];
  let reclaimedBytes = 0;
  for (const r of Array.isArray(v) ? v : []) {
    const o = asRecord(r);
    if (o.Err || o.Error) continue;
    const id = asString(o.Id) || asString(o.Name);
    if (id) removed.push(id);
    reclaimedBytes += asNumber(o.Size);
  }
  return { removed, reclaimedBytes };
}
