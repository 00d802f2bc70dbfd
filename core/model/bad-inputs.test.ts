import { describe, expect, it } from 'vitest';
import { BurrowError } from '../errors.js';
import { BAD_INPUTS, VALID_BASE } from './bad-inputs.js';
import { validateCreateSpec, type ValidationProbe } from './validate-create.js';

const fakeProbe: ValidationProbe = {
  containerNameExists: async (n) => n === '__EXISTING__',
  imageExists: async () => true,
  networkExists: async (n) => n === 'podman',
  volumeExists: async () => false,
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
