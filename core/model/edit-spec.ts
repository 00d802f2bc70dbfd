// Edit & recreate: a container's settings as the create form would have sent them, read back from inspect, and
// what an edit changes. Podman merges the image's defaults (command, env, labels, user, working directory) and
// its own additions (container=podman, TERM, the default capability drops) into what inspect shows; those are
// taken out again, so the form shows what the user chose and recreating with an unchanged form changes nothing.
// Node-free: the form pre-fills and shows the difference with these.
import { DOCKER_DEFAULT_CAPS, PODMAN_DEFAULT_CAPS } from './hardened.js';
import { REQUESTED_LIMITS_LABEL, SECRETS_LABEL } from './spec-generator.js';
import type {
  ContainerDetail,
  CreateContainerInput,
  CreateContainerSpec,
  HostFacts,
  ImageDetail,
  Mount,
} from './types.js';
import { formatUserns, USERNS_LABEL } from './userns.js';

export type RecreateMode = 'replace' | 'copy';

/** Podman names anonymous volumes by a 64-hex id. */
export const isAnonymousVolume = (name: string): boolean => /^[0-9a-f]{64}$/.test(name);

const same = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

function bytesText(n: number): string {
  const units: [number, string][] = [
    [1024 ** 3, 'g'],
    [1024 ** 2, 'm'],
    [1024, 'k'],
  ];
  for (const [size, unit] of units) if (n % size === 0) return `${n / size}${unit}`;
  return `${n}b`;
}

/**
 * The create request that makes this container again. `mode: 'copy'` leaves out what a second container must
 * not share: its name, and the anonymous volumes (a copy gets fresh ones from the image, as `podman run` would).
 */
export function specFromDetail(
  d: ContainerDetail,
  image: Pick<ImageDetail, 'cmd' | 'entrypoint' | 'env' | 'labels' | 'user' | 'workdir' | 'raw'> | undefined,
  facts: Pick<HostFacts, 'ociRuntime' | 'rootlessNetworkCmd'>,
  mode: RecreateMode = 'replace',
): CreateContainerSpec {
  const spec: CreateContainerSpec = { image: d.image };
  if (mode === 'replace') spec.name = d.name;
  if (d.command.length && !(image && same(d.command, image.cmd))) spec.command = [...d.command];
  if (d.entrypoint.length && !(image && same(d.entrypoint, image.entrypoint)))
    spec.entrypoint = [...d.entrypoint];
  const imageEnv = new Set(image?.env ?? []);
  // Podman adds container=podman and TERM=xterm to every container (4.3 and 5.x), HOSTNAME with some modes, and
  // HOME from the user's passwd entry when it starts one: the form leaves those out.
  const added = (e: string) =>
    e === 'container=podman' ||
    e === 'TERM=xterm' ||
    e.startsWith('HOSTNAME=') ||
    /^HOME=(\/root|\/home\/[^/]+|\/)$/.test(e);
  // A secret given as a variable is the secret's (masked in inspect), not a value to copy into the new container.
  const secretVariables = new Set(
    (d.secrets ?? []).filter((s) => s.as === 'env').map((s) => s.target || s.name),
  );
  const env = d.env.filter(
    (e) => !imageEnv.has(e) && !added(e) && !secretVariables.has(e.split('=', 1)[0] ?? ''),
  );
  if (env.length) spec.env = env;
  if (d.workdir && d.workdir !== (image?.workdir || '/')) spec.workdir = d.workdir;
  if (d.user && d.user !== image?.user) spec.user = d.user;
  const labels = Object.fromEntries(
    Object.entries(d.labels).filter(
      ([k, v]) =>
        k !== REQUESTED_LIMITS_LABEL && k !== USERNS_LABEL && k !== SECRETS_LABEL && image?.labels[k] !== v,
    ),
  );
  if (Object.keys(labels).length) spec.labels = labels;
  // Podman's default hostname is the short id; a recreated container gets its own.
  if (d.hostname && !d.id.startsWith(d.hostname) && !d.pod) spec.hostname = d.hostname;

  // A container in a pod shares the pod's network and user namespace: those are the pod's settings.
  if (d.pod) spec.pod = d.pod;
  else {
    if (d.ports.length) spec.ports = d.ports.map((p) => ({ ...p }));
    if (d.userns && d.userns.kind !== 'host') spec.userns = { ...d.userns };
    const nm = d.networkMode;
    if (nm === 'host' || nm === 'none') spec.network = { kind: nm };
    else if (nm.startsWith('container:'))
      spec.network = { kind: 'container', id: nm.slice('container:'.length) };
    else if (nm === 'bridge' && d.networks.length)
      spec.network = { kind: 'bridge', networks: [...d.networks] };
    else if ((nm === 'slirp4netns' || nm === 'pasta') && nm !== facts.rootlessNetworkCmd)
      spec.network = { kind: nm };
  }
  // Inspect lists volumes before binds; by container path the form's order does not depend on that.
  const mounts: Mount[] = d.mounts
    .filter((m) => !(mode === 'copy' && m.type === 'volume' && isAnonymousVolume(m.name)))
    .map((m) => ({ ...m }))
    .sort((a, b) => a.target.localeCompare(b.target));
  if (mounts.length) spec.mounts = mounts;

  if (d.requestedLimits && Object.keys(d.requestedLimits).length) spec.limits = { ...d.requestedLimits };
  else {
    const limits: NonNullable<CreateContainerSpec['limits']> = {};
    if (d.enforcedLimits.memory) limits.memory = bytesText(d.enforcedLimits.memory);
    if (d.enforcedLimits.nanoCpus) limits.cpus = d.enforcedLimits.nanoCpus / 1e9;
    if (Object.keys(limits).length) spec.limits = limits;
  }

  // Capabilities: the form states them against Podman's defaults. The bounding set inspect reports is the truth;
  // without it, CapAdd/CapDrop are read against Docker's default set, as Podman 4.3 states them (Podman 5.4 leaves
  // CapDrop empty for its own smaller defaults). EffectiveCaps cannot tell: a non-root process holds none.
  const security: NonNullable<CreateContainerSpec['security']> = {};
  if (d.security.privileged) security.privileged = true;
  else {
    const bounding = new Set<string>(d.boundingCaps ?? DOCKER_DEFAULT_CAPS);
    if (!d.boundingCaps) {
      for (const c of d.security.capAdd ?? []) bounding.add(c);
      for (const c of d.security.capDrop ?? []) bounding.delete(c);
    }
    const defaults: readonly string[] = PODMAN_DEFAULT_CAPS;
    const added = [...bounding].filter((c) => !defaults.includes(c)).sort();
    const dropped = defaults.filter((c) => !bounding.has(c));
    // Mostly dropped reads better the way people write it: drop ALL, add back the few.
    if (dropped.length > defaults.length / 2) {
      security.capDrop = ['ALL'];
      if (bounding.size) security.capAdd = [...bounding].sort();
    } else {
      if (added.length) security.capAdd = added;
      if (dropped.length) security.capDrop = [...dropped];
    }
  }
  if (d.security.noNewPrivileges) security.noNewPrivileges = true;
  if (d.security.readOnlyRootfs) security.readOnlyRootfs = true;
  if (d.security.seccompProfile) security.seccompProfile = d.security.seccompProfile;
  if (d.security.runtime && d.security.runtime !== facts.ociRuntime) security.runtime = d.security.runtime;
  if (Object.keys(security).length) spec.security = security;

  if (d.restartPolicy !== 'no') spec.restartPolicy = d.restartPolicy;
  if (d.restartPolicy === 'on-failure' && d.restartRetries) spec.restartRetries = d.restartRetries;
  // Podman's own default (containers.conf stop_timeout) is 10 s.
  if (d.stopTimeout !== undefined && d.stopTimeout !== 10) spec.stopTimeout = d.stopTimeout;
  if (d.secrets?.length) spec.secrets = d.secrets.map((s) => ({ ...s }));
  if (d.autoRemove) spec.autoRemove = true;
  if (d.tty) spec.tty = true;
  if (d.stdin) spec.stdin = true;
  if (d.dns?.length) spec.dns = [...d.dns];
  const imageCheck = (image?.raw as { Config?: { Healthcheck?: { Test?: string[] } } } | undefined)?.Config
    ?.Healthcheck?.Test;
  if (d.healthcheck && !(imageCheck && same(imageCheck, d.healthcheck.test)))
    spec.healthcheck = { ...d.healthcheck, test: [...d.healthcheck.test] };
  return spec;
}

export interface SpecChange {
  /** Dotted field, as validation names it: "env", "limits.memory", "security.capAdd". */
  field: string;
  before: string;
  after: string;
}

function text(v: unknown): string {
  if (v === undefined) return '—';
  if (typeof v === 'string') return v;
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v.join(' ');
  if (v && typeof v === 'object' && 'kind' in v) {
    const k = v as { kind: string };
    if (['host', 'keep-id', 'nomap', 'auto'].includes(k.kind)) return formatUserns(v as never);
  }
  return JSON.stringify(v);
}

const GROUPED = ['limits', 'security', 'healthcheck'] as const;

/** JSON with object keys sorted and empty values dropped: the same settings compare equal however written. */
function canonical(v: unknown): string {
  const norm = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(norm);
    if (x && typeof x === 'object')
      return Object.fromEntries(
        Object.entries(x)
          .filter(([, y]) => y !== undefined && y !== '')
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([k, y]) => [k, norm(y)]),
      );
    return x;
  };
  const n = norm(v);
  const empty = n === undefined || n === '' || (Array.isArray(n) && n.length === 0);
  return empty ? 'null' : JSON.stringify(n);
}

/** What an edit changes, field by field (the groups limits, security and healthcheck one level deeper). */
export function specDiff(before: CreateContainerInput, after: CreateContainerInput): SpecChange[] {
  const out: SpecChange[] = [];
  const cmp = (field: string, a: unknown, b: unknown) => {
    if (canonical(a) !== canonical(b)) out.push({ field, before: text(a), after: text(b) });
  };
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]) as Set<keyof CreateContainerInput>;
  for (const k of keys) {
    if ((GROUPED as readonly string[]).includes(k)) {
      const a = (before[k] ?? {}) as Record<string, unknown>;
      const b = (after[k] ?? {}) as Record<string, unknown>;
      for (const sub of new Set([...Object.keys(a), ...Object.keys(b)])) cmp(`${k}.${sub}`, a[sub], b[sub]);
    } else cmp(k, before[k], after[k]);
  }
  return out.sort((x, y) => x.field.localeCompare(y.field));
}
