// The one place where Burrow's CreateContainerSpec becomes libpod's SpecGenerator JSON (pkg/specgen in Podman
// 4.3 and 5.x). Field names follow specgen's json tags exactly; note the inconsistent ones ("Networks",
// NamedVolume's "Name"/"Dest"/"Options", healthconfig's "Test"/"Interval").
import type { CreateContainerSpec, HostFacts, Mount, ResourceLimits, UsernsMode, Warning } from './types.js';
import type { SecretUse } from './create-spec.js';
import { CPU_PERIOD_US, parseBytes } from './quantities.js';
import { formatUserns, USERNS_LABEL } from './userns.js';

export const REQUESTED_LIMITS_LABEL = 'io.burrow.limits.requested';
/** The secrets a container was given (names and where, never values), for the detail view and Quadlet export. */
export const SECRETS_LABEL = 'io.burrow.secrets';

/** Which cgroup controller enforces each limit. */
export const LIMIT_CONTROLLER: Record<keyof ResourceLimits, string> = {
  memory: 'memory',
  memorySwap: 'memory',
  memoryReservation: 'memory',
  cpus: 'cpu',
  cpuShares: 'cpu',
  cpusetCpus: 'cpuset',
  pidsLimit: 'pids',
  blkioWeight: 'io',
};

const LIMIT_FLAG: Record<keyof ResourceLimits, string> = {
  memory: 'memory',
  memorySwap: 'memory+swap',
  memoryReservation: 'memory reservation',
  cpus: 'cpus',
  cpuShares: 'cpu shares',
  cpusetCpus: 'cpuset',
  pidsLimit: 'pids limit',
  blkioWeight: 'blkio weight',
};

function requestedLimitKeys(l: ResourceLimits | undefined): (keyof ResourceLimits)[] {
  if (!l) return [];
  return (Object.keys(LIMIT_CONTROLLER) as (keyof ResourceLimits)[]).filter(
    (k) => l[k] !== undefined && l[k] !== '',
  );
}

/** The requested limits this host will not enforce. */
export function droppedLimits(limits: ResourceLimits | undefined, host: HostFacts): (keyof ResourceLimits)[] {
  return requestedLimitKeys(limits).filter((k) => !host.enforceableLimits.includes(LIMIT_CONTROLLER[k]));
}

export function limitsWarning(spec: CreateContainerSpec, host: HostFacts): Warning | undefined {
  const dropped = droppedLimits(spec.limits, host);
  if (dropped.length === 0) return undefined;
  return {
    code: 'limits_not_enforced',
    message: `This host will not enforce: ${dropped.map((k) => LIMIT_FLAG[k]).join(', ')}. ${host.limitsReason}`,
    hint:
      host.cgroupVersion === 'v1'
        ? 'Rootless limits need cgroup v2 with the controllers delegated to your user (see System → Doctor).'
        : 'Delegate the missing controllers to your user (see System → Doctor).',
    fields: dropped.map((k) => `limits.${k}`),
  };
}

export function secretsFromLabels(labels: Record<string, string> | undefined): SecretUse[] | undefined {
  const raw = labels?.[SECRETS_LABEL];
  if (!raw) return undefined;
  try {
    const v = JSON.parse(raw) as unknown;
    if (!Array.isArray(v)) return undefined;
    return v.filter(
      (s): s is SecretUse =>
        !!s && typeof s === 'object' && typeof s.name === 'string' && (s.as === 'file' || s.as === 'env'),
    );
  } catch {
    return undefined;
  }
}

export const MASKED = '*******';

/**
 * Two Podman quirks around a secret given as an environment variable, both in inspect's Config.Env:
 * - before 5.3 it shows the value (containers/podman#23788; 5.3 masks it as "*******"). Burrow masks the
 *   variables its label names the same way; for containers made elsewhere on such a Podman it cannot tell which
 *   variables are secret.
 * - from 5.3 the masked entry carries the secret's name instead of the variable's when they differ
 *   ("db-token=*******" for API_TOKEN; containers/podman#28075). Burrow puts the variable's name back.
 */
export function maskSecretEnv(env: string[], secrets: SecretUse[] | undefined): string[] {
  const uses = (secrets ?? []).filter((s) => s.as === 'env');
  if (uses.length === 0) return env;
  const variables = new Set(uses.map((s) => s.target || s.name));
  const renamed = new Map(
    uses.filter((s) => s.target && s.target !== s.name).map((s) => [s.name, s.target ?? '']),
  );
  return env.map((e) => {
    const eq = e.indexOf('=');
    const name = eq < 0 ? e : e.slice(0, eq);
    if (variables.has(name)) return `${name}=${MASKED}`;
    const variable = renamed.get(name);
    return variable && e.slice(eq + 1) === MASKED ? `${variable}=${MASKED}` : e;
  });
}

export function requestedLimitsFromLabels(
  labels: Record<string, string> | undefined,
): ResourceLimits | undefined {
  const raw = labels?.[REQUESTED_LIMITS_LABEL];
  if (!raw) return undefined;
  try {
    const v = JSON.parse(raw) as unknown;
    return v && typeof v === 'object' ? (v as ResourceLimits) : undefined;
  } catch {
    return undefined;
  }
}

function envMap(env: string[] | undefined): Record<string, string> | undefined {
  if (!env?.length) return undefined;
  const out: Record<string, string> = {};
  for (const e of env) {
    const i = e.indexOf('=');
    out[e.slice(0, i)] = e.slice(i + 1);
  }
  return out;
}

export function podmanMajor(version: string): number {
  return Number.parseInt(version.split('.')[0] ?? '0', 10) || 0;
}

function subordinateSize(host: HostFacts): number {
  // The rootless intermediate namespace maps 0 → the user and 1..N → the subordinate range.
  const sub = host.idMappings.uidMap.filter((m) => m.containerId >= 1);
  const size = sub.reduce((a, m) => a + m.size, 0);
  return size > 0 ? size : 65536;
}

function subordinateGidSize(host: HostFacts): number {
  const sub = host.idMappings.gidMap.filter((m) => m.containerId >= 1);
  const size = sub.reduce((a, m) => a + m.size, 0);
  return size > 0 ? size : 65536;
}

function usernsFields(m: UsernsMode, host: HostFacts): Record<string, unknown> {
  switch (m.kind) {
    case 'host':
      return {};
    case 'keep-id': {
      const value = formatUserns(m).slice('keep-id'.length + 1);
      return { userns: value ? { nsmode: 'keep-id', value } : { nsmode: 'keep-id' } };
    }
    case 'auto':
      return {
        userns: m.size !== undefined ? { nsmode: 'auto', value: `size=${m.size}` } : { nsmode: 'auto' },
      };
    case 'nomap':
      // Quirk (the libpod API, 4.3 and 5.4 alike): nsmode "nomap" is rejected ("invalid namespace type nomap
      // specified") — the CLI turns --userns=nomap into mappings on the client side. So send what it computes:
      // the whole subordinate range from container 0 up, and the user's own id left unmapped.
      return {
        userns: { nsmode: 'private' },
        idmappings: {
          HostUIDMapping: false,
          HostGIDMapping: false,
          UIDMap: [{ container_id: 0, host_id: 1, size: subordinateSize(host) }],
          GIDMap: [{ container_id: 0, host_id: 1, size: subordinateGidSize(host) }],
        },
      };
  }
}

function networkFields(spec: CreateContainerSpec): Record<string, unknown> {
  const n = spec.network;
  if (!n || n.kind === 'default') return {};
  switch (n.kind) {
    case 'none':
      return { netns: { nsmode: 'none' } };
    case 'host':
      return { netns: { nsmode: 'host' } };
    case 'slirp4netns':
      return { netns: { nsmode: 'slirp4netns' } };
    case 'pasta':
      return { netns: { nsmode: 'pasta' } };
    case 'container':
      return { netns: { nsmode: 'container', value: n.id } };
    case 'bridge':
      return {
        netns: { nsmode: 'bridge' },
        Networks: Object.fromEntries(n.networks.map((name) => [name, {}])),
      };
  }
}

function mountFields(mounts: Mount[] | undefined): Record<string, unknown> {
  if (!mounts?.length) return {};
  const specMounts: { destination: string; type: string; source: string; options: string[] }[] = [];
  const volumes: { Name: string; Dest: string; Options: string[] }[] = [];
  for (const m of mounts) {
    if (m.type === 'bind') {
      const opts = m.options ?? [];
      specMounts.push({
        destination: m.target,
        type: 'bind',
        source: m.source,
        options: ['rbind', ...opts.map((o) => (o === 'U' ? 'U' : o))],
      });
    } else if (m.type === 'tmpfs') {
      const options = ['rw', 'nosuid', 'nodev'];
      if (m.size) options.push(`size=${m.size}`);
      if (m.mode) options.push(`mode=${m.mode}`);
      specMounts.push({ destination: m.target, type: 'tmpfs', source: 'tmpfs', options });
    } else {
      volumes.push({ Name: m.name, Dest: m.target, Options: m.readOnly ? ['ro'] : [] });
    }
  }
  return { ...(specMounts.length ? { mounts: specMounts } : {}), ...(volumes.length ? { volumes } : {}) };
}

function resourceFields(limits: ResourceLimits | undefined, host: HostFacts): Record<string, unknown> {
  const keys = requestedLimitKeys(limits).filter((k) => host.enforceableLimits.includes(LIMIT_CONTROLLER[k]));
  if (!limits || keys.length === 0) return {};
  const has = (k: keyof ResourceLimits) => keys.includes(k);
  const r: Record<string, Record<string, unknown>> = {};
  const memory: Record<string, unknown> = {};
  if (has('memory') && limits.memory) memory.limit = parseBytes(limits.memory);
  if (has('memoryReservation') && limits.memoryReservation)
    memory.reservation = parseBytes(limits.memoryReservation);
  if (has('memorySwap') && limits.memorySwap)
    memory.swap = limits.memorySwap === '-1' ? -1 : parseBytes(limits.memorySwap);
  if (Object.keys(memory).length) r.memory = memory;
  const cpu: Record<string, unknown> = {};
  if (has('cpus') && limits.cpus !== undefined) {
    cpu.quota = Math.round(limits.cpus * CPU_PERIOD_US);
    cpu.period = CPU_PERIOD_US;
  }
  if (has('cpuShares') && limits.cpuShares !== undefined) cpu.shares = limits.cpuShares;
  if (has('cpusetCpus') && limits.cpusetCpus) cpu.cpus = limits.cpusetCpus;
  if (Object.keys(cpu).length) r.cpu = cpu;
  if (has('pidsLimit') && limits.pidsLimit !== undefined) r.pids = { limit: limits.pidsLimit };
  if (has('blkioWeight') && limits.blkioWeight !== undefined) r.blockIO = { weight: limits.blkioWeight };
  return Object.keys(r).length ? { resource_limits: r } : {};
}

const NS = 1_000_000_000;

/** Podman's --secret: files are mode 0444 as the CLI makes them (the API's 0 would leave them unreadable). */
function secretFields(secrets: CreateContainerSpec['secrets']): Record<string, unknown> {
  if (!secrets?.length) return {};
  const files = secrets
    .filter((s) => s.as === 'file')
    .map((s) => ({ Source: s.name, Target: s.target ?? '', UID: 0, GID: 0, Mode: 0o444 }));
  const env = Object.fromEntries(
    secrets.filter((s) => s.as === 'env').map((s) => [s.target || s.name, s.name]),
  );
  return {
    ...(files.length ? { secrets: files } : {}),
    ...(Object.keys(env).length ? { secret_env: env } : {}),
  };
}

/** The CLI's defaults (`podman run --health-cmd`), which the API does not apply: 30 s, 30 s, 3, 0 s. */
export const HEALTH_DEFAULTS = { intervalSeconds: 30, timeoutSeconds: 30, retries: 3, startPeriodSeconds: 0 };

/** libpod's define.HealthCheckOnFailureAction numbering (1 is "invalid"), the same in 4.3 and 5.x. */
const ON_FAILURE_ACTION = { none: 0, kill: 2, restart: 3, stop: 4 } as const;

function healthFields(hc: NonNullable<CreateContainerSpec['healthcheck']>): Record<string, unknown> {
  // Quirk (4.3 and 5.x): a health config sent over the API without a timeout gets 0 s, and every check then
  // fails with "healthcheck command exceeded timeout of 0s". So every duration is sent, defaults included.
  return {
    healthconfig: {
      Test: hc.test,
      Interval: Math.round((hc.intervalSeconds ?? HEALTH_DEFAULTS.intervalSeconds) * NS),
      Timeout: Math.round((hc.timeoutSeconds ?? HEALTH_DEFAULTS.timeoutSeconds) * NS),
      StartPeriod: Math.round((hc.startPeriodSeconds ?? HEALTH_DEFAULTS.startPeriodSeconds) * NS),
      Retries: hc.retries ?? HEALTH_DEFAULTS.retries,
    },
    ...(hc.onFailure && hc.onFailure !== 'none'
      ? { health_check_on_failure_action: ON_FAILURE_ACTION[hc.onFailure] }
      : {}),
  };
}

/**
 * Map a validated spec to SpecGenerator JSON. Limits the host cannot enforce are not sent (Podman would drop
 * them with a warning on cgroup v1, and fail on a cgroup v2 controller that is not delegated); every requested
 * limit is kept in a label so the UI can show "requested vs enforced".
 */
export function toSpecGenerator(spec: CreateContainerSpec, host: HostFacts): Record<string, unknown> {
  const labels: Record<string, string> = { ...spec.labels };
  if (spec.limits && requestedLimitKeys(spec.limits).length > 0)
    labels[REQUESTED_LIMITS_LABEL] = JSON.stringify(spec.limits);
  if (spec.userns && spec.userns.kind !== 'host') labels[USERNS_LABEL] = formatUserns(spec.userns);
  if (spec.secrets?.length) labels[SECRETS_LABEL] = JSON.stringify(spec.secrets);
  const sec = spec.security ?? {};
  const hc = spec.healthcheck;
  const out: Record<string, unknown> = {
    image: spec.image,
    ...(spec.name ? { name: spec.name } : {}),
    ...(spec.pod ? { pod: spec.pod } : {}),
    ...(spec.command?.length ? { command: spec.command } : {}),
    ...(spec.entrypoint?.length ? { entrypoint: spec.entrypoint } : {}),
    ...(envMap(spec.env) ? { env: envMap(spec.env) } : {}),
    ...(spec.workdir ? { work_dir: spec.workdir } : {}),
    ...(spec.user ? { user: spec.user } : {}),
    ...(Object.keys(labels).length ? { labels } : {}),
    ...(spec.hostname ? { hostname: spec.hostname } : {}),
    ...(spec.ports?.length
      ? {
          portmappings: spec.ports.map((p) => ({
            container_port: p.containerPort,
            protocol: p.protocol,
            ...(p.hostIp ? { host_ip: p.hostIp } : {}),
            ...(p.hostPort ? { host_port: p.hostPort } : {}),
            ...(p.range && p.range > 1 ? { range: p.range } : {}),
          })),
        }
      : {}),
    ...mountFields(spec.mounts),
    ...secretFields(spec.secrets),
    ...usernsFields(spec.userns ?? { kind: 'host' }, host),
    ...networkFields(spec),
    ...resourceFields(spec.limits, host),
    ...(sec.capAdd?.length ? { cap_add: sec.capAdd } : {}),
    ...(sec.capDrop?.length ? { cap_drop: sec.capDrop } : {}),
    ...(sec.noNewPrivileges ? { no_new_privileges: true } : {}),
    ...(sec.readOnlyRootfs ? { read_only_filesystem: true } : {}),
    ...(sec.seccompProfile ? { seccomp_profile_path: sec.seccompProfile } : {}),
    ...(sec.privileged ? { privileged: true } : {}),
    ...(sec.runtime ? { oci_runtime: sec.runtime } : {}),
    ...(spec.restartPolicy && spec.restartPolicy !== 'no' ? { restart_policy: spec.restartPolicy } : {}),
    ...(spec.restartRetries !== undefined ? { restart_tries: spec.restartRetries } : {}),
    ...(spec.stopTimeout !== undefined ? { stop_timeout: spec.stopTimeout } : {}),
    ...(spec.autoRemove ? { remove: true } : {}),
    ...(spec.tty ? { terminal: true } : {}),
    ...(spec.stdin ? { stdin: true } : {}),
    ...(spec.dns?.length ? { dns_server: spec.dns } : {}),
    ...(hc ? healthFields(hc) : {}),
  };
  return out;
}
