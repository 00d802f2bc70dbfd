// From what the user typed to core's create spec: toSpec reads the form (with the problems only the form can see:
// a shell operator in the command, text where a number goes), check adds core's own schema, and previewSpec is
// the part the live preview may read. Pure: no React, no DOM.
import type { BurrowErrorData, BurrowIssue } from '../../../../electron/contract/index.js';
import { parseCommandLine } from '../../../../core/model/command-line.js';
import { checkCreateSpec, createFieldHint } from '../../../../core/model/create-spec.js';
import type {
  CreateContainerInput,
  NetworkMode,
  PortMapping,
  UsernsMode,
} from '../../../../core/model/types.js';
import { list, lines, type FormState, type MountRow, type PortRow } from './form-model.js';
/** Problems found while reading the form, each at core's field name so they show where core's would. */
class Problems {
  readonly issues: BurrowIssue[] = [];

  add(field: string, message: string, hint = createFieldHint(field)): void {
    this.issues.push({ field, message, ...(hint ? { hint } : {}) });
  }

  /** A number as typed: undefined when empty; text that is not a number is a problem at `field`. */
  number(text: string, field: string, what = 'a number'): number | undefined {
    const t = text.trim();
    if (t === '') return undefined;
    if (/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(t)) return Number(t);
    this.add(field, `"${t}" is not ${what}`);
    return undefined;
  }

  command(text: string, field: 'command' | 'entrypoint' | 'healthcheck'): string[] | undefined {
    if (!text.trim()) return undefined;
    const parsed = parseCommandLine(text);
    if (parsed.ok) return parsed.words;
    this.add(field, parsed.message, parsed.hint);
    return undefined;
  }
}

function usernsOf(f: FormState, p: Problems): UsernsMode | undefined {
  switch (f.usernsKind) {
    case 'host':
      return undefined;
    case 'nomap':
      return { kind: 'nomap' };
    case 'auto': {
      const size = p.number(f.autoSize, 'userns', 'a size');
      return { kind: 'auto', ...(size !== undefined ? { size } : {}) };
    }
    case 'keep-id':
      return { kind: 'keep-id' };
    case 'keep-id-ids': {
      const uid = p.number(f.keepUid, 'userns', 'a uid');
      const gid = p.number(f.keepGid, 'userns', 'a gid');
      return {
        kind: 'keep-id',
        ...(uid !== undefined ? { uid } : {}),
        ...(gid !== undefined ? { gid } : {}),
      };
    }
  }
}

function networkOf(f: FormState): NetworkMode | undefined {
  if (f.network === 'default') return undefined;
  if (f.network === 'bridge') return { kind: 'bridge', networks: list(f.networks) };
  if (f.network === 'container') return { kind: 'container', id: f.networkContainer.trim() };
  return { kind: f.network };
}

function healthOf(f: FormState, p: Problems): CreateContainerInput['healthcheck'] {
  if (f.hcKind === 'none') return undefined;
  const args = f.hcKind === 'CMD-SHELL' ? [f.hcCommand] : (p.command(f.hcCommand, 'healthcheck') ?? []);
  return {
    test: [f.hcKind, ...args],
    ...compact({
      intervalSeconds: p.number(f.hcInterval, 'healthcheck.intervalSeconds', 'a number of seconds'),
      timeoutSeconds: p.number(f.hcTimeout, 'healthcheck.timeoutSeconds', 'a number of seconds'),
      retries: p.number(f.hcRetries, 'healthcheck.retries'),
      startPeriodSeconds: p.number(f.hcStartPeriod, 'healthcheck.startPeriodSeconds', 'a number of seconds'),
      onFailure: f.hcOnFailure || undefined,
    }),
  };
}

function portOf(r: PortRow, i: number, p: Problems): PortMapping {
  const field = `ports[${i}]`;
  const containerPort = p.number(r.containerPort, `${field}.containerPort`);
  if (!r.containerPort.trim()) p.add(`${field}.containerPort`, 'The container port is empty');
  const hostPort = p.number(r.hostPort, `${field}.hostPort`);
  return {
    containerPort: containerPort ?? 0,
    protocol: r.protocol,
    ...(hostPort !== undefined ? { hostPort } : {}),
    ...(r.hostIp ? { hostIp: r.hostIp } : {}),
  };
}

type MountInput = NonNullable<CreateContainerInput['mounts']>[number];

function mountOf(m: MountRow): MountInput {
  switch (m.type) {
    case 'bind':
      return {
        type: 'bind',
        source: m.source,
        target: m.target,
        ...(m.options ? { options: list(m.options) } : {}),
      };
    case 'volume':
      return {
        type: 'volume',
        name: m.source,
        target: m.target,
        ...(list(m.options).includes('ro') ? { readOnly: true } : {}),
      };
    case 'tmpfs':
      return { type: 'tmpfs', target: m.target, ...(m.source ? { size: m.source } : {}) };
  }
}

/** Drop empty parts, so the spec says only what the user set. */
function compact<T extends object>(o: T): Partial<T> | undefined {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(o) as [keyof T, T[keyof T]][])
    if (v !== undefined && v !== '') out[k] = v;
  return Object.keys(out).length ? out : undefined;
}

/**
 * The form as core's create spec, and the problems found reading it. A field with a problem is left out (or, where
 * the spec needs it, given a placeholder that `check` ignores), so the rest can still be checked.
 */
export function toSpec(f: FormState): { spec: CreateContainerInput; issues: BurrowIssue[] } {
  const p = new Problems();
  const labels: Record<string, string> = {};
  for (const l of lines(f.labels)) {
    const i = l.indexOf('=');
    labels[i < 0 ? l : l.slice(0, i)] = i < 0 ? '' : l.slice(i + 1);
  }
  const spec = compact({
    name: f.name.trim(),
    command: p.command(f.command, 'command'),
    entrypoint: p.command(f.entrypoint, 'entrypoint'),
    env: lines(f.env).length ? lines(f.env) : undefined,
    workdir: f.workdir,
    user: f.user,
    labels: Object.keys(labels).length ? labels : undefined,
    hostname: f.hostname,
    ports: f.ports.length ? f.ports.map((r, i) => portOf(r, i, p)) : undefined,
    mounts: f.mounts.length ? f.mounts.map(mountOf) : undefined,
    secrets: f.secrets.length
      ? f.secrets.map((r) => ({
          name: r.name.trim(),
          as: r.as,
          ...(r.target.trim() ? { target: r.target.trim() } : {}),
        }))
      : undefined,
    userns: usernsOf(f, p),
    network: networkOf(f),
    limits: compact({
      memory: f.memory,
      memorySwap: f.memorySwap,
      memoryReservation: f.memoryReservation,
      cpus: p.number(f.cpus, 'limits.cpus'),
      cpuShares: p.number(f.cpuShares, 'limits.cpuShares'),
      cpusetCpus: f.cpuset,
      pidsLimit: p.number(f.pidsLimit, 'limits.pidsLimit'),
      blkioWeight: p.number(f.blkioWeight, 'limits.blkioWeight'),
    }),
    security: compact({
      capAdd: list(f.capAdd).length ? list(f.capAdd) : undefined,
      capDrop: list(f.capDrop).length ? list(f.capDrop) : undefined,
      noNewPrivileges: f.noNewPrivileges || undefined,
      readOnlyRootfs: f.readOnlyRootfs || undefined,
      seccompProfile: f.seccomp,
      privileged: f.privileged || undefined,
      runtime: f.runtime || undefined,
    }),
    restartPolicy: f.restartPolicy !== 'no' ? f.restartPolicy : undefined,
    stopTimeout: p.number(f.stopTimeout, 'stopTimeout', 'a number of seconds'),
    restartRetries: p.number(f.restartRetries, 'restartRetries', 'a number of retries'),
    healthcheck: healthOf(f, p),
    pod: f.pod.trim(),
    autoRemove: f.autoRemove || undefined,
    tty: f.tty || undefined,
    stdin: f.stdin || undefined,
    dns: list(f.dns).length ? list(f.dns) : undefined,
  });
  return { spec: { image: f.image.trim(), ...spec }, issues: p.issues };
}

/**
 * Every problem the form can know before sending: its own, then core's schema on the rest (a field the form
 * already faulted is not faulted twice). Empty means the spec can go to the engine.
 */
export function check(f: FormState): { spec: CreateContainerInput; issues: BurrowIssue[] } {
  const { spec, issues } = toSpec(f);
  const checked = checkCreateSpec(spec);
  const more = checked.ok ? [] : checked.issues.filter((i) => !issues.some((o) => within(i.field, o.field)));
  return { spec, issues: [...issues, ...more] };
}

/** Is `field` the field `owner` or inside it ('userns.uid' is within 'userns')? */
const within = (field: string, owner: string) =>
  field === owner || field.startsWith(`${owner}.`) || field.startsWith(`${owner}[`);

/** Core's error as the list of problems to show: every issue it collected, or the one it names. */
export function issuesOf(e: BurrowErrorData): BurrowIssue[] {
  if (e.issues?.length) return e.issues;
  return [{ field: e.field ?? '', message: e.message, ...(e.hint ? { hint: e.hint } : {}) }];
}

/** The part of the spec the live preview reads, when the form has no problem in it. */
export function previewSpec(
  spec: CreateContainerInput,
  issues: BurrowIssue[],
): CreateContainerInput | undefined {
  const parts = ['image', 'user', 'userns', 'mounts', 'security'];
  if (!spec.image || issues.some((i) => parts.some((part) => within(i.field, part)))) return undefined;
  const { image, user, userns, mounts, security } = spec;
  return { image, ...compact({ user, userns, mounts, security }) };
}
