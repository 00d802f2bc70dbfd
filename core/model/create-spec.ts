// The create spec, defined once: what a caller sends (`CreateContainerInput`, z.input) and the normalised spec
// Burrow works with after validation (`CreateContainerSpec`, z.output: a userns string has become a UsernsMode,
// capabilities are canonical, image and name trimmed). Every rule that needs no host or engine lives here, each
// with its hint; zod collects every problem, not only the first. Facts only the host or engine knows (the name is
// taken, the port is in use, the path is missing) are the async pass in validate-create.ts.
// Node-free: the renderer runs this schema on the create form before it sends anything.
import { z } from 'zod';
import { BurrowError } from '../errors.js';
import { parseBytes, parseCpuset } from './quantities.js';
import type { BurrowIssue } from '../errors.js';
import { declaredHint, hinted, problem, says, whenSound, zodIssues } from './schema-issues.js';
import { parseUserns } from './userns.js';
import { CONTROL_CHAR_HINT, describeChar, firstControlChar } from './control-chars.js';

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

export const RESTART_POLICIES = ['no', 'always', 'on-failure', 'unless-stopped'] as const;
export const BIND_OPTIONS = ['ro', 'rw', 'z', 'Z', 'U', 'idmap'] as const;

export const NAME_RE = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;
const HOSTNAME_RE =
  /^(?=.{1,253}$)[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;
// Reference grammar (distribution/reference): [registry[:port]/]path[:tag][@digest], path lowercase.
const REF_RE =
  /^(?:(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[0-9a-fA-F:]+\])(?::\d+)?\/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[\w][\w.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$/;

const ipAddress = z.union([z.ipv4(), z.ipv6()]);
export const isIP = (s: string): boolean => ipAddress.safeParse(s).success;
/** Host paths are the engine host's, which is Linux: absolute means a leading "/". */
const isAbsolute = (s: string): boolean => s.startsWith('/');

/** The message of a built-in check (int, min, max, enum) from the value it refused. */
const msg = (f: (input: unknown) => string) => ({ error: (iss: { input?: unknown }) => f(iss.input) });

/** A text field with one rule: `ok`, or `message` with `hint`. */
const text = (ok: (s: string) => boolean, message: (s: string) => string, hint: string) =>
  z.string().refine(ok, says(message, hint));

/** An argument for a process (command, entrypoint, a health check): any text but control characters. Tabs and
 * newlines stay allowed: a multi-line `sh -c` script is an ordinary argument. */
const arg = z.string().superRefine((a, ctx) => {
  const bad = firstControlChar(a, { multiline: true });
  if (bad)
    problem(ctx, `The argument contains the control character ${describeChar(bad)}`, CONTROL_CHAR_HINT);
});

/** A path: absolute, on one line, printable. */
const path = (message: (s: string) => string, hint: string, allow?: (s: string) => boolean) =>
  z.string().superRefine((p, ctx) => {
    if (allow?.(p)) return;
    const bad = firstControlChar(p);
    if (bad) problem(ctx, `The path contains the control character ${describeChar(bad)}`, CONTROL_CHAR_HINT);
    else if (!isAbsolute(p)) problem(ctx, message(p), hint);
  });

/** A pod or container reference: a name or an id. */
const REF_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;

/**
 * A number checked by zod's own `.int()`, `.positive()`, `.min()`, `.max()` (and `ok` for what they cannot say), one
 * message for all of them ("{}" is the value) and the field's hint.
 */
const number = (
  o: { int?: boolean; positive?: boolean; min?: number; max?: number; ok?: (n: number) => boolean },
  message: string,
  hint: string,
) => {
  const m = msg((n) => message.replace('{}', String(n)));
  let n = z.number();
  if (o.int) n = n.int(m);
  if (o.positive) n = n.positive(m);
  if (o.min !== undefined) n = n.min(o.min, m);
  if (o.max !== undefined) n = n.max(o.max, m);
  return hinted(o.ok ? n.refine(o.ok, m) : n, hint);
};

// --- basics ---------------------------------------------------------------------------------------------------

export const imageRefSchema = z
  .string()
  .trim()
  .superRefine((r, ctx) => {
    if (!r)
      return problem(
        ctx,
        'An image is required',
        'For example localhost/burrow-test/busybox:latest or docker.io/library/alpine:3.20',
      );
    if (r.length <= 255 && REF_RE.test(r)) return;
    const repo = r.split('/').slice(-1)[0]?.split(':')[0] ?? '';
    problem(
      ctx,
      `"${r}" is not a valid image reference`,
      /[A-Z]/.test(repo)
        ? 'Repository names must be lowercase.'
        : 'An image reference looks like [registry/]name[:tag][@sha256:digest], e.g. docker.io/library/alpine:3.20.',
    );
  });

const nameSchema = z
  .string()
  .trim()
  .superRefine((name, ctx) => {
    if (name.length > 253)
      problem(ctx, 'The name is longer than 253 characters', 'Names are at most 253 characters long.');
    else if (!NAME_RE.test(name))
      problem(
        ctx,
        `"${name}" is not a valid name`,
        'Names start with a letter or digit and contain only letters, digits, "_", "." and "-" (no "/" or spaces).',
      );
  });

const envEntry = z.string().superRefine((e, ctx) => {
  const eq = e.indexOf('=');
  const bad =
    firstControlChar(e.slice(0, Math.max(eq, 0))) ?? firstControlChar(e.slice(eq + 1), { multiline: true });
  if (eq < 0) problem(ctx, `"${e}" has no "="`, 'Environment entries are KEY=value.');
  else if (eq === 0) problem(ctx, `"${e}" has an empty name`, 'Environment entries are KEY=value.');
  else if (bad)
    problem(ctx, `The entry contains the control character ${describeChar(bad)}`, CONTROL_CHAR_HINT);
  else if (/\s/.test(e.slice(0, eq)))
    problem(ctx, `"${e.slice(0, eq)}" contains whitespace`, 'Variable names cannot contain spaces.');
});

// --- ports ----------------------------------------------------------------------------------------------------

const port = (min: 0 | 1) =>
  number(
    { int: true, min, max: 65535 },
    'Port {} is out of range',
    `Ports are whole numbers from ${min} to 65535${min === 0 ? ' (0 or empty: a random free port)' : ''}.`,
  );
const RANGE_HINT = 'A range is a count ≥ 1 that stays within 65535.';

const portSchema = z
  .strictObject({
    /** Host address to bind; empty or undefined means all addresses. */
    hostIp: text(
      (ip) => ip === '' || isIP(ip),
      (ip) => `"${ip}" is not an IP address`,
      'Use 127.0.0.1 for this machine only, or leave it empty for all addresses.',
    ).optional(),
    /** Host port; 0 or undefined means a random free port. */
    hostPort: port(0).optional(),
    containerPort: port(1),
    protocol: hinted(
      z.enum(
        ['tcp', 'udp'],
        msg((p) => `Unknown protocol "${p}"`),
      ),
      'Use tcp or udp.',
    ),
    /** Publish a contiguous range of this many ports (default 1). */
    range: number({ int: true, min: 1 }, 'Range {} is invalid', RANGE_HINT).optional(),
  })
  .superRefine((p, ctx) => {
    if (p.range !== undefined && p.containerPort + p.range - 1 > 65535)
      problem(ctx, `Range ${p.range} is invalid`, RANGE_HINT, 'range');
  });

const portsSchema = z.array(portSchema).superRefine((ports, ctx) => {
  const seen = new Set<string>();
  for (const [i, p] of ports.entries()) {
    if (!p.hostPort) continue;
    const key = `${p.hostIp || '*'}:${p.hostPort}/${p.protocol}`;
    if (seen.has(key))
      problem(
        ctx,
        `Host port ${p.hostPort}/${p.protocol} is published twice`,
        'Each host port can be bound once.',
        i,
        'hostPort',
      );
    seen.add(key);
  }
});

// --- storage --------------------------------------------------------------------------------------------------

const containerPath = path(
  (t) => `"${t}" is not an absolute path`,
  'The container path must start with "/".',
);

const bindOptions = z
  .array(z.string())
  .superRefine((opts, ctx) => {
    for (const o of opts)
      if (!(BIND_OPTIONS as readonly string[]).includes(o))
        problem(ctx, `Unknown bind option "${o}"`, 'Options are ro, rw, z, Z, U and idmap.');
    if (opts.includes('ro') && opts.includes('rw')) problem(ctx, '"ro" and "rw" together', 'Choose one.');
    if (opts.includes('z') && opts.includes('Z'))
      problem(
        ctx,
        '"z" and "Z" together',
        'z shares the SELinux label between containers, Z makes it private: choose one.',
      );
  })
  // Reached only when every option above was known, so the spec's type can say which they are.
  .pipe(z.array(z.enum(BIND_OPTIONS)));

const mountSchema = hinted(
  z.discriminatedUnion(
    'type',
    [
      z.strictObject({
        type: z.literal('bind'),
        source: path(
          (s) => `"${s}" is not an absolute host path`,
          'Host paths start with "/" (relative paths are ambiguous for a service).',
        ),
        target: containerPath,
        options: bindOptions.optional(),
      }),
      z.strictObject({
        type: z.literal('volume'),
        name: text(
          (n) => NAME_RE.test(n),
          (n) => `"${n}" is not a valid volume name`,
          'Letters, digits, "_", "." and "-", starting with a letter or digit.',
        ),
        target: containerPath,
        readOnly: z.boolean().optional(),
      }),
      z.strictObject({
        type: z.literal('tmpfs'),
        target: containerPath,
        size: text(
          (s) => parseBytes(s) !== undefined,
          (s) => `"${s}" is not a size`,
          'Use a number with an optional unit: 64m, 1g.',
        ).optional(),
        mode: text(
          (m) => /^[0-7]{3,4}$/.test(m),
          (m) => `"${m}" is not an octal mode`,
          'For example 1777 or 0755.',
        ).optional(),
      }),
    ],
    msg(() => 'Unknown mount type'),
  ),
  'A mount is a bind mount, a volume or a tmpfs.',
);

const mountsSchema = z.array(mountSchema).superRefine((mounts, ctx) => {
  const targets = new Set<string>();
  for (const [i, m] of mounts.entries()) {
    if (targets.has(m.target))
      problem(ctx, `Two mounts target ${m.target}`, 'Each container path can be mounted once.', i, 'target');
    targets.add(m.target);
  }
});

// --- user namespace and network -------------------------------------------------------------------------------

const USERNS_HINT = 'Use host, keep-id, keep-id:uid=1001,gid=1001, nomap, or auto[:size=N].';
const keepId = (key: 'uid' | 'gid') =>
  number(
    { int: true, min: 0, max: 4294967294 },
    `keep-id ${key} must be a non-negative integer`,
    'For example keep-id:uid=1001,gid=1001.',
  );

/** User namespace mode of a container. Podman's strings are parsed/formatted in model/userns.ts. */
export const usernsModeSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('host') }),
  z.strictObject({
    kind: z.literal('keep-id'),
    uid: keepId('uid').optional(),
    gid: keepId('gid').optional(),
  }),
  z.strictObject({ kind: z.literal('nomap') }),
  z.strictObject({ kind: z.literal('auto'), size: z.number().int().positive().optional() }),
]);

/** A mode as Podman spells it ("keep-id:uid=1001") or as Burrow models it; always a UsernsMode afterwards. */
const usernsSchema = hinted(
  z
    .union(
      [z.string(), usernsModeSchema],
      msg(() => 'Not a user namespace mode'),
    )
    .transform((v, ctx) => {
      if (typeof v !== 'string') return v;
      try {
        return parseUserns(v);
      } catch (e) {
        if (!(e instanceof BurrowError)) throw e;
        problem(ctx, e.message, e.hint ?? USERNS_HINT);
        return z.NEVER;
      }
    }),
  USERNS_HINT,
);

const networkSchema = hinted(
  z.discriminatedUnion(
    'kind',
    [
      z.strictObject({ kind: z.literal('default') }),
      z.strictObject({ kind: z.literal('none') }),
      z.strictObject({ kind: z.literal('host') }),
      z.strictObject({ kind: z.literal('bridge'), networks: z.array(z.string()) }),
      z.strictObject({ kind: z.literal('container'), id: z.string() }),
      z.strictObject({ kind: z.literal('slirp4netns') }),
      z.strictObject({ kind: z.literal('pasta') }),
    ],
    msg(() => 'Unknown network mode'),
  ),
  'Network modes are default, none, host, bridge (named networks), container, slirp4netns and pasta.',
).superRefine((n, ctx) => {
  if (n.kind === 'container' && !n.id.trim())
    problem(ctx, 'container: network mode needs a container', 'Pick the container whose network to share.');
  else if (n.kind === 'container' && !REF_NAME.test(n.id))
    problem(
      ctx,
      `"${n.id}" is not a container name or id`,
      'Pick the container whose network to share (its name or id).',
    );
  if (n.kind !== 'bridge') return;
  if (n.networks.length === 0) problem(ctx, 'Pick at least one network', 'Or use the default network.');
  for (const name of n.networks)
    if (!NAME_RE.test(name))
      problem(ctx, `"${name}" is not a valid network name`, 'Letters, digits, "_", "." and "-".');
});

// --- resources ------------------------------------------------------------------------------------------------

/** A memory size as people type it ("512m"); '' means not set, and `also` may allow another word ("-1"). */
const memorySize = (hint: string, also = '') =>
  text(
    (s) => s === '' || s === also || parseBytes(s) !== undefined,
    (s) => `"${s}" is not a memory size`,
    hint,
  );
const MIN_MEMORY = 6 * 1024 * 1024;

/** Limits as the user asked for them, in user-facing units. */
const limitsSchema = z
  .strictObject({
    memory: memorySize('Use a number with b, k, m or g: 512m, 1g.')
      .refine(
        (s) => (parseBytes(s) ?? MIN_MEMORY) >= MIN_MEMORY,
        says(() => 'The memory limit is below 6 MiB', 'Podman needs at least 6m.'),
      )
      .optional(),
    /** memory+swap; "-1" for unlimited. */
    memorySwap: memorySize('Use a size like 1g, or -1 for unlimited swap.', '-1').optional(),
    memoryReservation: memorySize('Use a size like 256m.').optional(),
    cpus: number(
      { positive: true, max: 1024 },
      '{} CPUs is not possible',
      'Use a positive number such as 0.5 or 2.',
    ).optional(),
    cpuShares: number(
      { int: true, min: 2, max: 262144 },
      'CPU shares {} is out of range',
      'Shares are whole numbers from 2 to 262144 (default 1024).',
    ).optional(),
    /** "0-1,3" */
    cpusetCpus: text(
      (s) => s === '' || parseCpuset(s) !== undefined,
      (s) => `"${s}" is not a CPU list`,
      'For example 0-1,3.',
    ).optional(),
    pidsLimit: number(
      { int: true },
      '{} is not a pids limit',
      'Use a positive whole number, or -1 for unlimited.',
    )
      .refine(
        (n) => n >= 1 || n === -1,
        msg((n) => `${String(n)} is not a pids limit`),
      )
      .optional(),
    blkioWeight: number(
      { int: true, min: 10, max: 1000 },
      'Block I/O weight {} is out of range',
      'The weight is a whole number from 10 to 1000.',
    ).optional(),
  })
  .superRefine(
    (l, ctx) => {
      const memSet = l.memory !== undefined && l.memory !== '';
      const mem = memSet ? parseBytes(l.memory ?? '') : undefined;
      const swap = l.memorySwap && l.memorySwap !== '-1' ? parseBytes(l.memorySwap) : undefined;
      if (swap !== undefined && !memSet)
        problem(ctx, 'memory+swap needs a memory limit too', 'Set the memory limit first.', 'memorySwap');
      else if (swap !== undefined && mem !== undefined && swap < mem)
        problem(
          ctx,
          'memory+swap is smaller than memory',
          'memory+swap counts memory plus swap, so it must be ≥ the memory limit.',
          'memorySwap',
        );
      const reservation = l.memoryReservation ? parseBytes(l.memoryReservation) : undefined;
      if (reservation !== undefined && mem !== undefined && reservation > mem)
        problem(
          ctx,
          'The reservation is above the memory limit',
          'A soft limit must be below the hard limit.',
          'memoryReservation',
        );
    },
    whenSound('memory', 'memorySwap', 'memoryReservation'),
  );

// --- security and lifecycle -----------------------------------------------------------------------------------

const capability = z
  .string()
  .transform((c) => c.trim().toUpperCase().replace(/^CAP_/, ''))
  .refine(
    (c) => c === 'ALL' || (CAPABILITIES as readonly string[]).includes(c),
    says(
      (c) => `Unknown capability "${c}"`,
      'Use names like NET_BIND_SERVICE or CHOWN (with or without CAP_), or ALL.',
    ),
  );

const securitySchema = z.strictObject({
  capAdd: z.array(capability).optional(),
  capDrop: z.array(capability).optional(),
  noNewPrivileges: z.boolean().optional(),
  readOnlyRootfs: z.boolean().optional(),
  /** A host path to a seccomp JSON profile, or 'unconfined'. Undefined: Podman's default profile. */
  seccompProfile: path(
    (p) => `"${p}" is not an absolute path`,
    'Give the full path of a seccomp JSON profile, or "unconfined".',
    (p) => p === '' || p === 'unconfined',
  ).optional(),
  privileged: z.boolean().optional(),
  /** OCI runtime for this container. */
  runtime: hinted(
    z.enum(
      ['runc', 'crun'],
      msg((r) => `Unknown OCI runtime "${String(r)}"`),
    ),
    'Use runc or crun, or leave it out for the engine default.',
  ).optional(),
});

/** What Podman does when the container turns unhealthy (`--health-on-failure`, Podman ≥ 4.3). */
export const HEALTH_ON_FAILURE = ['none', 'kill', 'restart', 'stop'] as const;

const HEALTH_TEST_HINT =
  'CMD-SHELL with one shell command (["CMD-SHELL", "wget -q -O- localhost:8080"]), CMD with the program and its arguments, or NONE.';
const healthcheckSchema = z.strictObject({
  /** ["CMD-SHELL", "wget -q -O- localhost:8080"] or ["CMD", ...] */
  test: z.array(arg).superRefine((t, ctx) => {
    const [kind, ...rest] = t;
    if (!['CMD', 'CMD-SHELL', 'NONE'].includes(kind ?? ''))
      problem(ctx, 'The health check must start with CMD, CMD-SHELL or NONE', HEALTH_TEST_HINT);
    else if (kind === 'CMD-SHELL' && (rest.length !== 1 || !rest[0]?.trim()))
      problem(ctx, 'CMD-SHELL takes exactly one command line', HEALTH_TEST_HINT);
    else if (kind === 'CMD' && (rest.length === 0 || !rest[0]?.trim()))
      problem(ctx, 'CMD needs the program to run', HEALTH_TEST_HINT);
    else if (kind === 'NONE' && rest.length > 0) problem(ctx, 'NONE takes no command', HEALTH_TEST_HINT);
  }),
  /** 0: no timer, the check runs only when asked ("Run check now"). */
  intervalSeconds: number(
    { min: 0 },
    'An interval of {} s is not possible',
    'Seconds ≥ 1, or 0 for no timer.',
  ).optional(),
  timeoutSeconds: number(
    { min: 1 },
    'A timeout of {} s is too short',
    'Podman needs at least 1 second.',
  ).optional(),
  retries: number(
    { int: true, min: 1 },
    '{} is not a number of retries',
    'A whole number ≥ 1: how many failed checks in a row make the container unhealthy.',
  ).optional(),
  startPeriodSeconds: number(
    { min: 0 },
    'A start period of {} s is not possible',
    'Seconds ≥ 0 during which failures do not count.',
  ).optional(),
  onFailure: hinted(
    z.enum(
      HEALTH_ON_FAILURE,
      msg((a) => `Unknown on-failure action "${String(a)}"`),
    ),
    'Use none, kill, restart or stop.',
  ).optional(),
});

// --- secrets --------------------------------------------------------------------------------------------------

const ENV_NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;
export const SECRETS_DIR = '/run/secrets';

/** Where a file secret appears: /run/secrets/<target or name>, or the target itself when it is absolute. */
export function secretFilePath(s: { name: string; target?: string | undefined }): string {
  const t = s.target || s.name;
  return t.startsWith('/') ? t : `${SECRETS_DIR}/${t}`;
}

/** A secret given to the container (Podman's --secret): as a file, or as an environment variable. */
const secretUseSchema = z
  .strictObject({
    /** The secret's name, as Secrets lists it (Podman's rule: 1–253 characters, none of , / =). */
    name: text(
      (n) => n.length > 0 && n.length <= 253 && !/[,/=\u0000]/.test(n),
      (n) => (n ? `"${n}" is not a secret name` : 'Pick a secret'),
      'Pick one of your secrets (Secrets lists them).',
    ),
    as: hinted(
      z.enum(
        ['file', 'env'],
        msg((a) => `"${String(a)}" is not a way to give a secret`),
      ),
      'A secret is given as a file or as an environment variable.',
    ),
    /** file: a name under /run/secrets or an absolute path; env: the variable. Default: the secret's name. */
    target: z.string().optional(),
  })
  .superRefine((s, ctx) => {
    const t = s.target ?? '';
    if (s.as === 'env') {
      const v = t || s.name;
      if (!ENV_NAME_RE.test(v))
        problem(
          ctx,
          `"${v}" is not an environment variable name`,
          'Letters, digits and "_", not starting with a digit, e.g. DB_PASSWORD.',
          'target',
        );
    } else if (t && (t.split('/').includes('..') || t.endsWith('/') || /\s/.test(t)))
      problem(
        ctx,
        `"${t}" is not a file path`,
        `Give a file name (it appears under ${SECRETS_DIR}/) or an absolute path like /etc/app/key.`,
        'target',
      );
  });

export type SecretUse = z.output<typeof secretUseSchema>;

const secretsSchema = z.array(secretUseSchema).superRefine((uses, ctx) => {
  const seen = new Set<string>();
  for (const [i, s] of uses.entries()) {
    const where = s.as === 'env' ? `$${s.target || s.name}` : secretFilePath(s);
    if (seen.has(where))
      problem(
        ctx,
        `${where} is given two secrets`,
        'Each file or variable can hold one secret.',
        i,
        'target',
      );
    seen.add(where);
  }
});

// --- the spec -------------------------------------------------------------------------------------------------

export const createSpecSchema = z
  .strictObject({
    image: imageRefSchema,
    name: nameSchema.optional(),
    command: z
      .array(arg)
      .refine(
        (c) => c.length === 0 || c.some((w) => w !== ''),
        says(() => 'The command is empty', 'Leave it out to use the image default.'),
      )
      .optional(),
    entrypoint: z.array(arg).optional(),
    /** "KEY=value" */
    env: z.array(envEntry).optional(),
    workdir: path(
      (w) => `"${w}" is not an absolute path`,
      'The working directory is a path inside the container starting with "/".',
      (w) => w === '',
    ).optional(),
    user: text(
      (u) => u === '' || /^[a-zA-Z0-9_.-]+(:[a-zA-Z0-9_.-]+)?$/.test(u),
      (u) => `"${u}" is not a user`,
      'Use a name or uid, optionally with :group or :gid (1001:1001).',
    ).optional(),
    labels: z
      .record(z.string(), z.string())
      .superRefine((l, ctx) => {
        for (const [k, v] of Object.entries(l)) {
          const bad = firstControlChar(k) ?? firstControlChar(v, { multiline: true });
          if (!k.trim())
            problem(ctx, 'A label has an empty key', 'Labels are key=value with a non-empty key.');
          else if (bad)
            problem(
              ctx,
              `The label "${k}" contains the control character ${describeChar(bad)}`,
              CONTROL_CHAR_HINT,
            );
        }
      })
      .optional(),
    hostname: text(
      (h) => h === '' || HOSTNAME_RE.test(h),
      (h) => `"${h}" is not a valid host name`,
      'Letters, digits and "-", dot-separated, at most 63 characters per label.',
    ).optional(),
    ports: portsSchema.optional(),
    mounts: mountsSchema.optional(),
    userns: usernsSchema.optional(),
    network: networkSchema.optional(),
    limits: limitsSchema.optional(),
    security: securitySchema.optional(),
    restartPolicy: hinted(
      z.enum(
        RESTART_POLICIES,
        msg((p) => `Unknown restart policy "${String(p)}"`),
      ),
      'Use no, always, on-failure or unless-stopped.',
    ).optional(),
    restartRetries: number(
      { int: true, min: 0 },
      '{} is not a retry count',
      'Use a whole number ≥ 0.',
    ).optional(),
    stopTimeout: number(
      { int: true, min: 0, max: 3600 },
      '{} is not a stop timeout',
      'Whole seconds from 0 to 3600: how long Podman waits after the stop signal before it kills the container.',
    ).optional(),
    autoRemove: z.boolean().optional(),
    tty: z.boolean().optional(),
    stdin: z.boolean().optional(),
    dns: z
      .array(text(isIP, (d) => `"${d}" is not an IP address`, 'DNS servers are IP addresses like 1.1.1.1.'))
      .optional(),
    healthcheck: healthcheckSchema.optional(),
    pod: text(
      (p) => REF_NAME.test(p),
      (p) => `"${p}" is not a pod name or id`,
      'Pick an existing pod (Pods), by name or id.',
    ).optional(),
    secrets: secretsSchema.optional(),
  })
  // Rules across fields: each runs when the fields it reads are sound, so they come with every other problem.
  .superRefine(
    (s, ctx) => {
      const kind = s.network?.kind;
      if (s.ports?.length && kind === 'host')
        problem(
          ctx,
          'Ports cannot be published with host networking',
          'With host networking the container already uses the host’s ports; remove the port mappings or choose another network.',
          'ports',
        );
      else if (s.ports?.length && (kind === 'none' || kind === 'container'))
        problem(
          ctx,
          `Ports cannot be published with network "${kind}"`,
          'Use the default network (or a bridge network) to publish ports.',
          'ports',
        );
    },
    whenSound('ports', 'network'),
  )
  .superRefine(
    (s, ctx) => {
      if (!s.pod) return;
      if (s.userns && s.userns.kind !== 'host')
        problem(
          ctx,
          'A container in a pod shares the pod’s user namespace',
          'Set the user namespace on the pod instead.',
          'userns',
        );
      if (s.network && s.network.kind !== 'default')
        problem(
          ctx,
          'A container in a pod shares the pod’s network',
          'Leave the network at its default; the pod decides it.',
          'network',
        );
      if (s.ports?.length)
        problem(
          ctx,
          'A container in a pod cannot publish ports of its own',
          'Publish the ports on the pod (Pods → Create); Podman would drop them here.',
          'ports',
        );
      // Podman: "cannot set hostname when joining the pod UTS namespace"
      if (s.hostname)
        problem(
          ctx,
          'A container in a pod has the pod’s host name',
          'Leave the host name empty.',
          'hostname',
        );
    },
    whenSound('userns', 'pod', 'network', 'ports', 'hostname'),
  )
  .superRefine(
    (s, ctx) => {
      if (s.restartRetries !== undefined && s.restartPolicy !== 'on-failure')
        problem(
          ctx,
          'Retries only apply to the on-failure policy',
          'Set the restart policy to on-failure, or remove the retry count.',
          'restartRetries',
        );
      if (s.autoRemove && s.restartPolicy && s.restartPolicy !== 'no')
        problem(
          ctx,
          'A container removed on exit cannot also be restarted',
          'Turn off auto-remove or set the restart policy to no.',
          'autoRemove',
        );
    },
    whenSound('restartPolicy', 'restartRetries', 'autoRemove'),
  );

/** The schema's pass alone (no host, no engine): the normalised spec, or every problem with it. */
export function checkCreateSpec(
  input: unknown,
): { ok: true; spec: CreateContainerSpec } | { ok: false; issues: BurrowIssue[] } {
  const parsed = createSpecSchema.safeParse(input);
  return parsed.success
    ? { ok: true, spec: parsed.data }
    : { ok: false, issues: zodIssues(parsed.error, createSpecSchema) };
}

/** The hint the schema gives a field ('limits.cpus'), for problems found before it runs (the form's parsing). */
export const createFieldHint = (field: string): string | undefined => declaredHint(createSpecSchema, field);

/** What a caller sends to create a container (numbers as numbers, userns as a mode or Podman's string). */
export type CreateContainerInput = z.input<typeof createSpecSchema>;
/** What the user asked for, validated and normalised: the only shape spec-generator and insight ever see. */
export type CreateContainerSpec = z.output<typeof createSpecSchema>;
export type PortMapping = z.output<typeof portSchema>;
export type BindOption = (typeof BIND_OPTIONS)[number];
export type Mount = z.output<typeof mountSchema>;
export type UsernsMode = z.output<typeof usernsModeSchema>;
export type NetworkMode = z.output<typeof networkSchema>;
export type ResourceLimits = z.output<typeof limitsSchema>;
export type SecurityOptions = z.output<typeof securitySchema>;
export type RestartPolicy = (typeof RESTART_POLICIES)[number];
export type Healthcheck = z.output<typeof healthcheckSchema>;
export type HealthOnFailure = (typeof HEALTH_ON_FAILURE)[number];
