// Validation of a create request before any engine call: a bad input gets `invalid_input` listing every problem,
// each naming its field with a hint, and nothing is created. Two passes: the schema (create-spec.ts: structure and
// every rule that needs no host), then the facts only the host or engine knows, through the injectable probe.
import { invalidInput, invalidInputs, type BurrowIssue } from '../errors.js';
import { checkCreateSpec, imageRefSchema, type CreateContainerSpec } from './create-spec.js';
import { zodIssues } from './schema-issues.js';
import { parseCpuset } from './quantities.js';
import { podmanMajor } from './spec-generator.js';
import type { HostFacts } from './types.js';

export { CAPABILITIES, checkCreateSpec, createSpecSchema } from './create-spec.js';
export { fieldPath, issueField } from './schema-issues.js';

export interface ValidationProbe {
  /** By name or id. */
  containerNameExists(name: string): Promise<boolean>;
  /** By name or id. */
  podExists(nameOrId: string): Promise<boolean>;
  /** The engine's host: its CPUs, subordinate ids, cgroups, runtime and network tools. */
  hostFacts(): Promise<HostFacts>;
  imageExists(ref: string): Promise<boolean>;
  networkExists(name: string): Promise<boolean>;
  volumeExists(name: string): Promise<boolean>;
  secretExists(name: string): Promise<boolean>;
  hostPathExists(path: string): Promise<boolean>;
  hostPortInUse(ip: string, port: number, proto: 'tcp' | 'udp'): Promise<boolean>;
  unprivilegedPortStart(): Promise<number | undefined>;
  /** A file on the engine's host; undefined when that host is not this machine (the engine will check). */
  readFile(path: string): Promise<string | undefined>;
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

type Check = () => Promise<BurrowIssue | BurrowIssue[] | undefined>;

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

  for (const [i, sec] of (spec.secrets ?? []).entries())
    checks.push(async () =>
      (await probe.secretExists(sec.name))
        ? undefined
        : {
            field: `secrets[${i}].name`,
            message: `There is no secret "${sec.name}"`,
            hint: 'Create it first (Secrets → Create secret), or pick one of yours.',
          },
    );

  const seccomp = spec.security?.seccompProfile;
  if (seccomp && seccomp !== 'unconfined') checks.push(() => seccompIssue(seccomp, probe));

  // References to other objects: each must exist before anything is made.
  const { image, pod } = spec;
  checks.push(async () =>
    (await probe.imageExists(image))
      ? undefined
      : {
          field: 'image',
          message: `The image ${image} is not on this engine`,
          hint: 'Pull it first (Images → Pull); the create form pulls a missing image for you.',
        },
  );
  if (pod)
    checks.push(async () =>
      (await probe.podExists(pod))
        ? undefined
        : {
            field: 'pod',
            message: `Pod "${pod}" does not exist`,
            hint: 'Create it first (Pods → Create pod), or choose an existing one.',
          },
    );
  const network = spec.network;
  if (network?.kind === 'container' && network.id.trim())
    checks.push(async () =>
      (await probe.containerNameExists(network.id))
        ? undefined
        : {
            field: 'network',
            message: `Container "${network.id}" does not exist, so its network cannot be shared`,
            hint: 'Pick an existing container (by name or id) whose network to share.',
          },
    );
  // Quantities and tools only the engine's host can judge.
  checks.push(async () => factIssues(spec, await probe.hostFacts()));

  const found = (await Promise.all(checks.map((c) => c()))).flat();
  return found.filter((i): i is BurrowIssue => i !== undefined);
}

/** What the engine's host facts say about the spec: CPUs that exist, id ranges that fit, tools that are there. */
export function factIssues(spec: CreateContainerSpec, facts: HostFacts): BurrowIssue[] {
  const out: BurrowIssue[] = [];
  const cpus = spec.limits?.cpusetCpus ? parseCpuset(spec.limits.cpusetCpus) : undefined;
  const missing = cpus && facts.cpus ? cpus.filter((c) => c >= facts.cpus!) : [];
  if (missing.length)
    out.push({
      field: 'limits.cpusetCpus',
      message: `CPU ${missing.join(', ')} does not exist on the engine’s host`,
      hint: `It has ${facts.cpus} CPU${facts.cpus === 1 ? '' : 's'}: use numbers from 0 to ${(facts.cpus ?? 1) - 1}.`,
    });
  const userns = spec.userns;
  if (userns?.kind === 'auto' && userns.size !== undefined) {
    const available = facts.idMappings.uidMap
      .filter((m) => m.containerId >= 1)
      .reduce((a, m) => a + m.size, 0);
    if (available > 0 && userns.size > available)
      out.push({
        field: 'userns',
        message: `auto:size=${userns.size} is more ids than your ${available} subordinate ids`,
        hint: `Use a size up to ${available} (Podman needs them free in /etc/subuid), or leave the size out.`,
      });
  }
  const net = spec.network?.kind;
  if (net === 'pasta' && podmanMajor(facts.podmanVersion) === 4 && /^4\.[0-3]\./.test(facts.podmanVersion))
    out.push({
      field: 'network',
      message: `Podman ${facts.podmanVersion} has no pasta network mode`,
      hint: 'pasta arrived in Podman 4.4: use slirp4netns here, or the default network.',
    });
  else if (net === 'pasta' && !facts.pastaPath)
    out.push({
      field: 'network',
      message: 'pasta is not installed on the engine’s host',
      hint: 'Install the "passt" package there, or use the default network.',
    });
  if (net === 'slirp4netns' && !facts.slirp4netnsPath)
    out.push({
      field: 'network',
      message: 'slirp4netns is not installed on the engine’s host',
      hint: `Use ${facts.pastaPath ? 'pasta or ' : ''}the default network, or install the "slirp4netns" package there.`,
    });
  if (spec.security?.runtime === 'crun' && facts.rootless && facts.cgroupVersion === 'v1')
    out.push({
      field: 'security.runtime',
      message: 'crun cannot run rootless containers on this host’s cgroup v1 (hybrid) hierarchy',
      hint: 'Use runc here, or leave the runtime to the engine’s default.',
    });
  return out;
}

async function seccompIssue(path: string, probe: ValidationProbe): Promise<BurrowIssue | undefined> {
  const field = 'security.seccompProfile';
  let text: string | undefined;
  try {
    text = await probe.readFile(path);
  } catch {
    return {
      field,
      message: `Cannot read ${path}`,
      hint: 'Check that the file exists and is readable by you.',
    };
  }
  if (text === undefined) return undefined;
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
