// The rootless doctor: every check says what it read (evidence), what that means (status + summary) and the exact
// fix. Facts come from the engine (`/libpod/info`, via HostFacts) where the engine reports them, and from the local
// host otherwise; for a remote engine the host-file checks say they do not apply rather than guess.
import { networkNameResolution } from '../model/network-dns.js';
import type { HostFacts } from '../model/types.js';
import type { HostProbe } from './host-probe.js';
import type { CheckStatus, DoctorCheck, DoctorReport } from '../model/insight.js';

const MIN_PODMAN = [4, 3, 0];
const LIMIT_CONTROLLERS = ['cpu', 'memory', 'io', 'pids'] as const;
/** The controllers behind the limits people set (Burrow's form, the seeds): without io only --blkio-weight is lost. */
const ESSENTIAL_CONTROLLERS = ['cpu', 'memory', 'pids'] as const;
const LIMITS_BY_CONTROLLER: Record<(typeof LIMIT_CONTROLLERS)[number], string> = {
  cpu: '--cpus, --cpu-shares',
  memory: '--memory, --memory-swap, --memory-reservation',
  io: '--blkio-weight',
  pids: '--pids-limit',
};

function versionAtLeast(version: string, min: number[]): boolean {
  const parts = version.split(/[.-]/).map((p) => Number.parseInt(p, 10));
  for (let i = 0; i < min.length; i++) {
    const a = parts[i] ?? 0;
    const b = min[i] ?? 0;
    if (Number.isNaN(a)) return false;
    if (a !== b) return a > b;
  }
  return true;
}

interface SubIdRange {
  owner: string;
  start: number;
  size: number;
}

export function parseSubIds(text: string | undefined): SubIdRange[] {
  if (!text) return [];
  const out: SubIdRange[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const [owner, start, size] = line.split(':');
    if (!owner || start === undefined || size === undefined) continue;
    const s = Number(start);
    const n = Number(size);
    if (Number.isInteger(s) && Number.isInteger(n)) out.push({ owner, start: s, size: n });
  }
  return out;
}

async function subIdCheck(
  kind: 'uid' | 'gid',
  probe: HostProbe,
  user: { name: string; uid: number },
): Promise<DoctorCheck> {
  const file = `/etc/sub${kind}`;
  const text = await probe.readFile(file);
  const ranges = parseSubIds(text);
  const mine = ranges.filter((r) => r.owner === user.name || r.owner === String(user.uid));
  const fix = `sudo usermod --add-sub${kind}s 100000-165535 ${user.name}   # pick a range no other user has`;
  if (text === undefined) {
    return {
      id: `sub${kind}`,
      title: `${file}`,
      status: 'fail',
      summary: `${file} does not exist`,
      evidence: [`${file}: missing`],
      fix,
    };
  }
  if (mine.length === 0) {
    return {
      id: `sub${kind}`,
      title: `${file}`,
      status: 'fail',
      summary: `No subordinate ${kind} range for ${user.name}: containers can only map one ${kind}`,
      evidence: [`${file}: no line for ${user.name} or ${user.uid}`],
      fix,
    };
  }
  const evidence = mine.map((r) => `${file}: ${r.owner}:${r.start}:${r.size}`);
  const overlaps: string[] = [];
  for (const m of mine) {
    for (const o of ranges) {
      if (o.owner === m.owner) continue;
      if (m.start < o.start + o.size && o.start < m.start + m.size) {
        overlaps.push(`${o.owner}:${o.start}:${o.size}`);
      }
    }
  }
  const total = mine.reduce((a, r) => a + r.size, 0);
  if (overlaps.length > 0) {
    return {
      id: `sub${kind}`,
      title: file,
      status: 'warn',
      summary: `${user.name}'s range overlaps other users' ranges: their containers could share host ${kind}s with yours`,
      evidence: [...evidence, ...overlaps.map((o) => `overlaps ${o}`)],
      fix: `Give each user a disjoint range in ${file} (sudo usermod --del-sub${kind}s/--add-sub${kind}s), then podman system migrate`,
    };
  }
  if (total < 65536) {
    return {
      id: `sub${kind}`,
      title: file,
      status: 'warn',
      summary: `${total} subordinate ${kind}s: images with ${kind}s above ${total} will fail to unpack`,
      evidence,
      fix,
    };
  }
  return {
    id: `sub${kind}`,
    title: file,
    status: 'ok',
    summary: `${total} subordinate ${kind}s for ${user.name}`,
    evidence,
  };
}

async function idmapToolCheck(
  tool: 'newuidmap' | 'newgidmap',
  facts: HostFacts,
  probe: HostProbe,
): Promise<DoctorCheck> {
  const path =
    (tool === 'newuidmap' ? facts.newuidmapPath : facts.newgidmapPath) ?? (await probe.which(tool));
  if (!path) {
    return {
      id: tool,
      title: tool,
      status: 'fail',
      summary: `${tool} is missing: rootless Podman cannot map more than your own ${tool === 'newuidmap' ? 'uid' : 'gid'}`,
      evidence: [`${tool}: not on PATH`],
      fix: 'sudo apt-get install uidmap   # (Fedora: shadow-utils)',
    };
  }
  const st = await probe.stat(path);
  const caps = (await probe.run('getcap', [path]))?.trim();
  const setuid = st ? (st.mode & 0o4000) !== 0 && st.uid === 0 : false;
  const hasCaps = !!caps && /cap_set[ug]id/.test(caps);
  const evidence = [
    `${path}: mode ${st ? (st.mode & 0o7777).toString(8) : 'unknown'}, owner uid ${st?.uid ?? '?'}`,
  ];
  if (caps) evidence.push(`getcap: ${caps}`);
  if (setuid || hasCaps) {
    return {
      id: tool,
      title: tool,
      status: 'ok',
      summary: `${tool} is ${setuid ? 'setuid root' : 'granted file capabilities'}`,
      evidence,
    };
  }
  return {
    id: tool,
    title: tool,
    status: 'fail',
    summary: `${tool} is neither setuid root nor has cap_set${tool === 'newuidmap' ? 'uid' : 'gid'}: mapping will fail`,
    evidence,
    fix: `sudo setcap cap_set${tool === 'newuidmap' ? 'uid' : 'gid'}+ep ${path}   # or: sudo chmod u+s ${path}`,
  };
}

/** Hybrid hierarchy: v1 controllers plus a cgroup2 mount (usually /sys/fs/cgroup/unified) that carries some. */
export function detectHybridCgroups(mountinfo: string | undefined): {
  hybrid: boolean;
  unifiedMount?: string;
} {
  if (!mountinfo) return { hybrid: false };
  let v1 = false;
  let unifiedMount: string | undefined;
  for (const line of mountinfo.split('\n')) {
    const sep = line.indexOf(' - ');
    if (sep < 0) continue;
    const fields = line.slice(0, sep).split(' ');
    const fstype = line.slice(sep + 3).split(' ')[0];
    const mountPoint = fields[4];
    if (fstype === 'cgroup') v1 = true;
    if (fstype === 'cgroup2' && mountPoint) unifiedMount = mountPoint;
  }
  return v1 && unifiedMount ? { hybrid: true, unifiedMount } : { hybrid: false };
}

async function cgroupCheck(facts: HostFacts, host: HostProbe | undefined): Promise<DoctorCheck[]> {
  const checks: DoctorCheck[] = [];
  const evidence = [`engine: cgroupVersion ${facts.cgroupVersion}, cgroupManager ${facts.cgroupManager}`];
  if (facts.cgroupVersion === 'v1') {
    let hybridNote = '';
    if (host) {
      const h = detectHybridCgroups(await host.readFile('/proc/self/mountinfo'));
      if (h.hybrid) {
        hybridNote = ` (hybrid: a cgroup2 hierarchy is also mounted at ${h.unifiedMount})`;
        const ctl = (await host.readFile(`${h.unifiedMount}/cgroup.controllers`))?.trim();
        evidence.push(`${h.unifiedMount}/cgroup.controllers: ${ctl || '(empty)'}`);
      }
    }
    checks.push({
      id: 'cgroups',
      title: 'cgroup version and delegation',
      status: 'warn',
      summary: `cgroup v1${hybridNote}: rootless containers get no resource limits on this host`,
      evidence,
      fix: 'Boot with cgroup v2 (systemd.unified_cgroup_hierarchy=1 on the kernel command line), then delegate controllers to users (see the limits check).',
    });
  } else {
    const delegated = facts.cgroupControllers;
    evidence.push(`delegated to the user: ${delegated.length ? delegated.join(' ') : '(none)'}`);
    const missing = LIMIT_CONTROLLERS.filter((c) => !delegated.includes(c));
    const essentialMissing = ESSENTIAL_CONTROLLERS.filter((c) => !delegated.includes(c));
    const have = LIMIT_CONTROLLERS.filter((c) => delegated.includes(c));
    checks.push({
      id: 'cgroups',
      title: 'cgroup version and delegation',
      status:
        essentialMissing.length === 0
          ? 'ok'
          : essentialMissing.length === ESSENTIAL_CONTROLLERS.length
            ? 'fail'
            : 'warn',
      summary:
        missing.length === 0
          ? 'cgroup v2 with cpu, memory, io and pids delegated to you'
          : essentialMissing.length === 0
            ? `cgroup v2 with ${have.join(', ')} delegated to you; not delegated: ${missing.join(', ')}`
            : `cgroup v2; not delegated to you: ${missing.join(', ')}`,
      evidence,
      ...(missing.length > 0
        ? {
            fix: 'sudo mkdir -p /etc/systemd/system/user@.service.d && printf "[Service]\\nDelegate=cpu cpuset io memory pids\\n" | sudo tee /etc/systemd/system/user@.service.d/delegate.conf && sudo systemctl daemon-reload, then log in again',
          }
        : {}),
    });
  }
  const ignored = LIMIT_CONTROLLERS.filter((c) => !facts.enforceableLimits.includes(c)).map(
    (c) => LIMITS_BY_CONTROLLER[c],
  );
  const essentialEnforced = ESSENTIAL_CONTROLLERS.every((c) => facts.enforceableLimits.includes(c));
  checks.push({
    id: 'limits',
    title: 'Resource limits',
    status: essentialEnforced ? 'ok' : 'warn',
    summary:
      ignored.length === 0
        ? 'Limits you set are enforced'
        : essentialEnforced
          ? `Memory, CPU and PID limits are enforced; ignored: ${ignored.join('; ')} (its controller is not delegated)`
          : `Ignored on this host: ${ignored.join('; ')}. Podman accepts them and silently runs without them.`,
    evidence: [
      facts.limitsReason,
      `enforceable: ${facts.enforceableLimits.length ? facts.enforceableLimits.join(', ') : 'none'}`,
    ],
    ...(ignored.length > 0
      ? { fix: 'Use cgroup v2 with the controllers delegated to your user (see the cgroup check).' }
      : {}),
  });
  return checks;
}

async function runtimeCheck(facts: HostFacts, host: HostProbe | undefined): Promise<DoctorCheck> {
  const evidence = [
    `engine: ociRuntime ${facts.ociRuntime}${facts.ociRuntimePath ? ` (${facts.ociRuntimePath})` : ''}`,
  ];
  const hybrid = host ? detectHybridCgroups(await host.readFile('/proc/self/mountinfo')).hybrid : false;
  const crunPath = host ? await host.which('crun') : undefined;
  const runcPath = host ? await host.which('runc') : undefined;
  if (host) evidence.push(`crun: ${crunPath ?? 'not installed'}`, `runc: ${runcPath ?? 'not installed'}`);
  if (facts.ociRuntime === 'crun' && hybrid) {
    return {
      id: 'runtime',
      title: 'OCI runtime',
      status: 'fail',
      summary:
        'crun refuses hybrid cgroups ("cgroups in hybrid mode not supported"): containers will not start',
      evidence,
      fix: `sudo apt-get install runc; then add to ~/.config/containers/containers.conf:\n[engine]\nruntime = "runc"`,
    };
  }
  if (facts.ociRuntime === 'runc' && hybrid) {
    return {
      id: 'runtime',
      title: 'OCI runtime',
      status: 'ok',
      summary: 'runc, which works on hybrid cgroups (crun would refuse them here)',
      evidence,
    };
  }
  return {
    id: 'runtime',
    title: 'OCI runtime',
    status: 'ok',
    summary: `${facts.ociRuntime} is in use`,
    evidence,
  };
}

function portCheck(facts: HostFacts): DoctorCheck {
  const start = facts.unprivilegedPortStart;
  if (start === undefined) {
    return {
      id: 'ports',
      title: 'Unprivileged port start',
      status: 'info',
      summary: 'Not readable for this engine (remote host)',
      evidence: ['net.ipv4.ip_unprivileged_port_start: unknown'],
    };
  }
  return {
    id: 'ports',
    title: 'Unprivileged port start',
    status: start <= 80 ? 'ok' : 'info',
    summary:
      start === 0
        ? 'You can publish any port, including 80 and 443'
        : `Host ports below ${start} cannot be published rootless`,
    evidence: [`/proc/sys/net/ipv4/ip_unprivileged_port_start: ${start}`],
    ...(start > 80
      ? {
          fix: `sudo sysctl -w net.ipv4.ip_unprivileged_port_start=80 && echo net.ipv4.ip_unprivileged_port_start=80 | sudo tee /etc/sysctl.d/50-unprivileged-ports.conf`,
        }
      : {}),
  };
}

async function networkCheck(facts: HostFacts, host: HostProbe | undefined): Promise<DoctorCheck> {
  const tool =
    facts.rootlessNetworkCmd ??
    (host
      ? (await host.which('pasta'))
        ? 'pasta'
        : (await host.which('slirp4netns'))
          ? 'slirp4netns'
          : undefined
      : undefined);
  const evidence = [
    `engine: networkBackend ${facts.networkBackend}`,
    `rootless network tool: ${tool ?? 'unknown'}`,
  ];
  if (host) {
    const tun = await host.stat('/dev/net/tun');
    evidence.push(`/dev/net/tun: ${tun ? `mode ${(tun.mode & 0o777).toString(8)}` : 'missing'}`);
    if (!tun || (tun.mode & 0o006) !== 0o006) {
      return {
        id: 'network',
        title: 'Rootless networking',
        status: 'fail',
        summary:
          '/dev/net/tun is not usable by you: slirp4netns and pasta cannot create the container network',
        evidence,
        fix: 'sudo chmod 666 /dev/net/tun   # (on most distributions udev does this; check why it is not)',
      };
    }
  }
  if (!tool) {
    return {
      id: 'network',
      title: 'Rootless networking',
      status: 'fail',
      summary: 'Neither pasta nor slirp4netns is installed: containers get no network',
      evidence,
      fix: 'sudo apt-get install passt   # or slirp4netns',
    };
  }
  const note =
    tool === 'pasta'
      ? 'pasta: IPv6, host addresses copied into the container'
      : 'slirp4netns: IPv4 user-mode networking, slower than pasta';
  return {
    id: 'network',
    title: 'Rootless networking',
    status: 'ok',
    summary: `${facts.networkBackend} with ${note}`,
    evidence,
  };
}

function nameResolutionCheck(facts: HostFacts): DoctorCheck {
  const v = networkNameResolution(facts);
  return {
    id: 'network-dns',
    title: 'Container names on created networks',
    status: v.status === 'ok' ? 'ok' : v.status === 'broken' ? 'warn' : 'info',
    summary: v.summary,
    evidence: v.evidence,
    ...(v.fix ? { fix: v.fix } : {}),
  };
}

function storageCheck(facts: HostFacts): DoctorCheck {
  const evidence = [
    `engine: graphDriverName ${facts.storageDriver}`,
    `graphRoot ${facts.graphRoot}`,
    `runRoot ${facts.runRoot}`,
  ];
  const d = facts.storageDriver;
  if (d === 'vfs') {
    return {
      id: 'storage',
      title: 'Storage driver',
      status: 'warn',
      summary: 'vfs: every layer is a full copy — slow and disk hungry',
      evidence,
      fix: 'Set driver = "overlay" under [storage] in ~/.config/containers/storage.conf (native on kernel ≥ 5.13, else install fuse-overlayfs), then `podman system reset` (deletes images and containers)',
    };
  }
  return {
    id: 'storage',
    title: 'Storage driver',
    status: 'ok',
    summary: d === 'overlay' ? 'overlay (native rootless overlay or fuse-overlayfs), layers shared' : `${d}`,
    evidence,
  };
}

function registriesCheck(facts: HostFacts): DoctorCheck {
  const regs = facts.searchRegistries;
  return regs.length > 0
    ? {
        id: 'registries',
        title: 'Short image names',
        status: 'ok',
        summary: `Short names like "alpine" are searched in ${regs.join(', ')}`,
        evidence: [`unqualified-search-registries = ${JSON.stringify(regs)}`],
      }
    : {
        id: 'registries',
        title: 'Short image names',
        status: 'warn',
        summary:
          'No search registries: short names like "alpine" fail; use full names (docker.io/library/alpine)',
        evidence: ['unqualified-search-registries = []'],
        fix: 'Add to ~/.config/containers/registries.conf: unqualified-search-registries = ["docker.io"]',
      };
}

async function lingerCheck(probe: HostProbe, user: { name: string }): Promise<DoctorCheck> {
  const path = `/var/lib/systemd/linger/${user.name}`;
  const st = await probe.stat(path);
  return st
    ? {
        id: 'linger',
        title: 'Linger',
        status: 'ok',
        summary: 'Your containers keep running after you log out',
        evidence: [`${path}: present`],
      }
    : {
        id: 'linger',
        title: 'Linger',
        status: 'info',
        summary: 'Without linger, systemd stops your containers (and Quadlet units) when you log out',
        evidence: [`${path}: absent`],
        fix: `loginctl enable-linger ${user.name}`,
      };
}

async function loginuidCheck(probe: HostProbe): Promise<DoctorCheck> {
  const raw = (await probe.readFile('/proc/self/loginuid'))?.trim();
  const unset = raw === undefined || raw === '4294967295';
  return {
    id: 'loginuid',
    title: 'Audit trail (loginuid)',
    status: 'info',
    summary: unset
      ? 'This session has no login uid (not started through a login), so the audit log cannot attribute container actions to you'
      : `Containers you start inherit loginuid ${raw}: the audit log records you, not a daemon (Podman's fork/exec model)`,
    evidence: [`/proc/self/loginuid: ${raw ?? 'unreadable'}`],
  };
}

/** `host`: the engine's machine when it is this one (engine.host.local); undefined for a remote engine. */
export async function runDoctor(facts: HostFacts, host: HostProbe | undefined): Promise<DoctorReport> {
  const local = host !== undefined;
  const checks: DoctorCheck[] = [];
  const ok = versionAtLeast(facts.podmanVersion, MIN_PODMAN);
  checks.push({
    id: 'podman',
    title: 'Podman',
    status: ok ? 'ok' : 'fail',
    summary: ok
      ? `Podman ${facts.podmanVersion}`
      : `Podman ${facts.podmanVersion} is older than 4.3, which Burrow needs`,
    evidence: [`engine: version ${facts.podmanVersion}, API ${facts.apiVersion}`],
    ...(ok ? {} : { fix: 'Upgrade Podman (Debian 12: 4.3.1; Debian 13: 5.4)' }),
  });
  checks.push(
    facts.rootless
      ? {
          id: 'rootless',
          title: 'Rootless',
          status: 'ok',
          summary: `The engine runs as uid ${facts.uid}, not root`,
          evidence: ['engine: host.security.rootless true', `uid ${facts.uid}`],
        }
      : {
          id: 'rootless',
          title: 'Rootless',
          status: 'fail',
          summary: 'The engine runs as root: containers escaping their namespace are root on the host',
          evidence: ['engine: host.security.rootless false'],
          fix: 'Run Burrow as your normal user (not with sudo); it starts a rootless Podman service of its own',
        },
  );
  if (host) {
    const user = host.user();
    checks.push(await subIdCheck('uid', host, user), await subIdCheck('gid', host, user));
    checks.push(
      await idmapToolCheck('newuidmap', facts, host),
      await idmapToolCheck('newgidmap', facts, host),
    );
  } else {
    const u = facts.idMappings.uidMap;
    checks.push({
      id: 'subuid',
      title: 'Subordinate ids (remote engine)',
      status: u.length > 1 ? 'ok' : 'warn',
      summary: u.length > 1 ? 'The engine maps a subordinate range' : 'The engine maps only one uid',
      evidence: u.map((m) => `uid ${m.containerId} → ${m.hostId} (${m.size})`),
    });
  }
  checks.push(...(await cgroupCheck(facts, host)));
  checks.push(await runtimeCheck(facts, host));
  checks.push(portCheck(facts));
  checks.push(await networkCheck(facts, host));
  checks.push(nameResolutionCheck(facts));
  checks.push(storageCheck(facts));
  checks.push(registriesCheck(facts));
  if (host) checks.push(await lingerCheck(host, host.user()), await loginuidCheck(host));
  const counts: Record<CheckStatus, number> = { ok: 0, warn: 0, fail: 0, info: 0 };
  for (const c of checks) counts[c.status] += 1;
  return { checks, counts, local };
}

/** Plain-text rendering, for the CLI and the README. */
export function formatDoctorReport(report: DoctorReport): string {
  const mark: Record<CheckStatus, string> = { ok: 'ok  ', warn: 'warn', fail: 'FAIL', info: 'info' };
  const lines: string[] = [];
  for (const c of report.checks) {
    lines.push(`[${mark[c.status]}] ${c.title}: ${c.summary}`);
    for (const e of c.evidence) lines.push(`         read: ${e}`);
    if (c.fix)
      for (const [i, f] of c.fix.split('\n').entries())
        lines.push(`         ${i === 0 ? 'fix: ' : '     '}${f}`);
  }
  const { ok, warn, fail, info } = report.counts;
  lines.push(`${ok} ok, ${warn} warnings, ${fail} failures, ${info} notes`);
  return lines.join('\n');
}
