// The engine as a whole against real rootless Podman: discovery, host facts, events, surviving a killed
// private service, pulls from the local registry, images, volumes and pods.
import { execFile } from 'node:child_process';
import { chmod, copyFile, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connectEngine } from '../engine.js';
import type { Engine } from '../engine-api.js';
import type { EngineEvent } from '../model/types.js';
import { containerHostStrategy } from '../connection/discovery.js';
import type { ServiceEvent } from '../connection/private-service.js';
import { openTestEngine, testSocketPath } from './harness/engine.js';
import { onGuest } from './harness/target.js';
import { FIXTURE_IMAGE, podmanCli, TEST_LABELS, uniqueName } from './harness/fixtures.js';

const execFileP = promisify(execFile);

let engine: Engine;
const serviceEvents: ServiceEvent[] = [];
const cleanup: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  engine = await openTestEngine({ tag: 'engine', onServiceEvent: (e) => serviceEvents.push(e) });
});

afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f().catch(() => undefined);
});

afterAll(async () => {
  await engine?.close();
});

/** Collect events from the stream until `until` matches (or time runs out). */
async function eventsUntil(
  iter: AsyncIterator<EngineEvent>,
  until: (e: EngineEvent) => boolean,
  timeoutMs = 30_000,
): Promise<EngineEvent[]> {
  const seen: EngineEvent[] = [];
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const next = await Promise.race([
      iter.next(),
      new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), Math.max(0, deadline - Date.now()))),
    ]);
    if (next === 'timeout' || next.done) break;
    seen.push(next.value);
    if (until(next.value)) return seen;
  }
  throw new Error(
    `expected event not seen; got ${JSON.stringify(seen.map((e) => ('action' in e ? e.action : e.kind)))}`,
  );
}

describe('connection', () => {
  it('started a private service (an SSH tunnel on the guest) and picked the API version from /version', () => {
    const c = engine.connection();
    expect(c.kind).toBe(onGuest ? 'ssh' : 'private_service');
    expect(c.servicePid).toBeGreaterThan(0);
    expect(c.apiVersion).toMatch(/^[45]\.\d+\.\d+/);
    expect(c.runningAsRoot).toBe(false);
  });

  it('uses CONTAINER_HOST when it points at a live socket, and says so when it does not', async () => {
    const other = await connectEngine({
      strategies: [containerHostStrategy],
      env: { ...process.env, CONTAINER_HOST: `unix://${engine.connection().socketPath}` },
    });
    try {
      expect(other.connection().kind).toBe('container_host');
      expect(await other.system.ping()).toBe(true);
    } finally {
      await other.close();
    }
    await expect(
      connectEngine({
        strategies: [containerHostStrategy],
        env: { CONTAINER_HOST: 'unix:///nonexistent/podman.sock' },
      }),
    ).rejects.toMatchObject({ code: 'engine_unreachable' });
  });

  it('refuses to run as root', async () => {
    await expect(connectEngine({ uid: 0 })).rejects.toMatchObject({ code: 'unsupported_on_host' });
  });

  it('reports the facts rootless features depend on', async () => {
    const f = await engine.system.hostFacts();
    expect(f.rootless).toBe(true);
    expect(f.uid).toBe(onGuest ? 1000 : process.getuid?.());
    expect(f.idMappings.uidMap.length).toBeGreaterThan(0);
    expect(['v1', 'v2']).toContain(f.cgroupVersion);
    expect(f.ociRuntime).toMatch(/runc|crun/);
    if (!onGuest) {
      // Read from this machine's files, so only for a local engine.
      expect(typeof f.unprivilegedPortStart).toBe('number');
      expect(f.newuidmapPath).toMatch(/newuidmap$/);
    }
    if (f.cgroupVersion === 'v1') {
      // This machine: hybrid cgroups, runc, and no rootless limits.
      expect(f.limitsEnforced).toBe(false);
      expect(f.limitsReason).toMatch(/cgroup v1/);
      expect(f.enforceableLimits).toEqual([]);
    }
    const v = await engine.system.version();
    expect(v.podman).toBe(f.podmanVersion);
    const df = await engine.system.diskUsage();
    expect(df.images.count).toBeGreaterThan(0);
  });
});

describe('events', () => {
  it('an external `podman stop` appears in the event stream', async () => {
    const name = uniqueName('ev');
    const { id } = await engine.containers.create({
      image: FIXTURE_IMAGE,
      name,
      command: ['sleep', '600'],
      labels: TEST_LABELS,
    });
    cleanup.push(() => engine.containers.remove(id, { force: true }));
    await engine.containers.start(id);
    const ac = new AbortController();
    const stream = engine.events.stream({ signal: ac.signal, filters: { container: [id] } });
    const iter = stream[Symbol.asyncIterator]();
    const pending = eventsUntil(iter, (e) => e.kind === 'container' && e.action === 'died');
    await new Promise((r) => setTimeout(r, 300));
    await podmanCli(['stop', '-t', '0', name]);
    const seen = await pending;
    ac.abort();
    const died = seen.find((e) => e.kind === 'container' && e.action === 'died');
    expect(died && 'id' in died ? died.id : '').toBe(id);
    expect(died && 'name' in died ? died.name : '').toBe(name);
  });

  it('kill -9 of the private service (the SSH tunnel on the guest) is survived: restarted, next call works, events resync', async () => {
    const pid = engine.connection().servicePid!;
    expect(pid).toBeGreaterThan(0);
    const ac = new AbortController();
    const iter = engine.events.stream({ signal: ac.signal })[Symbol.asyncIterator]();
    // Make sure the stream is connected before the kill.
    const first = iter.next();
    await new Promise((r) => setTimeout(r, 300));
    process.kill(pid, 'SIGKILL');
    const list = await engine.containers.list();
    expect(Array.isArray(list)).toBe(true);
    expect(engine.connection().servicePid).not.toBe(pid);
    expect(serviceEvents.some((e) => e.kind === 'exited' && e.pid === pid)).toBe(true);
    const firstValue = await first;
    const seen = firstValue.value ? [firstValue.value] : [];
    if (!seen.some((e) => e.kind === 'resync'))
      seen.push(...(await eventsUntil(iter, (e) => e.kind === 'resync')));
    ac.abort();
    expect(seen.some((e) => e.kind === 'resync')).toBe(true);
  });

  it('closing the engine stops the service but not the containers', async () => {
    const other = await openTestEngine({ tag: 'close' });
    const name = uniqueName('survivor');
    const { id } = await other.containers.create({
      image: FIXTURE_IMAGE,
      name,
      command: ['sleep', '600'],
      labels: TEST_LABELS,
    });
    cleanup.push(() => podmanCli(['rm', '-f', '-t', '0', name]));
    await other.containers.start(id);
    const servicePid = other.connection().servicePid!;
    await other.close();
    expect(() => process.kill(servicePid, 0)).toThrow();
    expect((await podmanCli(['inspect', '-f', '{{.State.Status}}', name])).trim()).toBe('running');
    expect(testSocketPath('close')).toContain('burrow-test');
  });
});

describe('images', () => {
  it('pulls from the local registry with per-layer progress', async () => {
    const registry = process.env.BURROW_TEST_REGISTRY;
    expect(registry).toBeTruthy();
    const ref = `${registry}/burrow-test/busybox-user1001:latest`;
    await engine.images.remove(ref, { force: true }).catch(() => undefined);
    cleanup.push(() => engine.images.remove(ref, { force: true }));
    const events = [];
    for await (const p of engine.images.pull(ref)) events.push(p);
    const layers = new Set(events.filter((e) => e.layer).map((e) => e.layer));
    expect(layers.size).toBeGreaterThan(0);
    for (const l of layers)
      expect(events.some((e) => e.layer === l && /complete|exists/i.test(e.status))).toBe(true);
    const last = events[events.length - 1];
    expect(last?.imageId).toMatch(/^[0-9a-f]{64}$/);
    expect(await engine.images.exists(ref)).toBe(true);
    const detail = await engine.images.inspect(ref);
    expect(detail.user).toBe('1001');
    expect((await engine.images.list()).some((i) => i.tags.includes(ref))).toBe(true);
  });

  it('refuses TLS-off pulls from non-loopback registries and maps unknown images', async () => {
    await expect(async () => {
      for await (const _ of engine.images.pull('registry.example.com/x:1', { tlsVerify: false })) void _;
    }).rejects.toMatchObject({ code: 'invalid_input', field: 'tlsVerify' });
    const registry = process.env.BURROW_TEST_REGISTRY;
    await expect(async () => {
      for await (const _ of engine.images.pull(`${registry}/burrow-test/does-not-exist:latest`)) void _;
    }).rejects.toMatchObject({ code: expect.stringMatching(/not_found|engine_error/) });
  });

  it('imports a root filesystem tarball as an image that runs, and refuses a relative path', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'burrow-import-'));
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    const root = join(dir, 'root');
    await mkdir(join(root, 'bin'), { recursive: true });
    await copyFile('/bin/busybox', join(root, 'bin', 'busybox'));
    await chmod(join(root, 'bin', 'busybox'), 0o755);
    await symlink('busybox', join(root, 'bin', 'sh'));
    await symlink('busybox', join(root, 'bin', 'echo'));
    const tar = join(dir, 'rootfs.tar');
    await execFileP('tar', ['-C', root, '-cf', tar, '.']);
    const ref = `localhost/${uniqueName('imported')}:latest`;
    cleanup.push(() => engine.images.remove(ref, { force: true }));
    const imageId = await engine.images.importTarball(tar, { reference: ref, message: 'burrow test' });
    expect(imageId).toMatch(/^(sha256:)?[0-9a-f]{64}$/);
    expect(await engine.images.exists(ref)).toBe(true);
    const { id } = await engine.containers.create({
      image: ref,
      name: uniqueName('imp'),
      command: ['/bin/sh', '-c', 'echo imported-ok'],
      labels: TEST_LABELS,
    });
    cleanup.push(() => engine.containers.remove(id, { force: true }));
    await engine.containers.start(id);
    expect(await engine.containers.wait(id)).toBe(0);
    const lines = [];
    for await (const l of engine.containers.logs(id)) lines.push(l.text);
    expect(lines).toContain('imported-ok');
    await expect(engine.images.importTarball('rootfs.tar')).rejects.toMatchObject({
      code: 'invalid_input',
      field: 'tarPath',
    });
  });

  it('tags, untags, shows history, builds with streamed output, and prunes', async () => {
    const tag = `localhost/${uniqueName('tag')}`;
    await engine.images.tag(FIXTURE_IMAGE, tag, 'v1');
    expect(await engine.images.exists(`${tag}:v1`)).toBe(true);
    await engine.images.untag(FIXTURE_IMAGE, tag, 'v1');
    expect(await engine.images.exists(`${tag}:v1`)).toBe(false);
    expect((await engine.images.history(FIXTURE_IMAGE)).length).toBeGreaterThan(0);

    const dir = await mkdtemp(join(tmpdir(), 'burrow-build-'));
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    await writeFile(join(dir, 'Containerfile'), `FROM ${FIXTURE_IMAGE}\nRUN echo built-by-burrow > /built\n`);
    const built = `localhost/${uniqueName('built')}:latest`;
    cleanup.push(() => engine.images.remove(built, { force: true }));
    const out = [];
    for await (const e of engine.images.build({ contextDir: dir, tags: [built] })) out.push(e);
    expect(out.some((e) => e.kind === 'output' && e.text.includes('RUN echo built-by-burrow'))).toBe(true);
    expect(out[out.length - 1]).toMatchObject({ kind: 'done' });
    expect(await engine.images.exists(built)).toBe(true);
    await engine.images.remove(built);
    const pruned = await engine.images.prune();
    expect(pruned.reclaimedBytes).toBeGreaterThanOrEqual(0);
  });
});

describe('volumes and pods', () => {
  it('creates, lists, inspects and removes a volume, and a container uses it', async () => {
    const name = uniqueName('vol');
    const v = await engine.volumes.create({ name, labels: TEST_LABELS });
    cleanup.push(() => engine.volumes.remove(name, { force: true }));
    expect(v.name).toBe(name);
    expect(v.labels['burrow.test']).toBe('1');
    const cname = uniqueName('volc');
    const { id } = await engine.containers.create({
      image: FIXTURE_IMAGE,
      name: cname,
      command: ['sh', '-c', 'echo persisted > /v/f && cat /v/f'],
      mounts: [{ type: 'volume', name, target: '/v' }],
      labels: TEST_LABELS,
    });
    cleanup.push(() => engine.containers.remove(id, { force: true }));
    await engine.containers.start(id);
    expect(await engine.containers.wait(id)).toBe(0);
    expect((await engine.volumes.list()).some((x) => x.name === name)).toBe(true);
    expect((await engine.volumes.inspect(name)).mountpoint).toContain(name);
    await expect(engine.volumes.create({ name: 'bad/name' })).rejects.toMatchObject({
      code: 'invalid_input',
      field: 'name',
    });
  });

  it('creates, starts, stops and removes a pod', async () => {
    const name = uniqueName('pod');
    await engine.pods.create({ name, labels: TEST_LABELS });
    cleanup.push(() => engine.pods.remove(name, { force: true }));
    const { id } = await engine.containers.create({
      image: FIXTURE_IMAGE,
      name: uniqueName('inpod'),
      pod: name,
      command: ['sleep', '600'],
      labels: TEST_LABELS,
    });
    cleanup.push(() => engine.containers.remove(id, { force: true }));
    await engine.pods.start(name);
    let pod = (await engine.pods.list()).find((p) => p.name === name);
    expect(pod?.status).toBe('Running');
    expect(pod?.containers.some((c) => c.id === id)).toBe(true);
    await engine.pods.stop(name);
    pod = (await engine.pods.list()).find((p) => p.name === name);
    expect(pod?.status).toMatch(/Exited|Stopped/);
    await engine.containers.remove(id, { force: true });
    await engine.pods.remove(name, { force: true });
    expect((await engine.pods.list()).some((p) => p.name === name)).toBe(false);
  });

  it('creates a network with a subnet, connects and disconnects a container, and prunes', async () => {
    const net = uniqueName('net2');
    const n = await engine.networks.create({
      name: net,
      subnet: '10.89.77.0/24',
      gateway: '10.89.77.1',
      internal: true,
      labels: TEST_LABELS,
    });
    cleanup.push(() => engine.networks.remove(net, { force: true }));
    expect(n.subnets).toEqual([{ subnet: '10.89.77.0/24', gateway: '10.89.77.1' }]);
    expect(n.internal).toBe(true);
    const slirp = await engine.containers.create({
      image: FIXTURE_IMAGE,
      name: uniqueName('slirp'),
      command: ['sleep', '600'],
      labels: TEST_LABELS,
    });
    cleanup.push(() => engine.containers.remove(slirp.id, { force: true }));
    const facts = await engine.system.hostFacts();
    if (facts.rootlessNetworkCmd === 'slirp4netns') {
      await expect(engine.networks.connect(net, slirp.id)).rejects.toMatchObject({
        code: 'unsupported_on_host',
        field: 'network',
      });
    }
    const { id } = await engine.containers.create({
      image: FIXTURE_IMAGE,
      name: uniqueName('netc'),
      command: ['sleep', '600'],
      labels: TEST_LABELS,
      network: { kind: 'bridge', networks: ['podman'] },
    });
    cleanup.push(() => engine.containers.remove(id, { force: true }));
    await engine.networks.connect(net, id);
    expect((await engine.networks.inspect(net)).containers).toEqual([id]);
    await engine.networks.disconnect(net, id);
    expect((await engine.networks.inspect(net)).containers).toEqual([]);
    await expect(engine.networks.create({ name: net })).rejects.toMatchObject({ code: 'conflict' });
    await expect(engine.networks.create({ name: 'x', subnet: '10.0.0.0/99' })).rejects.toMatchObject({
      field: 'subnet',
    });
    await engine.containers.remove(id, { force: true });
    await engine.containers.remove(slirp.id, { force: true });
    const pruned = await engine.networks.prune();
    expect(pruned.removed).toContain(net);
  });
});
