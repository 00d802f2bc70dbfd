// libpod container JSON (list and inspect, Podman 4.3 and 5.x) → Burrow's ContainerSummary / ContainerDetail.
import type {
  BindOption,
  ContainerDetail,
  ContainerHealth,
  HealthOnFailure,
  HealthState,
  ContainerState,
  ContainerStats,
  ContainerSummary,
  Healthcheck,
  Mount,
  PortMapping,
  RestartPolicy,
} from '../model/types.js';
import { HEALTH_ON_FAILURE } from '../model/create-spec.js';
import { maskSecretEnv, requestedLimitsFromLabels, secretsFromLabels } from '../model/spec-generator.js';
import { usernsFromInspect } from '../model/userns.js';
import { asNumber, asRecord, asString, asStringArray, asStringRecord, isoOrUndefined } from './context.js';

const STATES: ContainerState[] = [
  'created',
  'running',
  'paused',
  'exited',
  'stopped',
  'stopping',
  'removing',
  'dead',
];

export function toState(v: unknown): ContainerState {
  const s = asString(v).toLowerCase();
  if (s === 'configured' || s === 'initialized') return 'created';
  // Podman 5 reports "stopped" between the process's exit and conmon's cleanup; `podman ps` shows both as Exited.
  if (s === 'stopped') return 'exited';
  return (STATES as string[]).includes(s) ? (s as ContainerState) : 'unknown';
}

function since(iso: string | undefined, now: number): string {
  if (!iso) return '';
  const s = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (s < 60) return `${s} second${s === 1 ? '' : 's'}`;
  const m = Math.round(s / 60);
  if (m < 60) return `${m} minute${m === 1 ? '' : 's'}`;
  const h = Math.round(m / 60);
  if (h < 48) return `${h} hour${h === 1 ? '' : 's'}`;
  const d = Math.round(h / 24);
  return `${d} days`;
}

/** "Up 3 minutes", "Exited (137) 2 hours ago", "Created" — what `podman ps` prints. */
export function statusText(
  state: ContainerState,
  startedAt?: string,
  finishedAt?: string,
  exitCode?: number,
  now = Date.now(),
): string {
  switch (state) {
    case 'running':
      return startedAt ? `Up ${since(startedAt, now)}` : 'Up';
    case 'paused':
      return 'Paused';
    case 'exited':
    case 'stopped':
      return `Exited (${exitCode ?? 0})${finishedAt ? ` ${since(finishedAt, now)} ago` : ''}`;
    case 'created':
      return 'Created';
    default:
      return state.charAt(0).toUpperCase() + state.slice(1);
  }
}

/** One order for ports whichever endpoint they came from (the list's order is not stable across versions). */
function byPort(a: PortMapping, b: PortMapping): number {
  return (
    (a.hostIp ?? '').localeCompare(b.hostIp ?? '') ||
    a.protocol.localeCompare(b.protocol) ||
    a.containerPort - b.containerPort
  );
}

export function toPorts(v: unknown): PortMapping[] {
  const out: PortMapping[] = [];
  for (const p of Array.isArray(v) ? v : []) {
    const o = asRecord(p);
    const proto = asString(o.protocol, 'tcp');
    out.push({
      containerPort: asNumber(o.container_port),
      protocol: proto === 'udp' ? 'udp' : 'tcp',
      ...(asString(o.host_ip) ? { hostIp: asString(o.host_ip) } : {}),
      ...(asNumber(o.host_port) ? { hostPort: asNumber(o.host_port) } : {}),
      ...(asNumber(o.range, 1) > 1 ? { range: asNumber(o.range) } : {}),
    });
  }
  return out.sort(byPort);
}

/**
 * Inspect's NetworkSettings.Ports ({"80/tcp": [{HostIp, HostPort}], "81/tcp": null}) in the list's shape: only
 * published ports, and runs of consecutive container ports on consecutive host ports folded into one range —
 * Podman stores them that way (`-p 8005:85 -p 8006:86` lists as one range of 2). NetworkSettings rather than
 * HostConfig.PortBindings because a pod's containers list the ports their infra container publishes.
 */
export function portsFromInspect(v: unknown): PortMapping[] {
  // Podman 5 reports "every address" as 0.0.0.0 in inspect, where its list leaves the address out.
  const single = portsFromBindings(v)
    .filter((p) => p.hostPort)
    .map(({ hostIp, ...p }): PortMapping => (hostIp && hostIp !== '0.0.0.0' ? { ...p, hostIp } : p));
  single.sort(byPort);
  const out: PortMapping[] = [];
  for (const p of single) {
    const last = out[out.length - 1];
    const n = last?.range ?? 1;
    if (
      last &&
      last.hostIp === p.hostIp &&
      last.protocol === p.protocol &&
      last.containerPort + n === p.containerPort &&
      (last.hostPort ?? 0) + n === p.hostPort
    )
      last.range = n + 1;
    else out.push({ ...p });
  }
  return out;
}

/** The list reports times in whole seconds: truncate inspect's, so both sources give the same row. */
function toSecond(iso: string | undefined): string | undefined {
  if (!iso) return undefined;
  const ms = Date.parse(iso);
  return new Date(ms - (((ms % 1000) + 1000) % 1000)).toISOString();
}

/** Inspect's HostConfig.PortBindings: {"8080/tcp": [{HostIp, HostPort}]} */
export function portsFromBindings(v: unknown): PortMapping[] {
  const out: PortMapping[] = [];
  for (const [key, binds] of Object.entries(asRecord(v))) {
    const [port, proto] = key.split('/');
    for (const b of Array.isArray(binds) ? binds : []) {
      const o = asRecord(b);
      const hostPort = Number(asString(o.HostPort));
      out.push({
        containerPort: Number(port),
        protocol: proto === 'udp' ? 'udp' : 'tcp',
        ...(asString(o.HostIp) ? { hostIp: asString(o.HostIp) } : {}),
        ...(hostPort ? { hostPort } : {}),
      });
    }
  }
  return out;
}

const HEALTH_STATES: readonly string[] = ['starting', 'healthy', 'unhealthy'];

export function toHealthState(v: unknown): HealthState | undefined {
  const s = asString(v);
  return HEALTH_STATES.includes(s) ? (s as HealthState) : undefined;
}

export function toSummary(raw: unknown, now = Date.now()): ContainerSummary {
  const c = asRecord(raw);
  const state = toState(c.State);
  const labels = asStringRecord(c.Labels);
  const startedAt = isoOrUndefined(c.StartedAt);
  const exitedAt = isoOrUndefined(c.ExitedAt);
  const exitCode = asNumber(c.ExitCode);
  const s: ContainerSummary = {
    id: asString(c.Id),
    name: asStringArray(c.Names)[0] ?? asString(c.Id).slice(0, 12),
    image: asString(c.Image),
    imageId: asString(c.ImageID),
    command: asStringArray(c.Command),
    state,
    // libpod's list puts the health check's verdict in "Status" (podman ps builds "Up 3 minutes" itself).
    status: statusText(state, startedAt, exitedAt, exitCode, now),
    createdAt: isoOrUndefined(c.Created) ?? new Date(0).toISOString(),
    ports: toPorts(c.Ports),
    labels,
    networks: asStringArray(c.Networks).sort(),
  };
  // The list does not report the mode; Burrow's label does for containers it created.
  if (labels['io.burrow.userns']) s.userns = usernsFromInspect(undefined, labels);
  if (state === 'running' && startedAt) s.startedAt = startedAt;
  if (state === 'exited' || state === 'stopped') {
    s.exitCode = exitCode;
    if (exitedAt) s.finishedAt = exitedAt;
  }
  if (asString(c.PodName)) s.pod = asString(c.PodName);
  if (asNumber(c.Pid) > 0) s.pid = asNumber(c.Pid);
  const health = toHealthState(c.Status);
  if (health) s.health = health;
  return s;
}

/** Podman's network-mode names, which no network may take (`podman network create pasta` is refused). */
const NETWORK_MODES = new Set([
  'none',
  'host',
  'bridge',
  'private',
  'slirp4netns',
  'pasta',
  'container',
  'ns',
]);

/**
 * The networks Podman manages that a container is on, as the list names them: Podman 5's inspect also names the
 * rootless default (`pasta`) among them, which is a network mode, not a network.
 */
function managedNetworks(networkSettings: unknown): string[] {
  return Object.keys(asRecord(asRecord(networkSettings).Networks))
    .filter((n) => !NETWORK_MODES.has(n))
    .sort();
}

/**
 * One container's list entry from its inspect JSON — what `toSummary` gives for the same container, field for
 * field, without the list endpoint (which walks every container to answer even an `id=` filter). Inspect names
 * the pod by id only: `podName` is the caller's lookup of it.
 */
export function summaryFromInspect(
  raw: unknown,
  podName: string | undefined,
  now = Date.now(),
): ContainerSummary {
  const c = asRecord(raw);
  const st = asRecord(c.State);
  const cfg = asRecord(c.Config);
  const state = toState(st.Status);
  const labels = asStringRecord(cfg.Labels);
  const startedAt = toSecond(isoOrUndefined(st.StartedAt));
  const finishedAt = toSecond(isoOrUndefined(st.FinishedAt));
  const exitCode = asNumber(st.ExitCode);
  const id = asString(c.Id);
  const s: ContainerSummary = {
    id,
    name: asString(c.Name).replace(/^\//, '') || id.slice(0, 12),
    image: asString(c.ImageName),
    imageId: asString(c.Image),
    command: asStringArray(cfg.Cmd),
    state,
    status: statusText(state, startedAt, finishedAt, exitCode, now),
    createdAt: isoOrUndefined(c.Created) ?? new Date(0).toISOString(),
    ports: portsFromInspect(asRecord(c.NetworkSettings).Ports),
    labels,
    networks: managedNetworks(c.NetworkSettings),
  };
  if (labels['io.burrow.userns']) s.userns = usernsFromInspect(undefined, labels);
  if (state === 'running' && startedAt) s.startedAt = startedAt;
  if (state === 'exited' || state === 'stopped') {
    s.exitCode = exitCode;
    if (finishedAt) s.finishedAt = finishedAt;
  }
  if (podName) s.pod = podName;
  if (asNumber(st.Pid) > 0) s.pid = asNumber(st.Pid);
  // The list's Status carries the check's verdict; inspect keeps it in State.Health (State.Healthcheck in 4.3).
  const health = toHealthState(asRecord(st.Health ?? st.Healthcheck).Status);
  if (health) s.health = health;
  return s;
}

function toMounts(v: unknown): Mount[] {
  const out: Mount[] = [];
  for (const m of Array.isArray(v) ? v : []) {
    const o = asRecord(m);
    const type = asString(o.Type);
    const target = asString(o.Destination);
    const rw = o.RW !== false;
    const opts = asStringArray(o.Options);
    if (type === 'volume')
      out.push({ type: 'volume', name: asString(o.Name), target, ...(rw ? {} : { readOnly: true }) });
    else if (type === 'tmpfs') out.push({ type: 'tmpfs', target });
    else {
      const options: BindOption[] = [];
      if (!rw) options.push('ro');
      for (const o2 of opts) if (o2 === 'z' || o2 === 'Z' || o2 === 'U' || o2 === 'idmap') options.push(o2);
      out.push({ type: 'bind', source: asString(o.Source), target, ...(options.length ? { options } : {}) });
    }
  }
  return out;
}

/** Tmpfs mounts only appear in HostConfig.Tmpfs ({"/tmp": "rw,size=64m"}). */
function tmpfsMounts(v: unknown): Mount[] {
  return Object.entries(asStringRecord(v)).map(([target, opts]) => {
    const size = /(?:^|,)size=([^,]+)/.exec(opts)?.[1];
    const mode = /(?:^|,)mode=([^,]+)/.exec(opts)?.[1];
    return { type: 'tmpfs' as const, target, ...(size ? { size } : {}), ...(mode ? { mode } : {}) };
  });
}

function restartPolicy(v: unknown): RestartPolicy {
  const n = asString(asRecord(v).Name);
  return n === 'always' || n === 'on-failure' || n === 'unless-stopped' ? n : 'no';
}

const NS = 1_000_000_000;

/** Config.Healthcheck (durations in nanoseconds) and the on-failure action, as Burrow's spec states them. */
export function toHealthcheck(v: unknown, onFailure: unknown): Healthcheck | undefined {
  const h = asRecord(v);
  const test = asStringArray(h.Test);
  if (test.length === 0 || test[0] === 'NONE') return undefined;
  const secs = (x: unknown) => (asNumber(x) > 0 ? { value: asNumber(x) / NS } : undefined);
  const interval = secs(h.Interval);
  const timeout = secs(h.Timeout);
  const start = secs(h.StartPeriod);
  const action = asString(onFailure);
  return {
    test,
    ...(interval ? { intervalSeconds: interval.value } : {}),
    ...(timeout ? { timeoutSeconds: timeout.value } : {}),
    ...(start ? { startPeriodSeconds: start.value } : {}),
    ...(asNumber(h.Retries) > 0 ? { retries: asNumber(h.Retries) } : {}),
    ...((HEALTH_ON_FAILURE as readonly string[]).includes(action) && action !== 'none'
      ? { onFailure: action as HealthOnFailure }
      : {}),
  };
}

/** State.Health: Podman 4.3 always has it (empty Status without a check), 5.x only with a check. */
export function toHealthResults(v: unknown): ContainerHealth | undefined {
  const h = asRecord(v);
  const status = toHealthState(h.Status);
  if (!status) return undefined;
  return {
    status,
    failingStreak: asNumber(h.FailingStreak),
    log: (Array.isArray(h.Log) ? h.Log : []).map((l) => {
      const o = asRecord(l);
      return {
        start: isoOrUndefined(o.Start) ?? '',
        end: isoOrUndefined(o.End) ?? '',
        exitCode: asNumber(o.ExitCode),
        output: asString(o.Output),
      };
    }),
  };
}

function stripCap(c: string): string {
  return c.replace(/^CAP_/, '');
}

/** The inspect document with Config.Env's secret variables masked (Podman < 5.3 shows them: maskSecretEnv). */
function withSecretEnvMasked(raw: unknown, secrets: ReturnType<typeof secretsFromLabels>): unknown {
  const c = asRecord(raw);
  const cfg = asRecord(c.Config);
  if (!secrets?.some((s) => s.as === 'env') || !Array.isArray(cfg.Env)) return raw;
  return { ...c, Config: { ...cfg, Env: maskSecretEnv(asStringArray(cfg.Env), secrets) } };
}

export function toDetail(inspected: unknown, now = Date.now()): ContainerDetail {
  const secrets = secretsFromLabels(asStringRecord(asRecord(asRecord(inspected).Config).Labels));
  const raw = withSecretEnvMasked(inspected, secrets);
  const c = asRecord(raw);
  const st = asRecord(c.State);
  const cfg = asRecord(c.Config);
  const hc = asRecord(c.HostConfig);
  const labels = asStringRecord(cfg.Labels);
  const state = toState(st.Status);
  const startedAt = isoOrUndefined(st.StartedAt);
  const finishedAt = isoOrUndefined(st.FinishedAt);
  const exitCode = asNumber(st.ExitCode);
  const networks = managedNetworks(c.NetworkSettings);
  const secOpts = asStringArray(hc.SecurityOpt);
  const seccomp = secOpts.find((s) => s.startsWith('seccomp='))?.slice('seccomp='.length);
  const requested = requestedLimitsFromLabels(labels);
  const runtime = asString(c.OCIRuntime);
  const d: ContainerDetail = {
    id: asString(c.Id),
    name: asString(c.Name).replace(/^\//, ''),
    image: asString(c.ImageName) || asString(cfg.Image),
    imageId: asString(c.Image),
    command: asStringArray(cfg.Cmd),
    state,
    status: statusText(state, startedAt, finishedAt, exitCode, now),
    createdAt: isoOrUndefined(c.Created) ?? new Date(0).toISOString(),
    ports: portsFromBindings(hc.PortBindings),
    labels,
    networks,
    userns: usernsFromInspect(
      asString(hc.UsernsMode),
      labels,
      asRecord(hc.IDMappings) as { UidMap?: string[]; GidMap?: string[] },
    ),
    raw,
    ...(secrets?.length ? { secrets } : {}),
    hostname: asString(cfg.Hostname),
    user: asString(cfg.User),
    env: asStringArray(cfg.Env),
    workdir: asString(cfg.WorkingDir),
    // 4.x reports the entrypoint as one string, 5.x as an array.
    entrypoint: Array.isArray(cfg.Entrypoint)
      ? asStringArray(cfg.Entrypoint)
      : asString(cfg.Entrypoint)
        ? asString(cfg.Entrypoint).split(' ')
        : [],
    mounts: [...toMounts(c.Mounts), ...tmpfsMounts(hc.Tmpfs)],
    networkMode: asString(hc.NetworkMode),
    restartPolicy: restartPolicy(hc.RestartPolicy),
    restartCount: asNumber(c.RestartCount),
    tty: cfg.Tty === true,
    stdin: cfg.OpenStdin === true,
    security: {
      capAdd: asStringArray(hc.CapAdd).map(stripCap),
      capDrop: asStringArray(hc.CapDrop).map(stripCap),
      noNewPrivileges: secOpts.includes('no-new-privileges') || secOpts.includes('no-new-privileges:true'),
      readOnlyRootfs: hc.ReadonlyRootfs === true,
      privileged: hc.Privileged === true,
      ...(seccomp ? { seccompProfile: seccomp } : {}),
      ...(runtime === 'runc' || runtime === 'crun' ? { runtime } : {}),
    },
    enforcedLimits: {
      memory: asNumber(hc.Memory),
      nanoCpus: asNumber(hc.NanoCpus),
      pidsLimit: asNumber(hc.PidsLimit),
      cpuShares: asNumber(hc.CpuShares),
    },
    oomKilled: st.OOMKilled === true,
    effectiveCaps: asStringArray(c.EffectiveCaps).map(stripCap),
  };
  if (asStringArray(c.BoundingCaps).length) d.boundingCaps = asStringArray(c.BoundingCaps).map(stripCap);
  if (hc.AutoRemove === true) d.autoRemove = true;
  if (asStringArray(hc.Dns).length) d.dns = asStringArray(hc.Dns);
  const healthcheck = toHealthcheck(cfg.Healthcheck, cfg.HealthcheckOnFailureAction);
  if (healthcheck) d.healthcheck = healthcheck;
  const healthResults = toHealthResults(st.Health ?? st.Healthcheck);
  if (healthResults) {
    d.healthResults = healthResults;
    d.health = healthResults.status;
  }
  const retries = asNumber(asRecord(hc.RestartPolicy).MaximumRetryCount);
  if (d.restartPolicy === 'on-failure' && retries > 0) d.restartRetries = retries;
  if (typeof cfg.StopTimeout === 'number') d.stopTimeout = cfg.StopTimeout;
  if (requested) d.requestedLimits = requested;
  if (state === 'running' && startedAt) d.startedAt = startedAt;
  if (state === 'exited' || state === 'stopped') d.exitCode = exitCode;
  if (finishedAt) d.finishedAt = finishedAt;
  if (asNumber(st.Pid) > 0) d.pid = asNumber(st.Pid);
  if (asString(c.Pod)) d.pod = asString(c.Pod);
  return d;
}

/**
 * Podman 4 sums a container's traffic in NetInput/NetOutput; Podman 5 reports it per interface instead
 * (`Network: {eth0: {RxBytes, TxBytes, …}}`) and has no totals.
 */
function networkBytes(s: Record<string, unknown>): { netInput: number; netOutput: number } {
  if (s.NetInput !== undefined || s.NetOutput !== undefined)
    return { netInput: asNumber(s.NetInput), netOutput: asNumber(s.NetOutput) };
  const perInterface = Object.values(asRecord(s.Network)).map(asRecord);
  const sum = (k: string) => perInterface.reduce((n, i) => n + asNumber(i[k]), 0);
  return { netInput: sum('RxBytes'), netOutput: sum('TxBytes') };
}

export function toStats(raw: unknown): ContainerStats {
  const s = asRecord(raw);
  return {
    id: asString(s.ContainerID) || asString(s.ContainerId),
    name: asString(s.Name),
    cpuPercent: asNumber(s.CPU),
    memUsage: asNumber(s.MemUsage),
    memLimit: asNumber(s.MemLimit),
    memPercent: asNumber(s.MemPerc),
    ...networkBytes(s),
    blockInput: asNumber(s.BlockInput),
    blockOutput: asNumber(s.BlockOutput),
    pids: asNumber(s.PIDs),
    at: new Date().toISOString(),
  };
}
