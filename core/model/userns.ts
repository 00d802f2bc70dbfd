// User namespace modes, as Podman spells them (--userns=…) and as Burrow models them.
import { invalidInput } from '../errors.js';
import type { UsernsMode } from './types.js';

const FIELD = 'userns';
const HINT = 'Use host, keep-id, keep-id:uid=1001,gid=1001, nomap, or auto[:size=N].';

function parseId(key: string, raw: string | undefined): number {
  if (raw === undefined || !/^\d+$/.test(raw)) {
    throw invalidInput(FIELD, `keep-id ${key} must be a non-negative integer, got "${raw ?? ''}"`, HINT);
  }
  const n = Number(raw);
  if (n > 4294967294) throw invalidInput(FIELD, `keep-id ${key} ${raw} is out of range`, HINT);
  return n;
}

export function parseUserns(input: string): UsernsMode {
  const s = input.trim();
  if (s === '' || s === 'host') return { kind: 'host' };
  if (s === 'nomap') return { kind: 'nomap' };
  if (s === 'keep-id' || s.startsWith('keep-id:')) {
    const mode: UsernsMode = { kind: 'keep-id' };
    const opts = s.slice('keep-id'.length + 1);
    if (s.startsWith('keep-id:') && opts === '')
      throw invalidInput(FIELD, 'keep-id: needs options after the colon', HINT);
    for (const part of opts ? opts.split(',') : []) {
      const [k, v, extra] = part.split('=');
      if (extra !== undefined) throw invalidInput(FIELD, `malformed keep-id option "${part}"`, HINT);
      if (k === 'uid') mode.uid = parseId('uid', v);
      else if (k === 'gid') mode.gid = parseId('gid', v);
      else if (k === 'size')
        continue; // accepted by Podman ≥ 5 for keep-id; not modelled
      else throw invalidInput(FIELD, `unknown keep-id option "${k}"`, HINT);
    }
    return mode;
  }
  if (s === 'auto' || s.startsWith('auto:')) {
    const opts = s.slice('auto'.length + 1);
    const mode: UsernsMode = { kind: 'auto' };
    for (const part of opts ? opts.split(',') : []) {
      const [k, v] = part.split('=');
      if (k === 'size' && v !== undefined && /^\d+$/.test(v) && Number(v) > 0) mode.size = Number(v);
      else throw invalidInput(FIELD, `unsupported auto option "${part}"`, HINT);
    }
    return mode;
  }
  throw invalidInput(FIELD, `unknown user namespace mode "${s}"`, HINT);
}

export function formatUserns(m: UsernsMode): string {
  switch (m.kind) {
    case 'host':
      return 'host';
    case 'nomap':
      return 'nomap';
    case 'auto':
      return m.size !== undefined ? `auto:size=${m.size}` : 'auto';
    case 'keep-id': {
      const opts = [
        m.uid !== undefined ? `uid=${m.uid}` : '',
        m.gid !== undefined ? `gid=${m.gid}` : '',
      ].filter(Boolean);
      return opts.length ? `keep-id:${opts.join(',')}` : 'keep-id';
    }
  }
}

/** One line for people: what this mode does to ownership on the host. */
export function describeUserns(m: UsernsMode): string {
  switch (m.kind) {
    case 'host':
      return 'Container root is you; other container users are your subordinate uids (owning none of your files).';
    case 'keep-id':
      return m.uid !== undefined
        ? `Your uid appears inside as ${m.uid}${m.gid !== undefined ? `:${m.gid}` : ''}: what that user writes is yours on the host.`
        : 'Your uid appears inside as itself and the process runs as you: files it writes are yours.';
    case 'nomap':
      return 'You are not mapped at all: container root is your first subordinate uid and cannot touch your files.';
    case 'auto':
      return 'Podman picks a free range of subordinate ids for this container alone.';
  }
}

/**
 * Podman's inspect reports the mode as HostConfig.UsernsMode: '' for the default, 'keep-id:uid=…', 'nomap', or
 * 'private' when the mode was given as explicit id mappings (how Burrow sends nomap to Podman 4.x).
 */
export function usernsFromInspect(
  raw: string | undefined,
  labels: Record<string, string> = {},
  idMappings?: { UidMap?: string[]; GidMap?: string[] } | null,
): UsernsMode {
  const recorded = labels[USERNS_LABEL];
  if (recorded) {
    try {
      return parseUserns(recorded);
    } catch {
      // fall through to what the engine says
    }
  }
  // Podman 4.x reports keep-id and nomap made by its CLI as "private" with explicit maps
  // ("container:intermediate:size", where intermediate 0 is the user): classify by where the user lands.
  const fromMaps = usernsFromIdMappings(idMappings);
  if (fromMaps) return fromMaps;
  if (!raw || raw === 'host' || raw === 'private' || raw === 'ns:') return { kind: 'host' };
  try {
    return parseUserns(raw);
  } catch {
    return { kind: 'host' };
  }
}

/** Burrow records the mode the user chose, since Podman 4.x reports explicit mappings as 'private'. */
export const USERNS_LABEL = 'io.burrow.userns';

function userSlot(entries: string[] | undefined): { mapped: boolean; inside?: number } | undefined {
  if (!entries?.length) return undefined;
  for (const e of entries) {
    const [c, h, n] = e.split(':').map(Number);
    if (c === undefined || h === undefined || n === undefined || [c, h, n].some(Number.isNaN))
      return undefined;
    if (h <= 0 && 0 < h + n) return { mapped: true, inside: c - h };
  }
  return { mapped: false };
}

export function usernsFromIdMappings(
  m: { UidMap?: string[]; GidMap?: string[] } | null | undefined,
): UsernsMode | undefined {
  const u = userSlot(m?.UidMap);
  if (!u) return undefined;
  if (!u.mapped) return { kind: 'nomap' };
  const g = userSlot(m?.GidMap);
  if (u.inside === 0) return { kind: 'host' };
  return { kind: 'keep-id', uid: u.inside as number, ...(g?.inside !== undefined ? { gid: g.inside } : {}) };
}
