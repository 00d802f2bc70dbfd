// Bind-mount permission predictor: will the container process be able to read / write the host directory it
// gets bind-mounted, and if not, what fixes it? The answer depends on three things rootless users rarely see
// together: the host uid/gid the process really runs as (from the userns mode and the image's USER), the
// owner and mode of the path AND of every directory above it (search permission), and whether the process
// has CAP_DAC_OVERRIDE in its user namespace, which only helps for files whose owner is mapped into it.
import { stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { UsernsMode } from '../model/types.js';
import type { AccessPrediction, PermissionFix } from '../model/insight.js';

export interface PathInfo {
  path: string;
  uid: number;
  gid: number;
  /** Permission bits (0o7777). */
  mode: number;
  isDirectory: boolean;
}

export interface ProcessIdentity {
  /** The uid/gid inside the container (the image USER or --user). */
  containerUid: number;
  containerGid: number;
  /** What they are on the host. undefined: not mapped at all (cannot happen for a running process). */
  hostUid: number;
  hostGid: number;
  /** Does the process hold CAP_DAC_OVERRIDE (container root with Podman's default capabilities)? */
  dacOverride: boolean;
  /** Is a host uid/gid mapped into the container's user namespace? (DAC override only covers mapped owners.) */
  isMappedUid(hostUid: number): boolean;
  isMappedGid(hostGid: number): boolean;
}

type Perm = 4 | 2 | 1;

function allowed(info: PathInfo, proc: ProcessIdentity, perm: Perm): { ok: boolean; why: string } {
  const mode = info.mode & 0o777;
  const ownerMapped = proc.isMappedUid(info.uid) && proc.isMappedGid(info.gid);
  if (proc.dacOverride && ownerMapped) {
    // CAP_DAC_OVERRIDE: read/write anything, search any directory; execute a file only if some x bit is set.
    if (perm !== 1 || info.isDirectory || (mode & 0o111) !== 0) {
      return { ok: true, why: `container root overrides permissions on ${info.path} (its owner is mapped)` };
    }
  }
  let bits: number;
  let who: string;
  if (proc.hostUid === info.uid) {
    bits = (mode >> 6) & 7;
    who = 'owner';
  } else if (proc.hostGid === info.gid) {
    bits = (mode >> 3) & 7;
    who = 'group';
  } else {
    bits = mode & 7;
    who = 'others';
  }
  const ok = (bits & perm) !== 0;
  const permName = perm === 4 ? 'read' : perm === 2 ? 'write' : info.isDirectory ? 'search' : 'execute';
  return {
    ok,
    why: `${info.path} is ${info.uid}:${info.gid} mode ${mode.toString(8).padStart(3, '0')}; host uid ${proc.hostUid} counts as ${who}, which ${ok ? 'may' : 'may not'} ${permName}`,
  };
}

export interface PredictOptions {
  /** The bind mount is read-only (:ro) */
  readOnly: boolean;
  /** SELinux is enforcing on the host and the mount has no :z/:Z. */
  selinuxBlocks?: boolean;
  /** The user's own uid/gid on the host (to propose keep-id). */
  user: { uid: number; gid: number };
  /** The image's USER as numbers, when it is not root. */
  imageUser?: { uid: number; gid: number };
  /** The current userns mode (fixes are only proposed when they change something). */
  userns: UsernsMode;
}

/**
 * `chain` lists the path's ancestors from `/` down to the path itself (see statChain).
 */
export function predictAccess(
  chain: PathInfo[],
  proc: ProcessIdentity,
  opts: PredictOptions,
): AccessPrediction {
  const target = chain[chain.length - 1];
  if (!target) return { read: false, write: false, reason: 'the host path does not exist', fixes: [] };
  let blockedAt: string | undefined;
  let reason = '';
  for (const dir of chain.slice(0, -1)) {
    const a = allowed(dir, proc, 1);
    if (!a.ok) {
      blockedAt = dir.path;
      reason = a.why;
      break;
    }
  }
  let read = false;
  let write = false;
  if (!blockedAt) {
    const r = allowed(target, proc, 4);
    // Listing and entering a directory needs search too.
    const x = target.isDirectory ? allowed(target, proc, 1) : { ok: true, why: '' };
    const w = allowed(target, proc, 2);
    read = r.ok && x.ok;
    write = !opts.readOnly && w.ok && x.ok;
    if (!read) {
      blockedAt = target.path;
      reason = r.ok ? x.why : r.why;
    } else if (!write && !opts.readOnly) {
      blockedAt = target.path;
      reason = w.ok ? x.why : w.why;
    } else {
      reason = opts.readOnly ? `${r.why}; mounted read-only` : w.why;
    }
  }
  if (opts.selinuxBlocks) {
    read = false;
    write = false;
    reason = `SELinux is enforcing and the mount has no :z/:Z label; ${reason}`;
  }
  const ok = read && (write || opts.readOnly);
  return {
    read,
    write,
    reason,
    ...(blockedAt ? { blockedAt } : {}),
    fixes: ok ? [] : proposeFixes(target, proc, opts),
  };
}

function proposeFixes(target: PathInfo, proc: ProcessIdentity, opts: PredictOptions): PermissionFix[] {
  const fixes: PermissionFix[] = [];
  const ownedByUser = target.uid === opts.user.uid;
  const c = { uid: proc.containerUid, gid: proc.containerGid };
  if (ownedByUser && !opts.selinuxBlocks) {
    const already =
      opts.userns.kind === 'keep-id' &&
      (opts.userns.uid ?? opts.user.uid) === c.uid &&
      (opts.userns.gid ?? opts.user.gid) === c.gid;
    if (!already) {
      fixes.push({
        kind: 'keep-id',
        title: `Map your uid to the container's uid ${c.uid} (userns keep-id:uid=${c.uid},gid=${c.gid})`,
        userns: { kind: 'keep-id', uid: c.uid, gid: c.gid },
        caveat: 'Files the container writes there stay yours on the host.',
      });
    }
  }
  if (!opts.selinuxBlocks) {
    fixes.push({
      kind: 'chown-U',
      title: `Let Podman chown the directory to the container's user (:U)`,
      addMountOption: 'U',
      caveat: `The host directory then belongs to host uid ${proc.hostUid}; you need \`podman unshare\` to edit it.`,
    });
    fixes.push({
      kind: 'unshare-chown',
      title: `Change the owner yourself as the container sees it`,
      command: `podman unshare chown -R ${c.uid}:${c.gid} ${quoteShell(target.path)}`,
      caveat: `Same effect as :U, done once; undo with \`podman unshare chown -R 0:0 ${quoteShell(target.path)}\`.`,
    });
  }
  if (opts.selinuxBlocks) {
    fixes.push({
      kind: 'selinux-Z',
      title: 'Relabel the directory for this container (:Z)',
      addMountOption: 'Z',
      caveat: 'Use :z instead if several containers share the directory.',
    });
  }
  return fixes;
}

function quoteShell(p: string): string {
  return /^[\w@%+=:,./-]+$/.test(p) ? p : `'${p.replace(/'/g, `'\\''`)}'`;
}

/** Stat every directory from `/` down to `path`. Returns undefined when the path does not exist. */
export async function statChain(path: string): Promise<PathInfo[] | undefined> {
  const parts: string[] = [];
  let p = path;
  for (;;) {
    parts.unshift(p);
    const up = dirname(p);
    if (up === p) break;
    p = up;
  }
  const chain: PathInfo[] = [];
  for (const part of parts) {
    try {
      const s = await stat(part);
      chain.push({ path: part, uid: s.uid, gid: s.gid, mode: s.mode & 0o7777, isDirectory: s.isDirectory() });
    } catch {
      return undefined;
    }
  }
  return chain;
}
