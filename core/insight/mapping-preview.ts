// Predict, before a container runs, which host uid its process will have — computed the way Podman builds the
// maps. Rootless Podman works inside the user's own namespace where 0 is the user and 1..N are the
// subordinate ids; each mode maps container ids onto that namespace:
//   host     container 0 → the user, 1..N → subordinate 1..N
//   keep-id  container K (default: the user's uid) → the user; 0..K-1 → subordinate 1..K; K+1.. → K+1..
//   nomap    container 0..N-1 → subordinate 1..N; the user is not mapped
//   auto     Podman picks a free range at creation: not predictable here
import type { HostFacts, IdMapEntry, UsernsMode } from '../model/types.js';
import type { ProcessPreview } from '../model/insight.js';

/** The user's subordinate ranges as host ids, from the engine's own view (host facts). */
function subordinate(map: IdMapEntry[]): { hostStart: number; size: number } {
  const subs = map.filter((m) => m.containerId >= 1).sort((a, b) => a.containerId - b.containerId);
  const first = subs[0];
  return { hostStart: first?.hostId ?? 100000, size: subs.reduce((a, m) => a + m.size, 0) || 65536 };
}

/** Container → host map for a mode, as the kernel will show it in /proc/<pid>/uid_map. */
export function predictIdMap(
  mode: UsernsMode,
  self: number,
  nsMap: IdMapEntry[],
  keep?: number,
): IdMapEntry[] | undefined {
  const { hostStart, size } = subordinate(nsMap);
  switch (mode.kind) {
    case 'host':
      return [
        { containerId: 0, hostId: self, size: 1 },
        { containerId: 1, hostId: hostStart, size },
      ];
    case 'nomap':
      return [{ containerId: 0, hostId: hostStart, size }];
    case 'keep-id': {
      const k = keep ?? self;
      const out: IdMapEntry[] = [];
      if (k > 0) out.push({ containerId: 0, hostId: hostStart, size: Math.min(k, size) });
      out.push({ containerId: k, hostId: self, size: 1 });
      if (size > k) out.push({ containerId: k + 1, hostId: hostStart + k, size: size - k });
      return out;
    }
    case 'auto':
      return undefined;
  }
}

export function hostIdOf(map: IdMapEntry[], id: number): number | undefined {
  for (const m of map)
    if (id >= m.containerId && id < m.containerId + m.size) return m.hostId + (id - m.containerId);
  return undefined;
}

/** Parse "1001", "1001:1001"; names other than root are not resolvable without the image's /etc/passwd. */
export function numericUser(user: string | undefined): { uid?: number; gid?: number } {
  if (!user) return {};
  const [u, g] = user.split(':');
  const uid = u === 'root' ? 0 : u && /^\d+$/.test(u) ? Number(u) : undefined;
  const gid = g === 'root' ? 0 : g && /^\d+$/.test(g) ? Number(g) : uid;
  return { ...(uid !== undefined ? { uid } : {}), ...(gid !== undefined ? { gid } : {}) };
}

/**
 * Which uid will the process have, inside and on the host? `specUser` (--user) wins over `imageUser` (USER);
 * keep-id without a user runs the process as the kept id, whatever the image says.
 */
export function previewProcess(
  mode: UsernsMode,
  facts: Pick<HostFacts, 'uid' | 'gid' | 'idMappings'>,
  imageUser?: string,
  specUser?: string,
): ProcessPreview {
  const explicit = numericUser(specUser);
  const image = numericUser(imageUser);
  let uid: number;
  let gid: number;
  if (explicit.uid !== undefined) {
    uid = explicit.uid;
    gid = explicit.gid ?? uid;
  } else if (mode.kind === 'keep-id') {
    uid = mode.uid ?? facts.uid;
    gid = mode.gid ?? facts.gid;
  } else {
    uid = image.uid ?? 0;
    gid = image.gid ?? uid;
  }
  const uidMap = predictIdMap(
    mode,
    facts.uid,
    facts.idMappings.uidMap,
    mode.kind === 'keep-id' ? (mode.uid ?? facts.uid) : undefined,
  );
  const gidMap = predictIdMap(
    mode,
    facts.gid,
    facts.idMappings.gidMap,
    mode.kind === 'keep-id' ? (mode.gid ?? facts.gid) : undefined,
  );
  const hostUid = uidMap ? hostIdOf(uidMap, uid) : undefined;
  const hostGid = gidMap ? hostIdOf(gidMap, gid) : undefined;
  let sentence: string;
  if (!uidMap)
    sentence = `Podman picks a free id range when it creates the container; uid ${uid} maps into that range, not to you.`;
  else if (hostUid === undefined)
    sentence = `uid ${uid} is not mapped in this mode: the container cannot start as that user.`;
  else if (hostUid === facts.uid)
    sentence = `The process will run as you (host uid ${hostUid}): it can use your files.`;
  else
    sentence = `The process will run as host uid ${hostUid}, a subordinate uid that owns none of your files.`;
  return {
    containerUid: uid,
    containerGid: gid,
    ...(hostUid !== undefined ? { hostUid } : {}),
    ...(hostGid !== undefined ? { hostGid } : {}),
    ...(uidMap ? { uidMap } : {}),
    ...(gidMap ? { gidMap } : {}),
    sentence,
  };
}
