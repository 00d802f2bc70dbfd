// Validation of a create request before any engine call: a bad input gets `invalid_input` listing every problem,
// each naming its field with a hint, and nothing is created. Two passes: the schema (create-spec.ts: structure and
// every rule that needs no host), then the facts only the host or engine knows, through the injectable probe.
import { invalidInput, invalidInputs, type BurrowIssue } from '../errors.js';
import { checkCreateSpec, imageRefSchema, type CreateContainerSpec } from './create-spec.js';
import { zodIssues } from './schema-issues.js';

export { CAPABILITIES, checkCreateSpec, createSpecSchema } from './create-spec.js';
export { fieldPath, issueField } from './schema-issues.js';

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

/** A trimmed, valid image reference, or `invalid_input` naming `field`. */
export function validateImageRef(ref: string, field = 'image'): string {
  const r = imageRefSchema.safeParse(ref);
  if (r.success) return r.data;
  const [first] = zodIssues(r.error, imageRefSchema);
  throw invalidInput(field, first?.message ?? `"${ref}" is not a valid image reference`, first?.hint);
}

/** Validate unknown input into a normalised spec, or throw one `invalid_input` listing every problem. */
export async function validateCreateSpec(
  input: unknown,
  probe: ValidationProbe,
): Promise<CreateContainerSpec> {
  const checked = checkCreateSpec(input);
  const issues = checked.ok ? await hostIssues(checked.spec, probe) : checked.issues;
  if (checked.ok && issues.length === 0) return checked.spec;
  throw invalidInputs(issues);
}

type Check = () => Promise<BurrowIssue | undefined>;

/**
 * What only the host or the engine knows, for every field at once (the checks run together, the issues come back
 * in field order). Runs on a spec the schema accepted, so every value here is well-formed.
 */
export async function hostIssues(spec: CreateContainerSpec, probe: ValidationProbe): Promise<BurrowIssue[]> {
  const checks: Check[] = [];
  const { name } = spec;
  if (name !== undefined)
    checks.push(async () =>
      (await probe.containerNameExists(name))
        ? {
            field: 'name',
            message: `A container named "${name}" already exists`,
            hint: 'Pick another name, or remove the existing container.',
          }
        : undefined,
    );

  let portStart: Promise<number | undefined> | undefined;
  for (const [i, p] of (spec.ports ?? []).entries()) {
    const hostPort = p.hostPort;
    if (!hostPort) continue;
    const field = `ports[${i}].hostPort`;
    checks.push(async () => {
      const start = await (portStart ??= probe.unprivilegedPortStart());
      if (start !== undefined && hostPort < start)
        return {
          field,
          message: `Host port ${hostPort} is below ${start}, which rootless containers cannot bind`,
          hint: `Use a port ≥ ${start}, or as root: sysctl -w net.ipv4.ip_unprivileged_port_start=${hostPort}`,
        };
      if (await probe.hostPortInUse(p.hostIp || '0.0.0.0', hostPort, p.protocol))
        return {
          field,
          message: `Host port ${hostPort}/${p.protocol} is already in use`,
          hint: 'Choose another port, or leave the host port empty for a random free one.',
        };
      return undefined;
    });
  }

  for (const [i, m] of (spec.mounts ?? []).entries()) {
    if (m.type !== 'bind') continue;
    checks.push(async () =>
      (await probe.hostPathExists(m.source))
        ? undefined
        : {
            field: `mounts[${i}].source`,
            message: `${m.source} does not exist on the host`,
            hint: 'Create the directory first (Podman would create it owned by you, which hides permission mistakes).',
          },
    );
  }

  if (spec.network?.kind === 'bridge')
    for (const n of spec.network.networks)
      checks.push(async () =>
        (await probe.networkExists(n))
          ? undefined
          : {
              field: 'network',
              message: `Network "${n}" does not exist`,
              hint: 'Create it first (Networks → Create).',
            },
      );

  const seccomp = spec.security?.seccompProfile;
  if (seccomp && seccomp !== 'unconfined') checks.push(() => seccompIssue(seccomp, probe));

  const found = await Promise.all(checks.map((c) => c()));
  return found.filter((i): i is BurrowIssue => i !== undefined);
}

async function seccompIssue(path: string, probe: ValidationProbe): Promise<BurrowIssue | undefined> {
  const field = 'security.seccompProfile';
  let text: string;
  try {
    text = await probe.readFile(path);
  } catch {
    return {
      field,
      message: `Cannot read ${path}`,
      hint: 'Check that the file exists and is readable by you.',
    };
  }
  let profile: unknown;
  try {
    profile = JSON.parse(text);
  } catch {
    return {
      field,
      message: `${path} is not valid JSON`,
      hint: 'A seccomp profile is a JSON document with "defaultAction" and "syscalls".',
    };
  }
  if (
    !profile ||
    typeof profile !== 'object' ||
    !('defaultAction' in profile) ||
    typeof profile.defaultAction !== 'string'
  )
    return {
      field,
      message: `${path} has no "defaultAction"`,
      hint: 'A seccomp profile needs "defaultAction", e.g. "SCMP_ACT_ERRNO".',
    };
  return undefined;
}
