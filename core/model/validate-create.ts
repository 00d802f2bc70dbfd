// Validation of a create request before any engine call: a bad input gets `invalid_input` naming the field
// with a hint, and nothing is created. Structure first (zod, unknown input from IPC/HTTP), then meaning (sizes,
// ports, paths, names), then facts only the host or engine knows (through the injectable probe).
import { isIP } from 'node:net';
import { isAbsolute } from 'node:path';
import { z } from 'zod';
import { BurrowError, invalidInput } from '../errors.js';
import { parseBytes, parseCpuset } from './quantities.js';
import type { CreateContainerSpec } from './types.js';
import { parseUserns } from './userns.js';

export interface ValidationProbe {
  containerNameExists(name: string): Promise<boolean>;
  imageExists(ref: string): Promise<boolean>;
  networkExists(name: string): Promise<boolean>;
  volumeExists(name: string): Promise<boolean>;
  hostPathExists(path: string): Promise<boolean>;
  hostPortInUse(ip: string, port: number, proto: 'tcp' | 'udp'): Promise<boolean>;
  unprivilegedPortStart(): Promise<number | undefined>;
  readFile(path: string): Promise<string>;
}

const usernsSchema = z.union([
  z.strictObject({ kind: z.literal('host') }),
  z.strictObject({ kind: z.literal('keep-id'), uid: z.number().optional(), gid: z.number().optional() }),
  z.strictObject({ kind: z.literal('nomap') }),
  z.strictObject({ kind: z.literal('auto'), size: z.number().optional() }),
]);

const networkSchema = z.union([
  z.strictObject({ kind: z.literal('default') }),
  z.strictObject({ kind: z.literal('none') }),
  z.strictObject({ kind: z.literal('host') }),
  z.strictObject({ kind: z.literal('bridge'), networks: z.array(z.string()) }),
  z.strictObject({ kind: z.literal('container'), id: z.string() }),
  z.strictObject({ kind: z.literal('slirp4netns') }),
  z.strictObject({ kind: z.literal('pasta') }),
]);

const mountSchema = z.union([
  z.strictObject({
    type: z.literal('bind'),
    source: z.string(),
    target: z.string(),
    options: z.array(z.string()).optional(),
  }),
  z.strictObject({
    type: z.literal('volume'),
    name: z.string(),
    target: z.string(),
    readOnly: z.boolean().optional(),
  }),
  z.strictObject({
    type: z.literal('tmpfs'),
    target: z.string(),
    size: z.string().optional(),
    mode: z.string().optional(),
  }),
]);

export const createSpecSchema = z.strictObject({
  image: z.string(),
  name: z.string().optional(),
  command: z.array(z.string()).optional(),
  entrypoint: z.array(z.string()).optional(),
  env: z.array(z.string()).optional(),
  workdir: z.string().optional(),
  user: z.string().optional(),
  labels: z.record(z.string(), z.string()).optional(),
  hostname: z.string().optional(),
  ports: z
    .array(
      z.strictObject({
        hostIp: z.string().optional(),
        hostPort: z.number().optional(),
        containerPort: z.number(),
        protocol: z.enum(['tcp', 'udp']),
        range: z.number().optional(),
      }),
    )
    .optional(),
  mounts: z.array(mountSchema).optional(),
  userns: z.union([usernsSchema, z.string()]).optional(),
  network: networkSchema.optional(),
  limits: z
    .strictObject({
      memory: z.string().optional(),
      memorySwap: z.string().optional(),
      memoryReservation: z.string().optional(),
      cpus: z.number().optional(),
      cpuShares: z.number().optional(),
      cpusetCpus: z.string().optional(),
      pidsLimit: z.number().optional(),
      blkioWeight: z.number().optional(),
    })
    .optional(),
  security: z
    .strictObject({
      capAdd: z.array(z.string()).optional(),
      capDrop: z.array(z.string()).optional(),
      noNewPrivileges: z.boolean().optional(),
      readOnlyRootfs: z.boolean().optional(),
      seccompProfile: z.string().optional(),
      privileged: z.boolean().optional(),
      runtime: z.enum(['runc', 'crun']).optional(),
    })
    .optional(),
  restartPolicy: z.string().optional(),
  restartRetries: z.number().optional(),
  autoRemove: z.boolean().optional(),
  tty: z.boolean().optional(),
  stdin: z.boolean().optional(),
  dns: z.array(z.string()).optional(),
  healthcheck: z
    .strictObject({
      test: z.array(z.string()),
      intervalSeconds: z.number().optional(),
      timeoutSeconds: z.number().optional(),
      retries: z.number().optional(),
      startPeriodSeconds: z.number().optional(),
    })
    .optional(),
  pod: z.string().optional(),
});

/** zod issue path → Burrow field name: ['ports', 0, 'hostPort'] → 'ports[0].hostPort' */
export function fieldPath(path: readonly PropertyKey[]): string {
  let s = '';
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : s ? `.${String(p)}` : String(p);
  return s || 'spec';
}

/** The field a zod issue is about; an unknown key is named itself (a typo like "imagee" points at "imagee"). */
export function issueField(issue: z.core.$ZodIssue | undefined): string {
  const keys = issue && issue.code === 'unrecognized_keys' ? issue.keys.slice(0, 1) : [];
  return fieldPath([...(issue?.path ?? []), ...keys]);
}

export const CAPABILITIES = [
  'AUDIT_CONTROL',
  'AUDIT_READ',
  'AUDIT_WRITE',
  'BLOCK_SUSPEND',
  'BPF',
  'CHECKPOINT_RESTORE',
  'CHOWN',
  'DAC_OVERRIDE',
  'DAC_READ_SEARCH',
  'FOWNER',
  'FSETID',
  'IPC_LOCK',
  'IPC_OWNER',
  'KILL',
  'LEASE',
  'LINUX_IMMUTABLE',
  'MAC_ADMIN',
  'MAC_OVERRIDE',
  'MKNOD',
  'NET_ADMIN',
  'NET_BIND_SERVICE',
  'NET_BROADCAST',
  'NET_RAW',
  'PERFMON',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYSLOG',
  'SYS_ADMIN',
  'SYS_BOOT',
  'SYS_CHROOT',
  'SYS_MODULE',
  'SYS_NICE',
  'SYS_PACCT',
  'SYS_PTRACE',
  'SYS_RAWIO',
  'SYS_RESOURCE',
  'SYS_TIME',
  'SYS_TTY_CONFIG',
  'WAKE_ALARM',
] as const;

const NAME_RE = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;
const HOSTNAME_RE =
  /^(?=.{1,253}$)[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;
// Reference grammar (distribution/reference): [registry[:port]/]path[:tag][@digest], path lowercase.
const REF_RE =
  /^(?:(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[0-9a-fA-F:]+\])(?::\d+)?\/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[\w][\w.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$/;
const RESTART_POLICIES = ['no', 'always', 'on-failure', 'unless-stopped'];
const BIND_OPTIONS = ['ro', 'rw', 'z', 'Z', 'U', 'idmap'];

export function validateImageRef(ref: string, field = 'image'): string {
  const r = ref.trim();
  if (!r)
    throw invalidInput(
      field,
      'An image is required',
      'For example localhost/burrow-test/busybox:latest or docker.io/library/alpine:3.20',
    );
  if (r.length > 255 || !REF_RE.test(r)) {
    const hint = /[A-Z]/.test(r.split('/').slice(-1)[0]?.split(':')[0] ?? '')
      ? 'Repository names must be lowercase.'
      : 'An image reference looks like [registry/]name[:tag][@sha256:digest], e.g. docker.io/library/alpine:3.20.';
    throw invalidInput(field, `"${r}" is not a valid image reference`, hint);
  }
  return r;
}

export function validateContainerName(name: string, field = 'name'): string {
  if (name.length > 253) throw invalidInput(field, 'The name is longer than 253 characters');
  if (!NAME_RE.test(name)) {
    throw invalidInput(
      field,
      `"${name}" is not a valid name`,
      'Names start with a letter or digit and contain only letters, digits, "_", "." and "-" (no "/" or spaces).',
    );
  }
  return name;
}

function normCap(c: string, field: string): string {
  const u = c.trim().toUpperCase().replace(/^CAP_/, '');
  if (u === 'ALL') return 'ALL';
  if (!(CAPABILITIES as readonly string[]).includes(u)) {
    throw invalidInput(
      field,
      `Unknown capability "${c}"`,
      'Use names like NET_BIND_SERVICE or CHOWN (with or without CAP_), or ALL.',
    );
  }
  return u;
}

function checkPort(n: number, field: string, allowZero: boolean): void {
  if (!Number.isInteger(n) || n < (allowZero ? 0 : 1) || n > 65535) {
    throw invalidInput(
      field,
      `Port ${n} is out of range`,
      `Ports are whole numbers from ${allowZero ? 0 : 1} to 65535${allowZero ? ' (0 or empty: a random free port)' : ''}.`,
    );
  }
}

/** Validate unknown input into a normalised spec, or throw an `invalid_input` BurrowError. */
export async function validateCreateSpec(
  input: unknown,
  probe: ValidationProbe,
): Promise<CreateContainerSpec> {
  const parsed = createSpecSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issueField(issue);
    throw invalidInput(
      field,
      `${field}: ${issue?.message ?? 'invalid value'}`,
      'Check the type of this field (lists are arrays of strings, numbers are numbers).',
    );
  }
  const raw = parsed.data;
  const spec: CreateContainerSpec = { ...raw, image: validateImageRef(raw.image) } as CreateContainerSpec;
  if (typeof raw.userns === 'string') spec.userns = parseUserns(raw.userns);

  // --- basics ---------------------------------------------------------------------------------------------
  if (raw.name !== undefined) {
    spec.name = validateContainerName(raw.name.trim());
    if (await probe.containerNameExists(spec.name)) {
      throw new BurrowError({
        code: 'invalid_input',
        field: 'name',
        message: `A container named "${spec.name}" already exists`,
        hint: 'Pick another name, or remove the existing container.',
      });
    }
  }
  if (raw.command && raw.command.length > 0 && raw.command.every((c) => c === ''))
    throw invalidInput('command', 'The command is empty', 'Leave it out to use the image default.');
  for (const [i, e] of (raw.env ?? []).entries()) {
    const eq = e.indexOf('=');
    if (eq < 0) throw invalidInput(`env[${i}]`, `"${e}" has no "="`, 'Environment entries are KEY=value.');
    if (eq === 0)
      throw invalidInput(`env[${i}]`, `"${e}" has an empty name`, 'Environment entries are KEY=value.');
    if (/\s/.test(e.slice(0, eq)))
      throw invalidInput(
        `env[${i}]`,
        `"${e.slice(0, eq)}" contains whitespace`,
        'Variable names cannot contain spaces.',
      );
  }
  for (const k of Object.keys(raw.labels ?? {}))
    if (!k.trim())
      throw invalidInput('labels', 'A label has an empty key', 'Labels are key=value with a non-empty key.');
  if (raw.workdir !== undefined && raw.workdir !== '' && !raw.workdir.startsWith('/'))
    throw invalidInput(
      'workdir',
      `"${raw.workdir}" is not an absolute path`,
      'The working directory is a path inside the container starting with "/".',
    );
  if (raw.user !== undefined && raw.user !== '' && !/^[a-zA-Z0-9_.-]+(:[a-zA-Z0-9_.-]+)?$/.test(raw.user))
    throw invalidInput(
      'user',
      `"${raw.user}" is not a user`,
      'Use a name or uid, optionally with :group or :gid (1001:1001).',
    );
  if (raw.hostname !== undefined && raw.hostname !== '' && !HOSTNAME_RE.test(raw.hostname))
    throw invalidInput(
      'hostname',
      `"${raw.hostname}" is not a valid host name`,
      'Letters, digits and "-", dot-separated, at most 63 characters per label.',
    );

  // --- ports ---------------------------------------------------------------------------------------------
  const network = raw.network;
  if (network?.kind === 'host' && raw.ports?.length)
    throw invalidInput(
      'ports',
      'Ports cannot be published with host networking',
      'With host networking the container already uses the host’s ports; remove the port mappings or choose another network.',
    );
  if ((network?.kind === 'none' || network?.kind === 'container') && raw.ports?.length)
    throw invalidInput(
      'ports',
      `Ports cannot be published with network "${network.kind}"`,
      'Use the default network (or a bridge network) to publish ports.',
    );
  const seen = new Set<string>();
  let portStart: number | undefined | null = null;
  for (const [i, p] of (raw.ports ?? []).entries()) {
    checkPort(p.containerPort, `ports[${i}].containerPort`, false);
    if (p.hostPort !== undefined) checkPort(p.hostPort, `ports[${i}].hostPort`, true);
    if (
      p.range !== undefined &&
      (!Number.isInteger(p.range) || p.range < 1 || p.containerPort + p.range - 1 > 65535)
    )
      throw invalidInput(
        `ports[${i}].range`,
        `Range ${p.range} is invalid`,
        'A range is a count ≥ 1 that stays within 65535.',
      );
    if (p.hostIp !== undefined && p.hostIp !== '' && !isIP(p.hostIp))
      throw invalidInput(
        `ports[${i}].hostIp`,
        `"${p.hostIp}" is not an IP address`,
        'Use 127.0.0.1 for this machine only, or leave it empty for all addresses.',
      );
    if (p.hostPort) {
      const key = `${p.hostIp || '*'}:${p.hostPort}/${p.protocol}`;
      if (seen.has(key))
        throw invalidInput(
          `ports[${i}].hostPort`,
          `Host port ${p.hostPort}/${p.protocol} is published twice`,
          'Each host port can be bound once.',
        );
      seen.add(key);
      if (portStart === null) portStart = await probe.unprivilegedPortStart();
      if (portStart !== undefined && p.hostPort < portStart) {
        throw invalidInput(
          `ports[${i}].hostPort`,
          `Host port ${p.hostPort} is below ${portStart}, which rootless containers cannot bind`,
          `Use a port ≥ ${portStart}, or as root: sysctl -w net.ipv4.ip_unprivileged_port_start=${p.hostPort}`,
        );
      }
      if (await probe.hostPortInUse(p.hostIp || '0.0.0.0', p.hostPort, p.protocol)) {
        throw invalidInput(
          `ports[${i}].hostPort`,
          `Host port ${p.hostPort}/${p.protocol} is already in use`,
          'Choose another port, or leave the host port empty for a random free one.',
        );
      }
    }
  }

  // --- storage --------------------------------------------------------------------------------------------
  const targets = new Set<string>();
  for (const [i, m] of (raw.mounts ?? []).entries()) {
    const f = `mounts[${i}]`;
    if (!m.target.startsWith('/'))
      throw invalidInput(
        `${f}.target`,
        `"${m.target}" is not an absolute path`,
        'The container path must start with "/".',
      );
    if (targets.has(m.target))
      throw invalidInput(
        `${f}.target`,
        `Two mounts target ${m.target}`,
        'Each container path can be mounted once.',
      );
    targets.add(m.target);
    if (m.type === 'bind') {
      if (!isAbsolute(m.source))
        throw invalidInput(
          `${f}.source`,
          `"${m.source}" is not an absolute host path`,
          'Host paths start with "/" (relative paths are ambiguous for a service).',
        );
      const opts = m.options ?? [];
      for (const o of opts)
        if (!BIND_OPTIONS.includes(o))
          throw invalidInput(
            `${f}.options`,
            `Unknown bind option "${o}"`,
            'Options are ro, rw, z, Z, U and idmap.',
          );
      if (opts.includes('ro') && opts.includes('rw'))
        throw invalidInput(`${f}.options`, '"ro" and "rw" together', 'Choose one.');
      if (opts.includes('z') && opts.includes('Z'))
        throw invalidInput(
          `${f}.options`,
          '"z" and "Z" together',
          'z shares the SELinux label between containers, Z makes it private: choose one.',
        );
      if (!(await probe.hostPathExists(m.source)))
        throw invalidInput(
          `${f}.source`,
          `${m.source} does not exist on the host`,
          'Create the directory first (Podman would create it owned by you, which hides permission mistakes).',
        );
    } else if (m.type === 'volume') {
      if (!NAME_RE.test(m.name))
        throw invalidInput(
          `${f}.name`,
          `"${m.name}" is not a valid volume name`,
          'Letters, digits, "_", "." and "-", starting with a letter or digit.',
        );
    } else if (m.size !== undefined && parseBytes(m.size) === undefined) {
      throw invalidInput(
        `${f}.size`,
        `"${m.size}" is not a size`,
        'Use a number with an optional unit: 64m, 1g.',
      );
    } else if (m.mode !== undefined && !/^[0-7]{3,4}$/.test(m.mode)) {
      throw invalidInput(`${f}.mode`, `"${m.mode}" is not an octal mode`, 'For example 1777 or 0755.');
    }
  }

  // --- user namespace -------------------------------------------------------------------------------------
  if (spec.userns && raw.pod && spec.userns.kind !== 'host')
    throw invalidInput(
      'userns',
      'A container in a pod shares the pod’s user namespace',
      'Set the user namespace on the pod instead.',
    );
  if (spec.userns?.kind === 'keep-id') {
    for (const k of ['uid', 'gid'] as const) {
      const v = spec.userns[k];
      if (v !== undefined && (!Number.isInteger(v) || v < 0))
        throw invalidInput(
          'userns',
          `keep-id ${k} must be a non-negative integer`,
          'For example keep-id:uid=1001,gid=1001.',
        );
    }
  }

  // --- network --------------------------------------------------------------------------------------------
  if (network?.kind === 'container' && !network.id.trim())
    throw invalidInput(
      'network',
      'container: network mode needs a container',
      'Pick the container whose network to share.',
    );
  if (network?.kind === 'bridge') {
    if (network.networks.length === 0)
      throw invalidInput('network', 'Pick at least one network', 'Or use the default network.');
    for (const n of network.networks) {
      if (!NAME_RE.test(n))
        throw invalidInput(
          'network',
          `"${n}" is not a valid network name`,
          'Letters, digits, "_", "." and "-".',
        );
      if (!(await probe.networkExists(n)))
        throw invalidInput(
          'network',
          `Network "${n}" does not exist`,
          'Create it first (Networks → Create).',
        );
    }
  }
  for (const [i, d] of (raw.dns ?? []).entries())
    if (!isIP(d))
      throw invalidInput(
        `dns[${i}]`,
        `"${d}" is not an IP address`,
        'DNS servers are IP addresses like 1.1.1.1.',
      );

  // --- resources ------------------------------------------------------------------------------------------
  const l = raw.limits;
  if (l) {
    let mem: number | undefined;
    if (l.memory !== undefined && l.memory !== '') {
      mem = parseBytes(l.memory);
      if (mem === undefined)
        throw invalidInput(
          'limits.memory',
          `"${l.memory}" is not a memory size`,
          'Use a number with b, k, m or g: 512m, 1g.',
        );
      if (mem < 6 * 1024 * 1024)
        throw invalidInput('limits.memory', 'The memory limit is below 6 MiB', 'Podman needs at least 6m.');
    }
    if (l.memorySwap !== undefined && l.memorySwap !== '' && l.memorySwap !== '-1') {
      const sw = parseBytes(l.memorySwap);
      if (sw === undefined)
        throw invalidInput(
          'limits.memorySwap',
          `"${l.memorySwap}" is not a memory size`,
          'Use a size like 1g, or -1 for unlimited swap.',
        );
      if (mem === undefined)
        throw invalidInput(
          'limits.memorySwap',
          'memory+swap needs a memory limit too',
          'Set the memory limit first.',
        );
      if (sw < mem)
        throw invalidInput(
          'limits.memorySwap',
          'memory+swap is smaller than memory',
          'memory+swap counts memory plus swap, so it must be ≥ the memory limit.',
        );
    }
    if (l.memoryReservation !== undefined && l.memoryReservation !== '') {
      const r = parseBytes(l.memoryReservation);
      if (r === undefined)
        throw invalidInput(
          'limits.memoryReservation',
          `"${l.memoryReservation}" is not a memory size`,
          'Use a size like 256m.',
        );
      if (mem !== undefined && r > mem)
        throw invalidInput(
          'limits.memoryReservation',
          'The reservation is above the memory limit',
          'A soft limit must be below the hard limit.',
        );
    }
    if (l.cpus !== undefined && (!Number.isFinite(l.cpus) || l.cpus <= 0 || l.cpus > 1024))
      throw invalidInput(
        'limits.cpus',
        `${l.cpus} CPUs is not possible`,
        'Use a positive number such as 0.5 or 2.',
      );
    if (
      l.cpuShares !== undefined &&
      (!Number.isInteger(l.cpuShares) || l.cpuShares < 2 || l.cpuShares > 262144)
    )
      throw invalidInput(
        'limits.cpuShares',
        `CPU shares ${l.cpuShares} is out of range`,
        'Shares are whole numbers from 2 to 262144 (default 1024).',
      );
    if (l.cpusetCpus !== undefined && l.cpusetCpus !== '' && !parseCpuset(l.cpusetCpus))
      throw invalidInput('limits.cpusetCpus', `"${l.cpusetCpus}" is not a CPU list`, 'For example 0-1,3.');
    if (
      l.pidsLimit !== undefined &&
      (!Number.isInteger(l.pidsLimit) || (l.pidsLimit < 1 && l.pidsLimit !== -1) || l.pidsLimit === 0)
    )
      throw invalidInput(
        'limits.pidsLimit',
        `${l.pidsLimit} is not a pids limit`,
        'Use a positive whole number, or -1 for unlimited.',
      );
    if (
      l.blkioWeight !== undefined &&
      (!Number.isInteger(l.blkioWeight) || l.blkioWeight < 10 || l.blkioWeight > 1000)
    )
      throw invalidInput(
        'limits.blkioWeight',
        `Block I/O weight ${l.blkioWeight} is out of range`,
        'The weight is a whole number from 10 to 1000.',
      );
  }

  // --- security -------------------------------------------------------------------------------------------
  const s = raw.security;
  if (s) {
    spec.security = { ...s };
    if (s.capAdd) spec.security.capAdd = s.capAdd.map((c, i) => normCap(c, `security.capAdd[${i}]`));
    if (s.capDrop) spec.security.capDrop = s.capDrop.map((c, i) => normCap(c, `security.capDrop[${i}]`));
    if (s.seccompProfile !== undefined && s.seccompProfile !== '' && s.seccompProfile !== 'unconfined') {
      if (!isAbsolute(s.seccompProfile))
        throw invalidInput(
          'security.seccompProfile',
          `"${s.seccompProfile}" is not an absolute path`,
          'Give the full path of a seccomp JSON profile, or "unconfined".',
        );
      let text: string;
      try {
        text = await probe.readFile(s.seccompProfile);
      } catch {
        throw invalidInput(
          'security.seccompProfile',
          `Cannot read ${s.seccompProfile}`,
          'Check that the file exists and is readable by you.',
        );
      }
      let profile: unknown;
      try {
        profile = JSON.parse(text);
      } catch {
        throw invalidInput(
          'security.seccompProfile',
          `${s.seccompProfile} is not valid JSON`,
          'A seccomp profile is a JSON document with "defaultAction" and "syscalls".',
        );
      }
      if (
        !profile ||
        typeof profile !== 'object' ||
        typeof (profile as { defaultAction?: unknown }).defaultAction !== 'string'
      ) {
        throw invalidInput(
          'security.seccompProfile',
          `${s.seccompProfile} has no "defaultAction"`,
          'A seccomp profile needs "defaultAction", e.g. "SCMP_ACT_ERRNO".',
        );
      }
    }
  }

  // --- lifecycle ------------------------------------------------------------------------------------------
  if (raw.restartPolicy !== undefined && !RESTART_POLICIES.includes(raw.restartPolicy))
    throw invalidInput(
      'restartPolicy',
      `Unknown restart policy "${raw.restartPolicy}"`,
      'Use no, always, on-failure or unless-stopped.',
    );
  if (raw.restartRetries !== undefined) {
    if (raw.restartPolicy !== 'on-failure')
      throw invalidInput(
        'restartRetries',
        'Retries only apply to the on-failure policy',
        'Set the restart policy to on-failure, or remove the retry count.',
      );
    if (!Number.isInteger(raw.restartRetries) || raw.restartRetries < 0)
      throw invalidInput(
        'restartRetries',
        `${raw.restartRetries} is not a retry count`,
        'Use a whole number ≥ 0.',
      );
  }
  if (raw.autoRemove && raw.restartPolicy && raw.restartPolicy !== 'no')
    throw invalidInput(
      'autoRemove',
      'A container removed on exit cannot also be restarted',
      'Turn off auto-remove or set the restart policy to no.',
    );
  const hc = raw.healthcheck;
  if (hc) {
    if (hc.test.length === 0 || !['CMD', 'CMD-SHELL', 'NONE'].includes(hc.test[0] ?? ''))
      throw invalidInput(
        'healthcheck.test',
        'The health check must start with CMD, CMD-SHELL or NONE',
        'For example ["CMD-SHELL", "wget -q -O- localhost:8080"].',
      );
    for (const k of ['intervalSeconds', 'timeoutSeconds', 'startPeriodSeconds', 'retries'] as const) {
      const v = hc[k];
      if (v !== undefined && (!Number.isFinite(v) || v < 0))
        throw invalidInput(`healthcheck.${k}`, `${v} is negative`, 'Durations and retries are ≥ 0.');
    }
  }
  return spec;
}
