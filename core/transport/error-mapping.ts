// One place turns every failed engine response into Burrow's error union, with a specific hint for the
// failures rootless users actually meet. Order matters: the most specific patterns come first.
import { BurrowError, type ErrorCode } from '../errors.js';
import { PAUSE_NEEDS_CGROUP_V2 } from '../model/pause.js';

export interface EngineErrorBody {
  cause?: string;
  message?: string;
  response?: number;
}

interface Rule {
  test: RegExp;
  code?: ErrorCode;
  hint: string | ((m: RegExpExecArray) => string);
  field?: string;
}

const RULES: Rule[] = [
  {
    test: /cgroups in hybrid mode not supported/i,
    code: 'unsupported_on_host',
    hint: 'crun cannot run on hybrid cgroups. Use runc: add `[engine]\\nruntime = "runc"` to ~/.config/containers/containers.conf (or pick runc under Security → Runtime).',
  },
  {
    test: /rootlessport cannot expose privileged port (\d+)|cannot expose privileged port (\d+)|bind: permission denied/i,
    code: 'permission',
    field: 'ports',
    hint: (m) =>
      `Rootless containers cannot bind host ports below net.ipv4.ip_unprivileged_port_start. Use a port ≥ 1024, or as root: sysctl -w net.ipv4.ip_unprivileged_port_start=${m[1] ?? m[2] ?? 80}.`,
  },
  {
    test: /address already in use/i,
    code: 'conflict',
    field: 'ports',
    hint: 'Another process already listens on that host port; choose another or leave the host port empty for a random one.',
  },
  {
    test: /short-name .* did not resolve to an alias and no unqualified-search registries are defined|no unqualified-search registries/i,
    code: 'invalid_input',
    field: 'image',
    hint: 'Use a fully qualified name (docker.io/library/alpine), or add `unqualified-search-registries = ["docker.io"]` to ~/.config/containers/registries.conf.',
  },
  {
    // Podman reads the profile on its own host when it creates the container; a remote engine's files are not
    // Burrow's to check up front, so this is where a missing or unreadable profile is named.
    test: /opening seccomp profile failed|loading seccomp profile .* failed/i,
    code: 'invalid_input',
    field: 'security.seccompProfile',
    hint: "Podman reads the seccomp profile on the engine's host: give an absolute path that exists there and holds a JSON profile with a defaultAction.",
  },
  {
    test: /newuidmap|newgidmap|cannot set up namespace using .*uidmap|insufficient uids or gids/i,
    code: 'unsupported_on_host',
    hint: 'Rootless Podman needs newuidmap/newgidmap (package uidmap) and ranges for you in /etc/subuid and /etc/subgid; then run `podman system migrate`.',
  },
  {
    test: /invalid namespace type nomap/i,
    code: 'unsupported_on_host',
    field: 'userns',
    hint: 'This Podman version does not accept userns "nomap" over its API; Burrow maps it to explicit id mappings — please report this.',
  },
  {
    test: /"(slirp4netns|pasta)" is not supported: invalid network mode/i,
    code: 'unsupported_on_host',
    field: 'network',
    hint: 'A container on the rootless default network (slirp4netns or pasta) cannot join other networks; create it on a bridge network (e.g. "podman") to connect it later.',
  },
  {
    test: /is already in use by|name .* is in use|already exists/i,
    code: 'conflict',
    field: 'name',
    hint: 'Pick another name, or remove the existing object first.',
  },
  {
    test: /(permission denied|operation not permitted).*(mount|bind|\/)/i,
    code: 'permission',
    field: 'mounts',
    hint: 'The container user cannot access a bind-mounted host path. In rootless mode the container uid maps to a subordinate host uid: use userns keep-id:uid=<image uid>,gid=<gid>, the :U mount option, or `podman unshare chown`.',
  },
  {
    // Podman 5 answers 500 when a container goes between its lookup and the database read (removed meanwhile).
    test: /no such container|no container with (?:name or )?id \S+ found/i,
    code: 'not_found',
    hint: 'It may have been removed outside Burrow; the list refreshes by itself.',
  },
  {
    test: /image not known|no such image|manifest unknown|repository .* not found|reading manifest .* not found/i,
    code: 'not_found',
    field: 'image',
    hint: 'Check the image name and tag; pull it first (Images → Pull).',
  },
  {
    test: /http: server gave HTTP response to HTTPS client/i,
    code: 'engine_error',
    field: 'image',
    hint: 'This registry speaks plain HTTP. Only loopback registries are pulled without TLS by Burrow; for others mark them insecure in registries.conf.',
  },
  {
    test: /unauthorized|authentication required|denied: requested access/i,
    code: 'permission',
    field: 'image',
    hint: 'The registry needs credentials: `podman login <registry>` (Burrow uses your auth.json).',
  },
  {
    test: /has no defined healthcheck/i,
    code: 'conflict',
    field: 'healthcheck',
    hint: 'This container has no health check. Add one by editing the container (Edit → Health check), which recreates it.',
  },
  {
    test: /container state improper|is not running|can only .* running/i,
    code: 'conflict',
    hint: 'The container is not in a state that allows this; refresh and try again.',
  },
  {
    // Podman 4.3: "can not pause containers on rootless containers with cgroup V1: this container does not have a cgroup"
    test: /can ?not pause|pause.*cgroups? ?v1|this container does not have a (pause|cgroup)|freezer/i,
    code: 'unsupported_on_host',
    hint: PAUSE_NEEDS_CGROUP_V2,
  },
];

const STATUS_CODE: Record<number, ErrorCode> = {
  400: 'invalid_input',
  401: 'permission',
  403: 'permission',
  404: 'not_found',
  409: 'conflict',
  500: 'engine_error',
};

export function mapEngineError(
  status: number,
  body: EngineErrorBody | string | undefined,
  context: { operation: string; overrides?: Partial<Record<number, ErrorCode>> },
): BurrowError {
  const parsed: EngineErrorBody = typeof body === 'string' ? { message: body } : (body ?? {});
  const engineMessage = (parsed.message || parsed.cause || '').trim() || `HTTP ${status}`;
  let code: ErrorCode =
    context.overrides?.[status] ?? STATUS_CODE[status] ?? (status >= 500 ? 'engine_error' : 'invalid_input');
  let hint: string | undefined;
  let field: string | undefined;
  for (const rule of RULES) {
    const m = rule.test.exec(engineMessage);
    if (!m) continue;
    // Explicit status overrides (404 → not_found on a path lookup) stay; patterns refine generic codes.
    if (rule.code && context.overrides?.[status] === undefined) code = rule.code;
    hint = typeof rule.hint === 'function' ? rule.hint(m) : rule.hint;
    field = rule.field;
    break;
  }
  if (!hint && code === 'not_found')
    hint = 'It may have been removed outside Burrow; the list refreshes by itself.';
  return new BurrowError({
    code,
    message: `${context.operation} failed: ${engineMessage}`,
    status,
    cause: engineMessage,
    ...(hint ? { hint } : {}),
    ...(field ? { field } : {}),
  });
}

export function parseErrorBody(raw: Buffer): EngineErrorBody | string {
  const text = raw.toString('utf8');
  try {
    const j = JSON.parse(text) as unknown;
    if (j && typeof j === 'object') return j as EngineErrorBody;
  } catch {
    // not JSON
  }
  return text;
}
