// The UID/GID mapping of a running container, read from the kernel (/proc/<pid>/uid_map and gid_map of its
// main process) and said in words. Rootless Podman nests two user namespaces: the kernel's map of the container
// process is relative to the host, so these ranges are real host ids.
import { readFile } from 'node:fs/promises';
import type { IdMapEntry } from '../model/types.js';
import type { MappingRange, MappingView } from '../model/insight.js';

export function parseIdMap(text: string): IdMapEntry[] {
  const out: IdMapEntry[] = [];
  for (const line of text.split('\n')) {
    const parts = line.trim().split(/\s+/);
    if (parts.length !== 3) continue;
    const [c, h, s] = parts.map(Number);
    if ([c, h, s].every((n) => Number.isInteger(n))) out.push({ containerId: c!, hostId: h!, size: s! });
  }
  return out;
}

export function toHostId(map: IdMapEntry[], containerId: number): number | undefined {
  for (const m of map)
    if (containerId >= m.containerId && containerId < m.containerId + m.size)
      return m.hostId + (containerId - m.containerId);
  return undefined;
}

export function toContainerId(map: IdMapEntry[], hostId: number): number | undefined {
  for (const m of map)
    if (hostId >= m.hostId && hostId < m.hostId + m.size) return m.containerId + (hostId - m.hostId);
  return undefined;
}

function range(start: number, size: number): string {
  return size === 1 ? String(start) : `${start}–${start + size - 1}`;
}

export interface UserContext {
  uid: number;
  gid: number;
  name?: string;
  /** The user's subordinate uid ranges (from /etc/subuid), to tell "subordinate" from "someone else". */
  subuids?: { start: number; size: number }[];
}

function ownerOf(m: IdMapEntry, user: UserContext, self: number): MappingRange['owner'] {
  if (m.size === 1 && m.hostId === self) return 'you';
  if ((user.subuids ?? []).some((r) => m.hostId >= r.start && m.hostId + m.size <= r.start + r.size))
    return 'subordinate';
  return m.hostId === self ? 'you' : 'other';
}

/**
 * The mapping as ranges and sentences. `processUids` are container uids of interest (the main process's, the
 * image USER) to explain one by one.
 */
export function describeMapping(
  uidMap: IdMapEntry[],
  gidMap: IdMapEntry[],
  user: UserContext,
  processUids: number[] = [0],
): MappingView {
  const who = user.name ? `you (${user.name}, uid ${user.uid})` : `you, uid ${user.uid}`;
  const ranges = (map: IdMapEntry[], self: number): MappingRange[] =>
    map.map((m) => ({
      container: range(m.containerId, m.size),
      host: range(m.hostId, m.size),
      size: m.size,
      owner: ownerOf(m, user, self),
    }));
  const sentences: string[] = [];
  for (const cuid of [...new Set(processUids)]) {
    const host = toHostId(uidMap, cuid);
    const label = cuid === 0 ? 'root in this container' : `uid ${cuid} in this container`;
    if (host === undefined) sentences.push(`${label} is not mapped to any host uid: it cannot run here.`);
    else if (host === user.uid)
      sentences.push(`${label} is ${who} on the host: it can read and write what you can.`);
    else
      sentences.push(
        `${label} is host uid ${host}, which owns none of your files: to them it is "others", like any stranger on the machine.`,
      );
  }
  const selfInside = toContainerId(uidMap, user.uid);
  if (selfInside === undefined) {
    sentences.push(
      `Your own uid ${user.uid} is not mapped: your files appear inside as owned by nobody (65534).`,
    );
  } else if (selfInside !== 0) {
    sentences.push(`Your uid ${user.uid} appears inside the container as uid ${selfInside}.`);
  }
  const total = uidMap.reduce((a, m) => a + m.size, 0);
  sentences.push(`${total} uids are mapped in all.`);
  return { uid: ranges(uidMap, user.uid), gid: ranges(gidMap, user.gid), sentences };
}

/** Read the live maps of a process (the container's main process, by its host PID). */
/**
 * inner maps container ids to the parent namespace's ids; outer maps those to the host's. The result maps
 * container ids straight to host ids, split wherever either map's ranges break.
 */
export function composeIdMaps(inner: IdMapEntry[], outer: IdMapEntry[]): IdMapEntry[] {
  const out: IdMapEntry[] = [];
  for (const m of inner) {
    let c = m.containerId;
    let p = m.hostId;
    let left = m.size;
    while (left > 0) {
      const o = outer.find((x) => p >= x.containerId && p < x.containerId + x.size);
      if (!o) break; // unmapped in the parent: those ids do not exist on the host
      const n = Math.min(left, o.containerId + o.size - p);
      const last = out[out.length - 1];
      const hostId = o.hostId + (p - o.containerId);
      if (last && last.containerId + last.size === c && last.hostId + last.size === hostId) last.size += n;
      else out.push({ containerId: c, hostId, size: n });
      c += n;
      p += n;
      left -= n;
    }
  }
  return out;
}

export async function readProcessMaps(pid: number): Promise<{ uidMap: IdMapEntry[]; gidMap: IdMapEntry[] }> {
  const [u, g] = await Promise.all([
    readFile(`/proc/${pid}/uid_map`, 'utf8'),
    readFile(`/proc/${pid}/gid_map`, 'utf8'),
  ]);
  return { uidMap: parseIdMap(u), gidMap: parseIdMap(g) };
}

/** The host uid/gid a process actually runs as (real ids from /proc/<pid>/status). */
export async function readProcessHostIds(pid: number): Promise<{ uid: number; gid: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const uid = Number(/^Uid:\s+(\d+)/m.exec(status)?.[1]);
  const gid = Number(/^Gid:\s+(\d+)/m.exec(status)?.[1]);
  return { uid, gid };
}
