import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ContainerDetail } from '../model/types.js';
import { PODMAN_DEFAULT_CAPS } from '../model/hardened.js';
import { quoteWord, saveQuadlet, toQuadlet, validateQuadlet } from './quadlet.js';

/** A container detail; an override set to undefined removes that field. */
function detail(
  over: { [K in keyof ContainerDetail]?: ContainerDetail[K] | undefined } = {},
): ContainerDetail {
  const d: Record<string, unknown> = {
    id: '0123456789abcdef0123',
    name: 'web',
    image: 'localhost/burrow-test/busybox-user1001:latest',
    imageId: 'sha256:x',
    command: ['httpd', '-f', '-p', '8080'],
    state: 'running',
    status: 'Up',
    createdAt: '2026-11-24T00:00:00Z',
    ports: [{ hostIp: '127.0.0.1', hostPort: 18080, containerPort: 8080, protocol: 'tcp' }],
    labels: { app: 'web', 'io.burrow.limits.requested': '{}', 'burrow.test': '1' },
    networks: ['appnet'],
    userns: { kind: 'keep-id', uid: 1001, gid: 1001 },
    raw: {},
    hostname: 'web-host',
    user: '1001',
    env: ['PATH=/usr/bin', 'GREETING=hello world', 'MODE=prod'],
    workdir: '/home/app',
    entrypoint: [],
    mounts: [
      { type: 'bind', source: '/home/u/data', target: '/data', options: ['Z', 'rw'] },
      { type: 'volume', name: 'cache', target: '/cache', readOnly: true },
      { type: 'tmpfs', target: '/tmp', size: '64m' },
    ],
    networkMode: 'bridge',
    restartPolicy: 'on-failure',
    tty: false,
    stdin: false,
    security: {
      capDrop: ['ALL'],
      capAdd: ['NET_BIND_SERVICE'],
      noNewPrivileges: true,
      readOnlyRootfs: true,
      seccompProfile: '/home/u/seccomp.json',
    },
    enforcedLimits: { memory: 0, nanoCpus: 0, pidsLimit: 0 },
    requestedLimits: { memory: '256m', cpus: 0.5, pidsLimit: 100 },
    oomKilled: false,
    effectiveCaps: [],
    ...over,
  };
  for (const k of Object.keys(d)) if (d[k] === undefined) delete d[k];
  return d as unknown as ContainerDetail;
}

function keys(text: string, key: string): string[] {
  return text
    .split('\n')
    .filter((l) => l.startsWith(`${key}=`))
    .map((l) => l.slice(key.length + 1));
}

describe('quadlet export', () => {
  it('gives secrets as Secret= lines, never a secret variable’s value', () => {
    const t = toQuadlet(
      detail({
        env: ['PATH=/usr/bin', 'MODE=prod', 'API_TOKEN=*******'],
        secrets: [
          { name: 'db', as: 'file' },
          { name: 'tls', as: 'file', target: '/etc/app/key' },
          { name: 'token', as: 'env', target: 'API_TOKEN' },
        ],
      }),
    ).text;
    expect(keys(t, 'Secret')).toEqual([
      'db,type=mount',
      'tls,type=mount,target=/etc/app/key',
      'token,type=env,target=API_TOKEN',
    ]);
    expect(keys(t, 'Environment')).toEqual(['MODE=prod']);
  });

  it('says DropCapability=all when the engine lists every default capability (Podman 5 inspect)', () => {
    const expanded = [...PODMAN_DEFAULT_CAPS, 'AUDIT_WRITE'];
    const t = toQuadlet(detail({ security: { capDrop: expanded, capAdd: [] } })).text;
    expect(keys(t, 'DropCapability')).toEqual(['all']);
    const some = toQuadlet(detail({ security: { capDrop: ['NET_RAW'], capAdd: [] } })).text;
    expect(keys(some, 'DropCapability')).toEqual(['NET_RAW']);
  });

  it('maps a hardened keep-id container to the expected keys', () => {
    const unit = toQuadlet(detail());
    expect(unit.fileName).toBe('web.container');
    expect(unit.serviceName).toBe('web.service');
    const t = unit.text;
    expect(keys(t, 'Image')).toEqual(['localhost/burrow-test/busybox-user1001:latest']);
    expect(keys(t, 'ContainerName')).toEqual(['web']);
    expect(keys(t, 'UserNS')).toEqual(['keep-id:uid=1001,gid=1001']);
    expect(keys(t, 'Network')).toEqual(['appnet']);
    expect(keys(t, 'PublishPort')).toEqual(['127.0.0.1:18080:8080']);
    expect(keys(t, 'Volume')).toEqual(['/home/u/data:/data:Z', 'cache:/cache:ro']);
    expect(keys(t, 'Tmpfs')).toEqual(['/tmp:size=64m']);
    expect(keys(t, 'Environment')).toEqual(['"GREETING=hello world"', 'MODE=prod']);
    expect(keys(t, 'Label')).toEqual(['app=web']);
    expect(keys(t, 'DropCapability')).toEqual(['ALL']);
    expect(keys(t, 'AddCapability')).toEqual(['NET_BIND_SERVICE']);
    expect(keys(t, 'NoNewPrivileges')).toEqual(['true']);
    expect(keys(t, 'ReadOnly')).toEqual(['true']);
    expect(keys(t, 'SeccompProfile')).toEqual(['/home/u/seccomp.json']);
    expect(keys(t, 'Exec')).toEqual(['httpd -f -p 8080']);
    expect(keys(t, 'PodmanArgs')).toEqual(['--memory=256m --cpus=0.5 --pids-limit=100']);
    expect(keys(t, 'Restart')).toEqual(['on-failure']);
    expect(keys(t, 'WantedBy')).toEqual(['default.target']);
    expect(t.indexOf('[Container]')).toBeLessThan(t.indexOf('[Service]'));
    expect(t.indexOf('[Service]')).toBeLessThan(t.indexOf('[Install]'));
  });

  it('leaves out the defaults: host userns, default network, no limits', () => {
    const t = toQuadlet(
      detail({
        userns: { kind: 'host' },
        networkMode: 'bridge',
        networks: ['podman'],
        requestedLimits: undefined,
        security: {},
        restartPolicy: 'no',
        ports: [{ containerPort: 80, protocol: 'udp' }],
      }),
    ).text;
    expect(keys(t, 'UserNS')).toEqual([]);
    expect(keys(t, 'Network')).toEqual([]);
    expect(keys(t, 'PodmanArgs')).toEqual([]);
    expect(keys(t, 'PublishPort')).toEqual([':80/udp']);
    expect(keys(t, 'Restart')).toEqual(['no']);
  });

  it('uses what the engine enforced when Burrow did not record a request', () => {
    const t = toQuadlet(
      detail({
        requestedLimits: undefined,
        enforcedLimits: { memory: 67108864, nanoCpus: 500000000, pidsLimit: 50 },
      }),
    ).text;
    expect(keys(t, 'PodmanArgs')).toEqual(['--memory=67108864 --cpus=0.5 --pids-limit=50']);
  });

  it('quotes words with spaces, quotes and dollars the way systemd reads them', () => {
    expect(quoteWord('plain')).toBe('plain');
    expect(quoteWord('a b')).toBe('"a b"');
    expect(quoteWord('say "hi"')).toBe('"say \\"hi\\""');
    expect(quoteWord('$HOME')).toBe('"$$HOME"');
    expect(quoteWord('')).toBe('""');
  });

  it('saves into a quadlet directory without overwriting by accident', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'burrow-q-'));
    try {
      const unit = toQuadlet(detail());
      const path = await saveQuadlet(unit, { dir });
      expect(await readFile(path, 'utf8')).toBe(unit.text);
      await expect(saveQuadlet(unit, { dir })).rejects.toThrow(/EEXIST/);
      await expect(saveQuadlet(unit, { dir, overwrite: true })).resolves.toBe(path);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('says it did not check when the generator is missing', async () => {
    const v = await validateQuadlet(toQuadlet(detail()), '/nonexistent/quadlet');
    expect(v).toEqual({ checked: false, reason: expect.stringContaining('not found') });
  });
});
