import { describe, expect, it } from 'vitest';
import type { HostFacts } from '../model/types.js';
import { detectHybridCgroups, formatDoctorReport, parseSubIds, runDoctor } from './doctor.js';
import type { FileStat, HostProbe } from './host-probe.js';

const HYBRID_MOUNTINFO = [
  '31 23 0:28 / /sys/fs/cgroup rw,relatime shared:5 - tmpfs tmpfs rw,mode=755',
  '32 31 0:29 / /sys/fs/cgroup/cpu rw,relatime shared:6 - cgroup cgroup rw,cpu',
  '35 31 0:32 / /sys/fs/cgroup/memory rw,relatime shared:9 - cgroup cgroup rw,memory',
  '41 31 0:38 / /sys/fs/cgroup/unified rw,relatime shared:15 - cgroup2 cgroup2 rw',
].join('\n');
const V2_MOUNTINFO = '29 23 0:26 / /sys/fs/cgroup rw,nosuid shared:4 - cgroup2 cgroup2 rw,nsdelegate';

/** Host facts; an override set to undefined removes that field. */
function facts(over: { [K in keyof HostFacts]?: HostFacts[K] | undefined } = {}): HostFacts {
  const f: Record<string, unknown> = {
    podmanVersion: '4.3.1',
    apiVersion: '4.3.1',
    rootless: true,
    uid: 1001,
    gid: 1001,
    cgroupVersion: 'v1',
    cgroupManager: 'cgroupfs',
    cgroupControllers: [],
    ociRuntime: 'runc',
    networkBackend: 'cni',
    storageDriver: 'overlay',
    graphRoot: '/home/u/.local/share/containers/storage',
    runRoot: '/run/user/1001/containers',
    searchRegistries: [],
    idMappings: { uidMap: [], gidMap: [] },
    kernel: '6.1',
    os: 'linux',
    hostname: 'h',
    unprivilegedPortStart: 1024,
    limitsEnforced: false,
    limitsReason: 'cgroup v1: rootless containers cannot be given limits',
    enforceableLimits: [],
    ...over,
  };
  for (const k of Object.keys(f)) if (f[k] === undefined) delete f[k];
  return f as unknown as HostFacts;
}

function probe(
  files: Record<string, string>,
  stats: Record<string, FileStat> = {},
  bins: string[] = [],
): HostProbe {
  return {
    readFile: async (p) => files[p],
    stat: async (p) => stats[p],
    which: async (b) => (bins.includes(b) ? `/usr/bin/${b}` : undefined),
    run: async () => undefined,
    user: () => ({ name: 'u', uid: 1001, gid: 1001 }),
  };
}

const SETUID = { mode: 0o104755, uid: 0, gid: 0 };
const TUN = { mode: 0o20666, uid: 0, gid: 0 };

describe('doctor', () => {
  it('reports this kind of host truthfully: hybrid cgroups, runc, limits not enforced', async () => {
    const report = await runDoctor(
      facts(),
      probe(
        {
          '/etc/subuid': 'u:100000:65536\n',
          '/etc/subgid': 'u:100000:65536\n',
          '/proc/self/mountinfo': HYBRID_MOUNTINFO,
          '/sys/fs/cgroup/unified/cgroup.controllers': 'hugetlb\n',
          '/proc/self/loginuid': '4294967295',
        },
        { '/usr/bin/newuidmap': SETUID, '/usr/bin/newgidmap': SETUID, '/dev/net/tun': TUN },
        ['newuidmap', 'newgidmap', 'runc', 'crun', 'slirp4netns'],
      ),
    );
    const byId = Object.fromEntries(report.checks.map((c) => [c.id, c]));
    expect(byId.cgroups?.status).toBe('warn');
    expect(byId.cgroups?.summary).toMatch(/hybrid/);
    expect(byId.cgroups?.evidence.join('\n')).toContain('hugetlb');
    expect(byId.limits?.status).toBe('warn');
    expect(byId.limits?.summary).toContain('--memory');
    expect(byId.runtime?.status).toBe('ok');
    expect(byId.runtime?.summary).toMatch(/runc.*crun would refuse/);
    expect(byId.ports?.summary).toContain('below 1024');
    expect(byId.ports?.fix).toContain('ip_unprivileged_port_start');
    expect(byId.registries?.status).toBe('warn');
    expect(byId.linger?.fix).toBe('loginctl enable-linger u');
    expect(byId.loginuid?.summary).toMatch(/no login uid/);
    expect(report.counts.fail).toBe(0);
    expect(formatDoctorReport(report)).toMatch(/\[warn\] Resource limits/);
  });

  it('fails crun on hybrid cgroups and says to use runc', async () => {
    const report = await runDoctor(
      facts({ ociRuntime: 'crun' }),
      probe({ '/proc/self/mountinfo': HYBRID_MOUNTINFO }, {}, ['crun']),
    );
    const runtime = report.checks.find((c) => c.id === 'runtime');
    expect(runtime?.status).toBe('fail');
    expect(runtime?.fix).toContain('runtime = "runc"');
  });

  it('on cgroup v2 names the controllers that are not delegated and the limits they drop', async () => {
    const report = await runDoctor(
      facts({
        cgroupVersion: 'v2',
        cgroupControllers: ['cpu', 'memory', 'pids'],
        enforceableLimits: ['cpu', 'memory', 'pids'],
        limitsEnforced: true,
        ociRuntime: 'crun',
      }),
      probe({ '/proc/self/mountinfo': V2_MOUNTINFO }, { '/dev/net/tun': TUN }, ['crun', 'pasta']),
    );
    const cg = report.checks.find((c) => c.id === 'cgroups');
    // The Debian 13 default: the limits people set work; only --blkio-weight is lost.
    expect(cg?.status).toBe('ok');
    expect(cg?.summary).toBe('cgroup v2 with cpu, memory, pids delegated to you; not delegated: io');
    expect(cg?.fix).toContain('Delegate=');
    const limits = report.checks.find((c) => c.id === 'limits');
    expect(limits?.status).toBe('ok');
    expect(limits?.summary).toContain('--blkio-weight');
    expect(limits?.summary).not.toContain('--memory');
    expect(report.checks.find((c) => c.id === 'runtime')?.status).toBe('ok');

    const noMemory = await runDoctor(
      facts({
        cgroupVersion: 'v2',
        cgroupControllers: ['cpu', 'pids'],
        enforceableLimits: ['cpu', 'pids'],
        limitsEnforced: true,
        ociRuntime: 'crun',
      }),
      probe({ '/proc/self/mountinfo': V2_MOUNTINFO }, { '/dev/net/tun': TUN }, ['crun', 'pasta']),
    );
    expect(noMemory.checks.find((c) => c.id === 'cgroups')).toMatchObject({
      status: 'warn',
      summary: 'cgroup v2; not delegated to you: memory, io',
    });
    expect(noMemory.checks.find((c) => c.id === 'limits')?.status).toBe('warn');
  });

  it('finds overlapping subordinate ranges and missing entries', async () => {
    const report = await runDoctor(
      facts(),
      probe({
        '/etc/subuid': 'u:100000:65536\nother:150000:65536\n',
        '/etc/subgid': 'someone:100000:65536\n',
      }),
    );
    const subuid = report.checks.find((c) => c.id === 'subuid');
    expect(subuid?.status).toBe('warn');
    expect(subuid?.evidence).toContain('overlaps other:150000:65536');
    const subgid = report.checks.find((c) => c.id === 'subgid');
    expect(subgid?.status).toBe('fail');
    expect(subgid?.fix).toContain('usermod --add-subgids');
  });

  it('flags a newuidmap without setuid or capabilities, and a missing one', async () => {
    const report = await runDoctor(
      facts(),
      probe({}, { '/usr/bin/newuidmap': { mode: 0o100755, uid: 0, gid: 0 } }, ['newuidmap']),
    );
    expect(report.checks.find((c) => c.id === 'newuidmap')?.status).toBe('fail');
    expect(report.checks.find((c) => c.id === 'newuidmap')?.fix).toContain('setcap');
    expect(report.checks.find((c) => c.id === 'newgidmap')?.summary).toMatch(/missing/);
  });

  it('does not read local files for a remote engine', async () => {
    // Remote: the engine has no local host to give the doctor, so there is nothing it could read.
    const report = await runDoctor(facts({ unprivilegedPortStart: undefined }), undefined);
    expect(report.local).toBe(false);
    expect(report.checks.some((c) => c.id === 'linger' || c.id === 'newuidmap')).toBe(false);
    expect(report.checks.find((c) => c.id === 'ports')?.status).toBe('info');
  });

  it('warns, with the fix, when containers on a created network cannot reach each other by name', async () => {
    const dnsCheck = async (over: Partial<HostFacts>) =>
      (await runDoctor(facts(over), undefined)).checks.find((c) => c.id === 'network-dns');
    const broken = await dnsCheck({ networkDns: { source: 'host', searched: ['/usr/lib/cni'] } });
    expect(broken).toMatchObject({
      status: 'warn',
      evidence: ['engine: networkBackend cni', 'dnsname: not in /usr/lib/cni'],
    });
    expect(broken?.summary).toMatch(/cannot reach each other by name/);
    expect(broken?.fix).toMatch(/network_backend = "netavark"/);
    const ok = await dnsCheck({
      networkBackend: 'netavark',
      networkDns: { source: 'engine', path: '/usr/lib/podman/aardvark-dns' },
    });
    expect(ok).toMatchObject({ status: 'ok' });
    expect(ok?.fix).toBeUndefined();
    expect((await dnsCheck({}))?.status).toBe('info');
  });

  it('reports a root engine and an old podman as failures', async () => {
    const report = await runDoctor(facts({ rootless: false, podmanVersion: '4.2.9' }), undefined);
    expect(report.checks.find((c) => c.id === 'rootless')?.status).toBe('fail');
    expect(report.checks.find((c) => c.id === 'podman')?.status).toBe('fail');
  });

  it('parses subordinate id files and mountinfo', () => {
    expect(parseSubIds('# c\nu:100000:65536\nbad\n1001:200000:10\n')).toEqual([
      { owner: 'u', start: 100000, size: 65536 },
      { owner: '1001', start: 200000, size: 10 },
    ]);
    expect(detectHybridCgroups(HYBRID_MOUNTINFO)).toEqual({
      hybrid: true,
      unifiedMount: '/sys/fs/cgroup/unified',
    });
    expect(detectHybridCgroups(V2_MOUNTINFO)).toEqual({ hybrid: false });
  });
});
