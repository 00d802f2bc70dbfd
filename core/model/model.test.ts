import { toDetail, toStats } from '../clients/containers-mapping.js';
import { describe, expect, it } from 'vitest';
import type { CreateContainerSpec, HostFacts, UsernsMode } from './types.js';
import { formatBytes, parseBytes, parseCpuset } from './quantities.js';
import {
  droppedLimits,
  limitsWarning,
  requestedLimitsFromLabels,
  maskSecretEnv,
  SECRETS_LABEL,
  secretsFromLabels,
  toSpecGenerator,
  REQUESTED_LIMITS_LABEL,
} from './spec-generator.js';
import { describeUserns, formatUserns, parseUserns, usernsFromInspect, USERNS_LABEL } from './userns.js';

const host = (over: Partial<HostFacts> = {}): HostFacts => ({
  podmanVersion: '4.3.1',
  apiVersion: '4.3.1',
  rootless: true,
  uid: 1000,
  gid: 1000,
  cgroupVersion: 'v2',
  cgroupManager: 'systemd',
  cgroupControllers: ['cpu', 'cpuset', 'memory', 'io', 'pids'],
  ociRuntime: 'crun',
  networkBackend: 'netavark',
  storageDriver: 'overlay',
  graphRoot: '/g',
  runRoot: '/r',
  searchRegistries: [],
  idMappings: {
    uidMap: [
      { containerId: 0, hostId: 1000, size: 1 },
      { containerId: 1, hostId: 100000, size: 65536 },
    ],
    gidMap: [
      { containerId: 0, hostId: 1000, size: 1 },
      { containerId: 1, hostId: 100000, size: 65536 },
    ],
  },
  kernel: '6',
  os: 'linux',
  hostname: 'h',
  limitsEnforced: true,
  limitsReason: 'cgroup v2',
  enforceableLimits: ['cpu', 'cpuset', 'memory', 'io', 'pids'],
  ...over,
});

describe('userns', () => {
  const forms: [string, UsernsMode][] = [
    ['host', { kind: 'host' }],
    ['keep-id', { kind: 'keep-id' }],
    ['keep-id:uid=1001', { kind: 'keep-id', uid: 1001 }],
    ['keep-id:gid=20', { kind: 'keep-id', gid: 20 }],
    ['keep-id:uid=1001,gid=1001', { kind: 'keep-id', uid: 1001, gid: 1001 }],
    ['nomap', { kind: 'nomap' }],
    ['auto', { kind: 'auto' }],
    ['auto:size=2048', { kind: 'auto', size: 2048 }],
  ];
  it.each(forms)('parses and formats %s', (text, mode) => {
    expect(parseUserns(text)).toEqual(mode);
    expect(formatUserns(mode)).toBe(text);
    expect(parseUserns(formatUserns(mode))).toEqual(mode);
    expect(describeUserns(mode).length).toBeGreaterThan(20);
  });
  it('treats the empty string as host and accepts gid-first order', () => {
    expect(parseUserns('')).toEqual({ kind: 'host' });
    expect(parseUserns('keep-id:gid=2,uid=1')).toEqual({ kind: 'keep-id', uid: 1, gid: 2 });
  });
  it.each([
    'keep-id:uid=abc',
    'keep-id:',
    'keep-id:uid',
    'keep-id:uid=1=2',
    'auto:size=0',
    'private',
    'ns:/proc/1/ns/user',
  ])('rejects %s naming the field', (text) => {
    expect(() => parseUserns(text)).toThrow(
      expect.objectContaining({ code: 'invalid_input', field: 'userns' }),
    );
  });
  it('prefers Burrow’s label over inspect’s "private"', () => {
    expect(usernsFromInspect('private', { [USERNS_LABEL]: 'nomap' })).toEqual({ kind: 'nomap' });
    expect(usernsFromInspect('keep-id:uid=5')).toEqual({ kind: 'keep-id', uid: 5 });
    expect(usernsFromInspect('')).toEqual({ kind: 'host' });
  });
  it('classifies the explicit maps Podman 4.x reports as "private" (captured from podman inspect)', () => {
    const keepId = {
      UidMap: ['0:1:1001', '1001:0:1', '1002:1002:64535'],
      GidMap: ['0:1:1001', '1001:0:1', '1002:1002:64535'],
    };
    expect(usernsFromInspect('private', {}, keepId)).toEqual({ kind: 'keep-id', uid: 1001, gid: 1001 });
    expect(usernsFromInspect('private', {}, { UidMap: ['0:1:65536'], GidMap: ['0:1:65536'] })).toEqual({
      kind: 'nomap',
    });
    expect(usernsFromInspect('', {}, null)).toEqual({ kind: 'host' });
  });
});

describe('quantities', () => {
  it('parses sizes in binary units', () => {
    expect(parseBytes('512m')).toBe(512 * 1024 * 1024);
    expect(parseBytes('1.5g')).toBe(1.5 * 1024 ** 3);
    expect(parseBytes('1024')).toBe(1024);
    expect(parseBytes('64MB')).toBe(64 * 1024 * 1024);
    expect(parseBytes('12zb')).toBeUndefined();
    expect(parseBytes('-1')).toBeUndefined();
    expect(formatBytes(1536)).toBe('1.5 KiB');
  });
  it('parses cpusets', () => {
    expect(parseCpuset('0-2,5')).toEqual([0, 1, 2, 5]);
    expect(parseCpuset('0-')).toBeUndefined();
    expect(parseCpuset('3-1')).toBeUndefined();
  });
});

describe('SpecGenerator mapping', () => {
  const full: CreateContainerSpec = {
    image: 'localhost/x:1',
    name: 'web',
    command: ['httpd', '-f'],
    entrypoint: ['/bin/sh', '-c'],
    env: ['A=1', 'B=x=y'],
    workdir: '/www',
    user: '1001',
    labels: { app: 'web' },
    hostname: 'web-host',
    ports: [
      { containerPort: 8080, hostPort: 18080, hostIp: '127.0.0.1', protocol: 'tcp' },
      { containerPort: 53, protocol: 'udp', range: 2 },
    ],
    mounts: [
      { type: 'bind', source: '/data', target: '/data', options: ['ro', 'Z', 'U'] },
      { type: 'volume', name: 'cache', target: '/cache', readOnly: true },
      { type: 'tmpfs', target: '/tmp', size: '64m', mode: '1777' },
    ],
    userns: { kind: 'keep-id', uid: 1001, gid: 1001 },
    network: { kind: 'bridge', networks: ['appnet', 'other'] },
    limits: {
      memory: '512m',
      memorySwap: '1g',
      memoryReservation: '256m',
      cpus: 1.5,
      cpuShares: 512,
      cpusetCpus: '0-1',
      pidsLimit: 100,
      blkioWeight: 300,
    },
    security: {
      capAdd: ['NET_BIND_SERVICE'],
      capDrop: ['ALL'],
      noNewPrivileges: true,
      readOnlyRootfs: true,
      seccompProfile: '/s.json',
      privileged: false,
      runtime: 'runc',
    },
    restartPolicy: 'on-failure',
    restartRetries: 3,
    stopTimeout: 2,
    autoRemove: false,
    tty: true,
    stdin: true,
    dns: ['1.1.1.1'],
    healthcheck: {
      test: ['CMD-SHELL', 'true'],
      intervalSeconds: 30,
      timeoutSeconds: 5,
      retries: 3,
      startPeriodSeconds: 10,
    },
  };

  it('maps every field to specgen’s json names', () => {
    const g = toSpecGenerator(full, host());
    expect(g).toMatchObject({
      image: 'localhost/x:1',
      name: 'web',
      command: ['httpd', '-f'],
      entrypoint: ['/bin/sh', '-c'],
      env: { A: '1', B: 'x=y' },
      work_dir: '/www',
      user: '1001',
      hostname: 'web-host',
      portmappings: [
        { container_port: 8080, host_port: 18080, host_ip: '127.0.0.1', protocol: 'tcp' },
        { container_port: 53, protocol: 'udp', range: 2 },
      ],
      mounts: [
        { destination: '/data', type: 'bind', source: '/data', options: ['rbind', 'ro', 'Z', 'U'] },
        {
          destination: '/tmp',
          type: 'tmpfs',
          source: 'tmpfs',
          options: ['rw', 'nosuid', 'nodev', 'size=64m', 'mode=1777'],
        },
      ],
      volumes: [{ Name: 'cache', Dest: '/cache', Options: ['ro'] }],
      userns: { nsmode: 'keep-id', value: 'uid=1001,gid=1001' },
      netns: { nsmode: 'bridge' },
      Networks: { appnet: {}, other: {} },
      resource_limits: {
        memory: { limit: 512 * 1024 ** 2, swap: 1024 ** 3, reservation: 256 * 1024 ** 2 },
        cpu: { quota: 150000, period: 100000, shares: 512, cpus: '0-1' },
        pids: { limit: 100 },
        blockIO: { weight: 300 },
      },
      cap_add: ['NET_BIND_SERVICE'],
      cap_drop: ['ALL'],
      no_new_privileges: true,
      read_only_filesystem: true,
      seccomp_profile_path: '/s.json',
      oci_runtime: 'runc',
      restart_policy: 'on-failure',
      restart_tries: 3,
      stop_timeout: 2,
      terminal: true,
      stdin: true,
      dns_server: ['1.1.1.1'],
      healthconfig: {
        Test: ['CMD-SHELL', 'true'],
        Interval: 30e9,
        Timeout: 5e9,
        Retries: 3,
        StartPeriod: 10e9,
      },
    });
    expect(g).not.toHaveProperty('privileged');
    expect(g).not.toHaveProperty('remove');
    const labels = g.labels as Record<string, string>;
    expect(labels.app).toBe('web');
    expect(requestedLimitsFromLabels(labels)).toEqual(full.limits);
    expect(labels[USERNS_LABEL]).toBe('keep-id:uid=1001,gid=1001');
  });

  it.each<[CreateContainerSpec['network'], unknown]>([
    [{ kind: 'none' }, { nsmode: 'none' }],
    [{ kind: 'host' }, { nsmode: 'host' }],
    [{ kind: 'slirp4netns' }, { nsmode: 'slirp4netns' }],
    [{ kind: 'pasta' }, { nsmode: 'pasta' }],
    [
      { kind: 'container', id: 'abc' },
      { nsmode: 'container', value: 'abc' },
    ],
  ])('maps network %j', (network, netns) => {
    expect(toSpecGenerator({ image: 'x', network }, host()).netns).toEqual(netns);
  });

  it('leaves the defaults out', () => {
    expect(toSpecGenerator({ image: 'x' }, host())).toEqual({ image: 'x' });
    expect(
      toSpecGenerator(
        { image: 'x', network: { kind: 'default' }, userns: { kind: 'host' }, restartPolicy: 'no' },
        host(),
      ),
    ).toEqual({ image: 'x' });
    expect(
      toSpecGenerator({ image: 'x', autoRemove: true, security: { privileged: true } }, host()),
    ).toMatchObject({ remove: true, privileged: true });
  });

  it('gives secrets as files (mode 0444, as the CLI does) and as environment variables', () => {
    const g = toSpecGenerator(
      {
        image: 'x',
        secrets: [
          { name: 'db', as: 'file' },
          { name: 'tls', as: 'file', target: '/etc/app/key' },
          { name: 'token', as: 'env', target: 'API_TOKEN' },
          { name: 'PLAIN', as: 'env' },
        ],
      },
      host(),
    );
    expect(g.secrets).toEqual([
      { Source: 'db', Target: '', UID: 0, GID: 0, Mode: 0o444 },
      { Source: 'tls', Target: '/etc/app/key', UID: 0, GID: 0, Mode: 0o444 },
    ]);
    expect(g.secret_env).toEqual({ API_TOKEN: 'token', PLAIN: 'PLAIN' });
  });

  it('labels the secret uses (no values) and masks the secret variables Podman < 5.3 shows in inspect', () => {
    const secrets = [
      { name: 'db', as: 'file' as const },
      { name: 'token', as: 'env' as const, target: 'API_TOKEN' },
    ];
    const labels = toSpecGenerator({ image: 'x', secrets }, host()).labels as Record<string, string>;
    expect(secretsFromLabels(labels)).toEqual(secrets);
    expect(secretsFromLabels({ [SECRETS_LABEL]: 'not json' })).toBeUndefined();
    expect(maskSecretEnv(['A=1', 'API_TOKEN=hunter2', 'API_TOKENX=2'], secrets)).toEqual([
      'A=1',
      'API_TOKEN=*******',
      'API_TOKENX=2',
    ]);
    // Podman 5.3+ masks it under the secret's name; the variable's name comes back.
    expect(maskSecretEnv(['token=*******', 'db=x'], secrets)).toEqual(['API_TOKEN=*******', 'db=x']);
    const d = toDetail({ Config: { Labels: labels, Env: ['API_TOKEN=hunter2'] }, State: {} });
    expect(d.env).toEqual(['API_TOKEN=*******']);
    expect(JSON.stringify(d.raw)).not.toContain('hunter2');
    expect(d.secrets).toEqual(secrets);
  });

  it('sends nomap as the explicit mappings the CLI computes, on 4.x and 5.x alike (the API rejects "nomap")', () => {
    for (const podmanVersion of ['4.3.1', '5.4.2']) {
      const g = toSpecGenerator({ image: 'x', userns: { kind: 'nomap' } }, host({ podmanVersion }));
      expect(g.userns).toEqual({ nsmode: 'private' });
      expect(g.idmappings).toMatchObject({
        UIDMap: [{ container_id: 0, host_id: 1, size: 65536 }],
        GIDMap: [{ container_id: 0, host_id: 1, size: 65536 }],
      });
    }
    expect(toSpecGenerator({ image: 'x', userns: { kind: 'auto', size: 1024 } }, host()).userns).toEqual({
      nsmode: 'auto',
      value: 'size=1024',
    });
  });

  it('does not send limits the host cannot enforce, keeps them in the label, and warns', () => {
    const v1 = host({
      cgroupVersion: 'v1',
      cgroupControllers: [],
      enforceableLimits: [],
      limitsEnforced: false,
      limitsReason: 'cgroup v1 here',
    });
    const spec: CreateContainerSpec = { image: 'x', limits: { memory: '64m', pidsLimit: 50 } };
    const g = toSpecGenerator(spec, v1);
    expect(g).not.toHaveProperty('resource_limits');
    expect(requestedLimitsFromLabels(g.labels as Record<string, string>)).toEqual(spec.limits);
    const w = limitsWarning(spec, v1);
    expect(w).toMatchObject({ code: 'limits_not_enforced', fields: ['limits.memory', 'limits.pidsLimit'] });
    expect(w?.message).toContain('cgroup v1 here');
    // cgroup v2 without io delegated: only the blkio weight is dropped.
    const noIo = host({ enforceableLimits: ['cpu', 'memory', 'pids'] });
    expect(droppedLimits({ memory: '64m', blkioWeight: 100 }, noIo)).toEqual(['blkioWeight']);
    expect(
      toSpecGenerator({ image: 'x', limits: { memory: '64m', blkioWeight: 100 } }, noIo).resource_limits,
    ).toEqual({ memory: { limit: 64 * 1024 ** 2 } });
    expect(limitsWarning(spec, host())).toBeUndefined();
    expect(REQUESTED_LIMITS_LABEL).toBe('io.burrow.limits.requested');
  });
});

describe('stats', () => {
  const base = { ContainerID: 'c1', Name: 'web', CPU: 12.5, MemUsage: 2048, MemLimit: 4096, PIDs: 3 };
  it('reads Podman 4’s network totals', () => {
    expect(toStats({ ...base, NetInput: 10, NetOutput: 20 })).toMatchObject({ netInput: 10, netOutput: 20 });
  });
  it('sums Podman 5’s per-interface figures, which have no totals', () => {
    const s = toStats({
      ...base,
      Network: { eth0: { RxBytes: 100, TxBytes: 7 }, eth1: { RxBytes: 1, TxBytes: 2 } },
    });
    expect(s).toMatchObject({ id: 'c1', cpuPercent: 12.5, pids: 3, netInput: 101, netOutput: 9 });
  });
  it('says 0 where the engine counts no interface', () => {
    expect(toStats({ ...base, Network: {} })).toMatchObject({ netInput: 0, netOutput: 0 });
  });
});
