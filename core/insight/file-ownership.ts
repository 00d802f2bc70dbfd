// Who owns a copied file on each side of a rootless container. Podman gives files copied in to the container's
// main user (as `podman cp` does), and that user is a different host uid in most user-namespace modes; files
// copied out are written by Burrow, so they belong to the user running it. Said in words, from the same id
// mapping the create preview predicts (mapping-preview.ts).
import type { FileOwnership, HostFacts, IdMapEntry, UsernsMode } from '../model/types.js';
import { hostIdOf, predictIdMap } from './mapping-preview.js';

export interface ContainerUser {
  name: string;
  uid: number;
  gid: number;
}

/** Container uid → host uid map of a container in `mode` (undefined for auto: Podman picks the range). */
export function containerUidMap(
  mode: UsernsMode | undefined,
  facts: Pick<HostFacts, 'uid' | 'idMappings'>,
): IdMapEntry[] | undefined {
  const m = mode ?? { kind: 'host' as const };
  return predictIdMap(
    m,
    facts.uid,
    facts.idMappings.uidMap,
    m.kind === 'keep-id' ? (m.uid ?? facts.uid) : undefined,
  );
}

/** "app (uid 1001)", "root (uid 0)", "uid 1001" */
function who(u: ContainerUser): string {
  return u.name && u.name !== String(u.uid) ? `${u.name} (uid ${u.uid})` : `uid ${u.uid}`;
}

export function fileOwnership(
  mode: UsernsMode | undefined,
  facts: Pick<HostFacts, 'uid' | 'gid' | 'idMappings'>,
  user: ContainerUser,
  you: { uid: number; gid: number },
): FileOwnership {
  const uidMap = containerUidMap(mode, facts);
  const gidMap = containerUidMap(mode, {
    uid: facts.gid,
    idMappings: { ...facts.idMappings, uidMap: facts.idMappings.gidMap },
  });
  const hostUid = uidMap ? hostIdOf(uidMap, user.uid) : undefined;
  const hostGid = gidMap ? hostIdOf(gidMap, user.gid) : undefined;
  const differs = hostUid !== facts.uid;
  let copyIn: string;
  if (!uidMap)
    copyIn = `Copies into the container belong to ${who(user)}. With userns=auto Podman picked this container's host id range, so on the host they belong to an id of that range, not to you.`;
  else if (hostUid === undefined)
    copyIn = `Copies into the container belong to ${who(user)}, which is not mapped to any host id in this user namespace.`;
  else if (!differs)
    copyIn = `Copies into the container belong to ${who(user)}, which is you on the host: ownership looks the same on both sides.`;
  else
    copyIn = `Copies into the container belong to ${who(user)}, which the host sees as uid ${hostUid}, not you: in a bind-mounted folder they show up owned by ${hostUid}, and changing them from the host needs \`podman unshare\`.`;
  const copyOut = `Copies out of the container belong to you (uid ${you.uid}) on this machine, whoever owned them inside.`;
  return {
    containerUser: user,
    ...(hostUid !== undefined ? { hostUid } : {}),
    ...(hostGid !== undefined ? { hostGid } : {}),
    you,
    differs,
    copyIn,
    copyOut,
  };
}

/**
 * After a copy out: who owned the files inside (and on the engine's host), who owns the copies now. Owners are
 * uids, or names the container's /etc/passwd does not resolve.
 */
export function copiedOutSentence(
  owners: (number | string)[],
  mode: UsernsMode | undefined,
  facts: Pick<HostFacts, 'uid' | 'idMappings'>,
  you: { uid: number },
): string {
  const map = containerUidMap(mode, facts);
  const distinct = [...new Set(owners)].sort((a, b) => String(a).localeCompare(String(b))).slice(0, 5);
  const inside = distinct
    .map((u) => {
      if (typeof u === 'string') return u ? `"${u}"` : 'an id the container does not name';
      const h = map ? hostIdOf(map, u) : undefined;
      return h === undefined
        ? `uid ${u}`
        : h === facts.uid
          ? `uid ${u} (you on the host)`
          : `uid ${u} (host uid ${h})`;
    })
    .join(', ');
  return `Inside the container these belonged to ${inside || 'nobody'}; the copies here belong to you (uid ${you.uid}).`;
}
