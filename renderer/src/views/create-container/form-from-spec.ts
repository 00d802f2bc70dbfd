// The other way round from toSpec: a create request (a container's settings read back by core for Edit or
// Duplicate) as the text the form shows. toSpec(fromSpec(s)) says the same as s, so an unchanged form recreates
// the same container. Pure.
import { formatCommandLine } from '../../../../core/model/command-line.js';
import type { CreateContainerInput, Mount } from '../../../../core/model/types.js';
import { EMPTY_FORM, type FormState, type MountRow, type PortRow, type UsernsChoice } from './form-model.js';

const str = (v: number | string | undefined) => (v === undefined ? '' : String(v));

function mountRow(m: Mount): MountRow {
  switch (m.type) {
    case 'bind':
      return { type: 'bind', source: m.source, target: m.target, options: (m.options ?? []).join(',') };
    case 'volume':
      return { type: 'volume', source: m.name, target: m.target, options: m.readOnly ? 'ro' : '' };
    case 'tmpfs':
      return { type: 'tmpfs', source: m.size ?? '', target: m.target, options: '' };
  }
}

export function fromSpec(spec: CreateContainerInput): FormState {
  const f: FormState = { ...EMPTY_FORM, ports: [], mounts: [], image: spec.image };
  f.name = spec.name ?? '';
  f.command = spec.command?.length ? formatCommandLine(spec.command) : '';
  f.entrypoint = spec.entrypoint?.length ? formatCommandLine(spec.entrypoint) : '';
  f.env = (spec.env ?? []).join('\n');
  f.workdir = spec.workdir ?? '';
  f.user = spec.user ?? '';
  f.labels = Object.entries(spec.labels ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join('\n');
  f.hostname = spec.hostname ?? '';
  f.ports = (spec.ports ?? []).map((p): PortRow => ({
    hostIp: p.hostIp ?? '',
    hostPort: str(p.hostPort),
    containerPort: str(p.containerPort),
    protocol: p.protocol === 'udp' ? 'udp' : 'tcp',
  }));
  f.mounts = (spec.mounts ?? []).map((m) => mountRow(m as Mount));
  const u = typeof spec.userns === 'string' ? undefined : spec.userns;
  const kind: UsernsChoice =
    !u || u.kind === 'host'
      ? 'host'
      : u.kind === 'keep-id'
        ? u.uid !== undefined || u.gid !== undefined
          ? 'keep-id-ids'
          : 'keep-id'
        : u.kind;
  f.usernsKind = kind;
  if (u?.kind === 'keep-id') {
    f.keepUid = str(u.uid);
    f.keepGid = str(u.gid);
  }
  if (u?.kind === 'auto') f.autoSize = str(u.size);
  const n = spec.network;
  if (n) {
    f.network = n.kind;
    if (n.kind === 'bridge') f.networks = n.networks.join(', ');
    if (n.kind === 'container') f.networkContainer = n.id;
  }
  const l = spec.limits ?? {};
  f.memory = l.memory ?? '';
  f.memorySwap = l.memorySwap ?? '';
  f.memoryReservation = l.memoryReservation ?? '';
  f.cpus = str(l.cpus);
  f.cpuShares = str(l.cpuShares);
  f.cpuset = l.cpusetCpus ?? '';
  f.pidsLimit = str(l.pidsLimit);
  f.blkioWeight = str(l.blkioWeight);
  const s = spec.security ?? {};
  f.capAdd = (s.capAdd ?? []).join(', ');
  f.capDrop = (s.capDrop ?? []).join(', ');
  f.noNewPrivileges = s.noNewPrivileges ?? false;
  f.readOnlyRootfs = s.readOnlyRootfs ?? false;
  f.seccomp = s.seccompProfile ?? '';
  f.privileged = s.privileged ?? false;
  f.runtime = s.runtime ?? '';
  f.restartPolicy = spec.restartPolicy ?? 'no';
  f.restartRetries = str(spec.restartRetries);
  f.autoRemove = spec.autoRemove ?? false;
  f.tty = spec.tty ?? false;
  f.stdin = spec.stdin ?? false;
  f.dns = (spec.dns ?? []).join(', ');
  f.pod = spec.pod ?? '';
  f.stopTimeout = str(spec.stopTimeout);
  f.secrets = (spec.secrets ?? []).map((s) => ({ name: s.name, as: s.as, target: s.target ?? '' }));
  const hc = spec.healthcheck;
  if (hc && (hc.test[0] === 'CMD' || hc.test[0] === 'CMD-SHELL')) {
    f.hcKind = hc.test[0];
    f.hcCommand = hc.test[0] === 'CMD-SHELL' ? (hc.test[1] ?? '') : formatCommandLine(hc.test.slice(1));
    f.hcInterval = str(hc.intervalSeconds);
    f.hcTimeout = str(hc.timeoutSeconds);
    f.hcRetries = str(hc.retries);
    f.hcStartPeriod = str(hc.startPeriodSeconds);
    f.hcOnFailure = hc.onFailure ?? '';
  }
  return f;
}
