// The insight functions ask the engine where it runs (engine.host) and nothing else: a local engine's host is
// read through that capability, a remote engine's host is never read at all.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../engine-api.js';
import { localHostAccess, remoteHostAccess, thisMachine, type HostAccess } from '../host-access.js';
import type { ContainerDetail, HostFacts } from '../model/types.js';
import { doctor, previewCreate, quadletFor, saveQuadletFor } from './service.js';

const FACTS = {
  uid: 1001,
  gid: 1001,
  podmanVersion: '5.4.2',
  apiVersion: '5.4.2',
  rootless: true,
  cgroupVersion: 'v2',
  cgroupControllers: [],
  enforceableLimits: [],
  searchRegistries: [],
  idMappings: {
    uidMap: [
      { containerId: 0, hostId: 1001, size: 1 },
      { containerId: 1, hostId: 100000, size: 65536 },
    ],
    gidMap: [
      { containerId: 0, hostId: 1001, size: 1 },
      { containerId: 1, hostId: 100000, size: 65536 },
    ],
  },
} as unknown as HostFacts;

const DETAIL = {
  id: '0123456789ab',
  name: 'web',
  image: 'localhost/busybox:latest',
  command: ['sleep', '600'],
  labels: {},
  ports: [],
  networks: [],
  mounts: [],
  env: [],
  entrypoint: [],
  userns: { kind: 'host' },
  security: {},
  enforcedLimits: {},
  requestedLimits: {},
  restartPolicy: 'no',
} as unknown as ContainerDetail;

function engineOn(host: HostAccess): Engine {
  return {
    host,
    system: { hostFacts: async () => FACTS },
    images: { exists: async () => false },
    containers: { inspect: async () => DETAIL },
  } as unknown as Engine;
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'burrow-host-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('a remote engine', () => {
  const remote = engineOn(remoteHostAccess('guest (over SSH)'));

  it('previews the mapping but says it cannot check bind-mount paths, without reading this machine', async () => {
    // `dir` exists here: a preview that stat-ed this machine would predict something for it.
    const p = await previewCreate(remote, {
      image: 'busybox',
      mounts: [{ type: 'bind', source: dir, target: '/data' }],
    });
    expect(p.process.hostUid).toBe(1001);
    expect(p.mounts).toEqual([]);
    expect(p.hostPaths).toMatchObject({
      checked: false,
      reason: expect.stringMatching(/guest \(over SSH\)/),
    });
  });

  it('refuses to save a Quadlet unit here, naming the reason, and writes nothing', async () => {
    const before = process.env.XDG_CONFIG_HOME;
    process.env.XDG_CONFIG_HOME = dir;
    try {
      await expect(saveQuadletFor(remote, 'web')).rejects.toMatchObject({
        code: 'unsupported_on_host',
        message: expect.stringMatching(/Saving a Quadlet unit is not available on a remote engine.*guest/),
        hint: expect.stringContaining('web.container'),
      });
      expect(await readdir(dir)).toEqual([]);
      expect((await quadletFor(remote, 'web')).validation).toMatchObject({ checked: false });
    } finally {
      if (before === undefined) delete process.env.XDG_CONFIG_HOME;
      else process.env.XDG_CONFIG_HOME = before;
    }
  });

  it('runs the doctor on the engine’s facts only', async () => {
    const r = await doctor(
      engineOn(remoteHostAccess('guest (over SSH)')) as Engine & {
        system: { hostFacts(): Promise<HostFacts> };
      },
    );
    expect(r.local).toBe(false);
    expect(r.checks.some((c) => c.id === 'linger')).toBe(false);
  });
});

describe('a local engine', () => {
  it('predicts bind mounts from the host it was given, and saves Quadlet units into its directory', async () => {
    const statted: string[] = [];
    const local = engineOn(
      localHostAccess({
        ...thisMachine,
        readFile: async () => undefined,
        statChain: async (path) => {
          statted.push(path);
          return [
            { path: '/', uid: 0, gid: 0, mode: 0o755, isDirectory: true },
            { path, uid: 1001, gid: 1001, mode: 0o700, isDirectory: true },
          ];
        },
        quadletDir: () => join(dir, 'systemd'),
      }),
    );
    const p = await previewCreate(local, {
      image: 'busybox',
      mounts: [{ type: 'bind', source: '/srv/data', target: '/data' }],
    });
    expect(statted).toEqual(['/srv/data']);
    expect(p.hostPaths).toEqual({ checked: true });
    expect(p.mounts[0]?.prediction).toMatchObject({ read: true, write: true });
    const saved = await saveQuadletFor(local, 'web');
    expect(saved.path).toBe(join(dir, 'systemd', 'web.container'));
    expect(await readdir(join(dir, 'systemd'))).toEqual(['web.container']);
  });
});
