// Edit & recreate on the real engine: a container's settings read back as the create request that made it, a
// replace that keeps the name and the volumes' data and runs again, a copy beside it, and refusals — by
// validation or by the engine — that leave the old container exactly as it was.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../engine-api.js';
import { specDiff, specFromDetail } from '../model/edit-spec.js';
import type { CreateContainerSpec } from '../model/types.js';
import { openTestEngine } from './harness/engine.js';
import {
  FIXTURE_IMAGE,
  FIXTURE_IMAGE_USER1001,
  listEngineObjects,
  podmanCli,
  TEST_LABELS,
  uniqueName,
} from './harness/fixtures.js';
import { onEngineHost, onGuest } from './harness/target.js';

/** Sleeps, and stops at once on SIGTERM (a plain `sleep` as PID 1 makes every stop wait 10 s). */
const SLEEPER = ['sh', '-c', 'trap "exit 0" TERM; sleep 600 & wait'];

let engine: Engine;
let dir: string;
const containers: string[] = [];
const volumes: string[] = [];

beforeAll(async () => {
  engine = await openTestEngine({ tag: 'recreate' });
  dir = await mkdtemp(join(tmpdir(), 'burrow-recreate-'));
});

afterEach(async () => {
  for (const c of containers.splice(0))
    await engine.containers.remove(c, { force: true }).catch(() => undefined);
  for (const v of volumes.splice(0)) await engine.volumes.remove(v, { force: true }).catch(() => undefined);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  if (onGuest) await onEngineHost('rm', ['-rf', dir]).catch(() => undefined);
  await engine?.close();
});

async function specOf(idOrName: string, mode: 'replace' | 'copy' = 'replace') {
  const d = await engine.containers.inspect(idOrName);
  const image = await engine.images.inspect(d.image);
  return specFromDetail(d, image, await engine.system.hostFacts(), mode);
}

describe('settings read back for the form', () => {
  it('a container made with many options reads back as the request that made it', async () => {
    const name = uniqueName('rt');
    containers.push(name);
    const vol = uniqueName('rtv');
    volumes.push(vol);
    // The bind source is a folder on the engine's host (the guest's own, over its ssh, on the guest).
    const host = join(dir, 'bind');
    await onEngineHost('mkdir', ['-p', host]);
    const spec: CreateContainerSpec = {
      image: FIXTURE_IMAGE_USER1001,
      name,
      command: ['sleep', '600'],
      env: ['GREETING=hello world', 'MODE=prod'],
      labels: { ...TEST_LABELS, app: 'web' },
      workdir: '/tmp',
      user: '1001:1001',
      hostname: 'web-1',
      ports: [{ hostIp: '127.0.0.1', hostPort: 0, containerPort: 8080, protocol: 'tcp' }],
      mounts: [
        { type: 'bind', source: host, target: '/bind', options: ['ro'] },
        { type: 'volume', name: vol, target: '/data' },
        { type: 'tmpfs', target: '/scratch', size: '64m' },
      ],
      userns: { kind: 'keep-id', uid: 1001, gid: 1001 },
      limits: { memory: '128m', cpus: 0.5 },
      security: {
        capDrop: ['ALL'],
        capAdd: ['NET_BIND_SERVICE'],
        noNewPrivileges: true,
        readOnlyRootfs: true,
      },
      restartPolicy: 'on-failure',
      restartRetries: 2,
      healthcheck: { test: ['CMD-SHELL', 'true'], intervalSeconds: 60, timeoutSeconds: 5, retries: 2 },
      dns: ['192.0.2.53'],
      stopTimeout: 3,
    };
    await engine.containers.create(spec);
    const back = await specOf(name);
    // Host port 0 asks for a random one: the container got a real port, which the form shows.
    const { ports, ...rest } = back;
    expect(ports?.[0]).toMatchObject({ hostIp: '127.0.0.1', containerPort: 8080, protocol: 'tcp' });
    const { ports: _p, ...wanted } = spec;
    const byTarget = [...(spec.mounts ?? [])].sort((a, b) => a.target.localeCompare(b.target));
    // The engine keeps environment variables in its own order.
    expect({ ...rest, env: [...(rest.env ?? [])].sort() }).toEqual({ ...wanted, mounts: byTarget });
    expect(specDiff(back, back)).toEqual([]);
  });

  it('secrets read back as the secrets, not as their masked variables', async () => {
    const name = uniqueName('rts');
    containers.push(name);
    const secret = uniqueName('rtsec');
    await engine.secrets.create({ name: secret, text: 'hunter2', labels: TEST_LABELS });
    try {
      const spec: CreateContainerSpec = {
        image: FIXTURE_IMAGE,
        name,
        command: ['sleep', '600'],
        env: ['MODE=prod'],
        labels: TEST_LABELS,
        secrets: [
          { name: secret, as: 'env', target: 'APP_TOKEN' },
          { name: secret, as: 'file', target: 'token' },
        ],
      };
      await engine.containers.create(spec);
      const back = await specOf(name);
      expect(back.secrets).toEqual(spec.secrets);
      expect(back.env).toEqual(['MODE=prod']);
      expect(Object.keys(back.labels ?? {}).sort()).toEqual(Object.keys(TEST_LABELS).sort());
    } finally {
      await engine.containers.remove(name, { force: true }).catch(() => undefined);
      await engine.secrets.remove(secret).catch(() => undefined);
    }
  });

  it('a plain CLI container reads back as almost nothing: the image’s defaults are not repeated', async () => {
    const name = uniqueName('plain');
    containers.push(name);
    await podmanCli(['create', '--name', name, '--label', 'burrow.test=1', FIXTURE_IMAGE_USER1001]);
    expect(await specOf(name)).toEqual({ image: FIXTURE_IMAGE_USER1001, name, labels: TEST_LABELS });
  });
});

describe('recreate', () => {
  it('replace keeps the name and the named volume’s data, applies the edit, and runs again', async () => {
    const name = uniqueName('rep');
    const vol = uniqueName('repv');
    volumes.push(vol);
    const { id: oldId } = await engine.containers.create({
      image: FIXTURE_IMAGE,
      name,
      command: ['sh', '-c', 'trap "exit 0" TERM; test -f /data/kept || date > /data/kept; sleep 600 & wait'],
      labels: TEST_LABELS,
      env: ['MODE=one'],
      mounts: [{ type: 'volume', name: vol, target: '/data' }],
    });
    containers.push(name);
    await engine.containers.start(oldId);
    for (let i = 0; i < 50; i++) {
      if ((await engine.containers.exec(oldId, ['cat', '/data/kept'])).exitCode === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const written = (await engine.containers.exec(oldId, ['cat', '/data/kept'])).stdout;
    const before = await specOf(name);
    const edited = { ...before, env: ['MODE=two'] };
    expect(specDiff(before, edited)).toEqual([{ field: 'env', before: 'MODE=one', after: 'MODE=two' }]);
    const r = await engine.containers.recreate(oldId, edited, { mode: 'replace' });
    expect(r).toMatchObject({ replaced: oldId, started: true });
    const now = await engine.containers.inspect(name);
    expect(now.id).toBe(r.id);
    expect(now.id).not.toBe(oldId);
    expect(now.state).toBe('running');
    expect(now.env).toContain('MODE=two');
    expect((await engine.containers.exec(name, ['cat', '/data/kept'])).stdout).toBe(written);
    await expect(engine.containers.inspect(oldId)).rejects.toMatchObject({ code: 'not_found' });
    expect((await engine.volumes.list()).map((v) => v.name)).toContain(vol);
  });

  it('replace keeps an anonymous volume’s data too; a copy gets its own', async () => {
    const name = uniqueName('anon');
    containers.push(name);
    await podmanCli([
      'run',
      '-d',
      '--name',
      name,
      '--label',
      'burrow.test=1',
      '-v',
      '/anon',
      FIXTURE_IMAGE,
      ...SLEEPER,
    ]);
    await engine.containers.exec(name, ['sh', '-c', 'echo mine > /anon/f']);
    const anon = (await engine.containers.inspect(name)).mounts.find((m) => m.target === '/anon');
    const anonName = anon?.type === 'volume' ? anon.name : '';
    volumes.push(anonName);
    const copyName = uniqueName('copy');
    containers.push(copyName);
    const copySpec = { ...(await specOf(name, 'copy')), name: copyName };
    expect(copySpec.mounts ?? []).toEqual([]);
    const copy = await engine.containers.recreate(name, copySpec, { mode: 'copy' });
    expect(copy.replaced).toBeUndefined();
    expect((await engine.containers.inspect(name)).state).toBe('running');

    const r = await engine.containers.recreate(name, await specOf(name), { mode: 'replace' });
    expect((await engine.containers.exec(r.id, ['cat', '/anon/f'])).stdout).toBe('mine\n');
  });

  it('a spec validation refuses leaves the old container untouched', async () => {
    const name = uniqueName('keep');
    const { id } = await engine.containers.create({
      image: FIXTURE_IMAGE,
      name,
      command: SLEEPER,
      labels: TEST_LABELS,
    });
    containers.push(name);
    await engine.containers.start(id);
    const spec = { ...(await specOf(name)), env: ['NO EQUALS SIGN'] };
    await expect(engine.containers.recreate(id, spec, { mode: 'replace' })).rejects.toMatchObject({
      code: 'invalid_input',
      field: 'env[0]',
    });
    const d = await engine.containers.inspect(name);
    expect(d).toMatchObject({ id, state: 'running' });
  });

  it('a spec the engine refuses at start puts the old container back, running, and leaves nothing else', async () => {
    const name = uniqueName('back');
    const { id } = await engine.containers.create({
      image: FIXTURE_IMAGE,
      name,
      command: SLEEPER,
      labels: TEST_LABELS,
    });
    containers.push(name);
    await engine.containers.start(id);
    const objects = await listEngineObjects();
    // A file bound over a folder: validation cannot know /etc is a folder in the image; the runtime refuses.
    const file = join(dir, 'a-file');
    await writeFile(file, 'x');
    const hostFile = onGuest ? '/etc/hostname' : file;
    const spec: CreateContainerSpec = {
      ...(await specOf(name)),
      mounts: [{ type: 'bind', source: hostFile, target: '/etc' }],
    };
    const err = await engine.containers.recreate(id, spec, { mode: 'replace' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ message: expect.stringContaining(`${name} was put back as it was`) });
    expect(await engine.containers.inspect(name)).toMatchObject({ id, state: 'running', name });
    expect(await listEngineObjects()).toEqual(objects);
  });
});
