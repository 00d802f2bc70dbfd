import { describe, expect, it } from 'vitest';
import { BurrowError } from '../errors.js';
import { BAD_INPUTS, VALID_BASE } from './bad-inputs.js';
import type { HostFacts } from './types.js';
import { validateCreateSpec, type ValidationProbe } from './validate-create.js';

/** A Podman 4.3 host (no pasta mode) on rootless cgroup v1 with 2 CPUs and 65536 subordinate ids, no slirp4netns. */
const FACTS = {
  podmanVersion: '4.3.1',
  rootless: true,
  cgroupVersion: 'v1',
  cpus: 2,
  idMappings: {
    uidMap: [
      { containerId: 0, hostId: 1000, size: 1 },
      { containerId: 1, hostId: 100000, size: 65536 },
    ],
    gidMap: [],
  },
} as unknown as HostFacts;

const fakeProbe: ValidationProbe = {
  containerNameExists: async (n) => n === 'existing-1',
  podExists: async (n) => n === 'pod-1',
  hostFacts: async () => FACTS,
  imageExists: async (r) => !r.includes('no-such-image'),
  networkExists: async (n) => n === 'podman',
  volumeExists: async () => false,
  secretExists: async (n) => n === 'existing-secret',
  hostPathExists: async (p) => p === '/tmp',
  hostPortInUse: async (_ip, port) => port === 65000,
  unprivilegedPortStart: async () => 1024,
  readFile: async (p) => {
    if (p === '/bad.json') return 'not json';
    if (p === '/nodefault.json') return '{"syscalls": []}';
    if (p === '/good.json') return '{"defaultAction": "SCMP_ACT_ERRNO"}';
    throw new Error('ENOENT');
  },
};

function materialise(spec: Record<string, unknown>): Record<string, unknown> {
  const text = JSON.stringify(spec)
    .replace('__EXISTING__', 'existing-1')
    .replace('__POD__', 'pod-1')
    .replace('"hostPort":-1', '"hostPort":65000')
    .replace('__BAD_SECCOMP__', '/bad.json')
    .replace('__NO_DEFAULT_SECCOMP__', '/nodefault.json');
  return JSON.parse(text) as Record<string, unknown>;
}

describe('validation of bad create inputs', () => {
  it('has at least 40 rows', () => {
    expect(BAD_INPUTS.length).toBeGreaterThanOrEqual(40);
  });

  it.each(BAD_INPUTS.map((r) => [r.name, r] as const))('%s → invalid_input on its field', async (_n, row) => {
    const input = { ...VALID_BASE, ...materialise(row.spec) };
    const err = await validateCreateSpec(input, fakeProbe).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(BurrowError);
    const e = err as BurrowError;
    expect(e.code).toBe('invalid_input');
    expect(e.field).toBe(row.field);
    expect(e.message.length).toBeGreaterThan(5);
    expect(e.hint, 'every refusal says what to do').toBeTruthy();
    expect(e.issues?.map((i) => i.field)).toEqual([row.field]);
  });

  it('collects every structural problem at once, each at its field with a hint', async () => {
    const err = (await validateCreateSpec(
      {
        image: 'Busy Box',
        name: 'web/1',
        env: ['OK=1', 'MY VAR=1'],
        ports: [
          { containerPort: 70000, protocol: 'tcp' },
          { containerPort: 80, hostPort: 18080, hostIp: '300.1.1.1', protocol: 'sctp' },
        ],
        mounts: [{ type: 'bind', source: 'data', target: 'data', options: ['ro', 'rw'] }],
        userns: 'keep-id:uid=abc',
        limits: { memory: '12zb', cpus: 'abc', cpuShares: 1, memroy: '1g' },
        security: { capAdd: ['CAP_FLY'], runtime: 'kata' },
        restartPolicy: 'always',
        autoRemove: true,
      },
      fakeProbe,
    ).catch((e: unknown) => e)) as BurrowError;
    expect(err.code).toBe('invalid_input');
    expect(err.issues?.map((i) => i.field)).toEqual([
      'image',
      'name',
      'env[1]',
      'ports[0].containerPort',
      'ports[1].hostIp',
      'ports[1].protocol',
      'mounts[0].source',
      'mounts[0].target',
      'mounts[0].options',
      'userns',
      'limits.memory',
      'limits.cpus',
      'limits.cpuShares',
      'limits.memroy',
      'security.capAdd[0]',
      'security.runtime',
      'autoRemove',
    ]);
    for (const i of err.issues ?? []) expect(i.hint, i.field).toBeTruthy();
    // The first problem also fills the one-error fields, for callers that read one.
    expect({ field: err.field, message: err.message, hint: err.hint }).toEqual(err.issues?.[0]);
  });

  it('runs the host checks only on a sound spec, and collects all of theirs at once', async () => {
    const asked: string[] = [];
    const counting = new Proxy(fakeProbe, {
      get: (t, k: keyof ValidationProbe) => {
        asked.push(k);
        return t[k];
      },
    });
    await expect(
      validateCreateSpec({ image: 'x', name: 'existing-1', dns: ['x'] }, counting),
    ).rejects.toMatchObject({
      issues: [{ field: 'dns[0]' }],
    });
    expect(asked).toEqual([]);
    const err = (await validateCreateSpec(
      {
        image: 'x',
        name: 'existing-1',
        ports: [
          { containerPort: 80, hostPort: 80, protocol: 'tcp' },
          { containerPort: 81, hostPort: 65000, protocol: 'tcp' },
          { containerPort: 82, hostPort: 18082, protocol: 'tcp' },
        ],
        mounts: [
          { type: 'bind', source: '/tmp', target: '/a' },
          { type: 'bind', source: '/missing', target: '/b' },
        ],
        network: { kind: 'bridge', networks: ['podman', 'nope'] },
        security: { seccompProfile: '/bad.json' },
      },
      counting,
    ).catch((e: unknown) => e)) as BurrowError;
    expect(err.issues?.map((i) => `${i.field}: ${i.message}`)).toEqual([
      'name: A container named "existing-1" already exists',
      'ports[0].hostPort: Host port 80 is below 1024, which rootless containers cannot bind',
      'ports[1].hostPort: Host port 65000/tcp is already in use',
      'mounts[1].source: /missing does not exist on the host',
      'network: Network "nope" does not exist',
      'security.seccompProfile: /bad.json is not valid JSON',
    ]);
    for (const i of err.issues ?? []) expect(i.hint, i.field).toBeTruthy();
    expect(asked.filter((k) => k === 'unprivilegedPortStart')).toHaveLength(1);
  });

  it('runs a cross-field rule even when another field has the wrong type', async () => {
    const err = (await validateCreateSpec(
      { image: 'x', limits: { cpus: 'abc', memory: '512m', memorySwap: '256m' }, restartRetries: 2 },
      fakeProbe,
    ).catch((e: unknown) => e)) as BurrowError;
    expect(err.issues?.map((i) => i.field)).toEqual(['limits.cpus', 'limits.memorySwap', 'restartRetries']);
  });

  it('types what it returns: a userns string becomes a mode, options and capabilities canonical', async () => {
    const spec = await validateCreateSpec(
      { image: ' x ', name: ' web ', userns: 'nomap', security: { capDrop: ['cap_chown'] } },
      fakeProbe,
    );
    expect(spec).toEqual({
      image: 'x',
      name: 'web',
      userns: { kind: 'nomap' },
      security: { capDrop: ['CHOWN'] },
    });
    // What validation returns is valid input again (the router validates, then the engine client does).
    await expect(validateCreateSpec(spec, fakeProbe)).resolves.toEqual(spec);
  });

  it('accepts a complete valid spec and normalises it', async () => {
    const spec = await validateCreateSpec(
      {
        image: 'localhost/burrow-test/busybox:latest',
        name: 'web-1',
        command: ['httpd', '-f'],
        env: ['A=1', 'B=x=y'],
        workdir: '/www',
        user: '1001:1001',
        hostname: 'web',
        ports: [{ containerPort: 8080, hostPort: 18080, hostIp: '127.0.0.1', protocol: 'tcp' }],
        mounts: [
          { type: 'bind', source: '/tmp', target: '/data', options: ['ro', 'Z'] },
          { type: 'volume', name: 'cache', target: '/cache' },
          { type: 'tmpfs', target: '/tmp', size: '64m', mode: '1777' },
        ],
        userns: 'keep-id:uid=1001,gid=1001',
        network: { kind: 'bridge', networks: ['podman'] },
        limits: {
          memory: '512m',
          memorySwap: '1g',
          cpus: 1.5,
          pidsLimit: -1,
          blkioWeight: 500,
          cpusetCpus: '0-1',
        },
        security: {
          capAdd: ['cap_net_bind_service'],
          capDrop: ['all'],
          seccompProfile: '/good.json',
          runtime: 'runc',
        },
        restartPolicy: 'on-failure',
        restartRetries: 3,
        dns: ['1.1.1.1'],
        healthcheck: { test: ['CMD-SHELL', 'true'], intervalSeconds: 30 },
      },
      fakeProbe,
    );
    expect(spec.userns).toEqual({ kind: 'keep-id', uid: 1001, gid: 1001 });
    expect(spec.security?.capAdd).toEqual(['NET_BIND_SERVICE']);
    expect(spec.security?.capDrop).toEqual(['ALL']);
  });
});
