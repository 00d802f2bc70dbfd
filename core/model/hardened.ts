// The hardened preset: the settings the seeds recommend for running an untrusted image rootless — drop every
// capability and add back only what is needed, no privilege escalation through setuid binaries, a read-only
// root filesystem with a writable tmpfs /tmp, optional seccomp, and memory and pids limits.
import type { CreateContainerInput, CreateContainerSpec, Mount } from './types.js';

/** Podman's default capability set (containers.conf default_capabilities, Podman 4.x/5.x). */
export const PODMAN_DEFAULT_CAPS = [
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
] as const;

/** Docker's default capability set (moby oci/caps/defaults.go). */
export const DOCKER_DEFAULT_CAPS = [
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'NET_RAW',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
] as const;

/** What each default capability lets a process do, for the side-by-side view. */
export const CAPABILITY_NOTES: Record<string, string> = {
  AUDIT_WRITE: 'write records to the kernel audit log',
  CHOWN: 'change the owner of files',
  DAC_OVERRIDE: 'bypass file read/write/execute permission checks',
  FOWNER: "bypass checks that require being the file's owner (chmod, utime)",
  FSETID: 'keep setuid/setgid bits when a file is modified',
  KILL: 'send signals to processes of other users',
  MKNOD: 'create device files',
  NET_BIND_SERVICE: 'bind ports below 1024 (inside the container)',
  NET_RAW: 'use raw sockets (ping, packet crafting)',
  SETFCAP: 'set file capabilities',
  SETGID: 'change group ids',
  SETPCAP: 'change its own capability sets',
  SETUID: 'change user ids (su, sudo inside the container)',
  SYS_CHROOT: 'use chroot',
};

export interface CapabilityRow {
  name: string;
  podman: boolean;
  docker: boolean;
  note: string;
}

/** Podman's and Docker's defaults side by side, the union sorted by name. */
export function defaultCapabilityTable(): CapabilityRow[] {
  const names = [...new Set<string>([...PODMAN_DEFAULT_CAPS, ...DOCKER_DEFAULT_CAPS])].sort();
  return names.map((name) => ({
    name,
    podman: (PODMAN_DEFAULT_CAPS as readonly string[]).includes(name),
    docker: (DOCKER_DEFAULT_CAPS as readonly string[]).includes(name),
    note: CAPABILITY_NOTES[name] ?? '',
  }));
}

export interface HardenedOptions {
  /** Capabilities to add back after dropping all (e.g. NET_BIND_SERVICE). */
  capAdd?: string[] | undefined;
  /** Host path of a seccomp profile; undefined keeps Podman's default profile (never 'unconfined'). */
  seccompProfile?: string | undefined;
  memory?: string | undefined;
  pidsLimit?: number | undefined;
  tmpfsSize?: string | undefined;
}

export const HARDENED_DEFAULTS = { memory: '256m', pidsLimit: 128, tmpfsSize: '64m' } as const;

/**
 * Apply the hardened preset to a spec. Settings the preset does not own (image, command, ports, other mounts)
 * are kept; those it owns are replaced.
 */
export function applyHardenedPreset(
  spec: CreateContainerSpec,
  opts: HardenedOptions = {},
): CreateContainerSpec {
  const tmpTarget = '/tmp';
  const mounts: Mount[] = (spec.mounts ?? []).filter((m) => !(m.type === 'tmpfs' && m.target === tmpTarget));
  mounts.push({ type: 'tmpfs', target: tmpTarget, size: opts.tmpfsSize ?? HARDENED_DEFAULTS.tmpfsSize });
  // An unconfined seccomp setting is the opposite of hardened: fall back to Podman's default profile.
  const { seccompProfile: previous, ...security } = spec.security ?? {};
  const keptProfile = previous && previous !== 'unconfined' ? { seccompProfile: previous } : {};
  return {
    ...spec,
    mounts,
    security: {
      ...security,
      ...keptProfile,
      capDrop: ['ALL'],
      capAdd: [...new Set((opts.capAdd ?? []).map((c) => c.toUpperCase().replace(/^CAP_/, '')))],
      noNewPrivileges: true,
      readOnlyRootfs: true,
      privileged: false,
      ...(opts.seccompProfile ? { seccompProfile: opts.seccompProfile } : {}),
    },
    limits: {
      ...spec.limits,
      memory: opts.memory ?? HARDENED_DEFAULTS.memory,
      pidsLimit: opts.pidsLimit ?? HARDENED_DEFAULTS.pidsLimit,
    },
  };
}

/** Is this spec hardened? Lists what is missing, for the UI's badge. */
export function hardeningGaps(spec: CreateContainerInput): string[] {
  const gaps: string[] = [];
  const s = spec.security ?? {};
  if (!(s.capDrop ?? []).map((c) => c.toUpperCase()).includes('ALL'))
    gaps.push('capabilities are not dropped');
  if (!s.noNewPrivileges) gaps.push('no-new-privileges is off');
  if (!s.readOnlyRootfs) gaps.push('the root filesystem is writable');
  if (s.privileged) gaps.push('privileged');
  if (s.seccompProfile === 'unconfined') gaps.push('seccomp is disabled');
  if (!spec.limits?.memory) gaps.push('no memory limit');
  if (spec.limits?.pidsLimit === undefined) gaps.push('no pids limit');
  return gaps;
}
