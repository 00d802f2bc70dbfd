// The everyday actions on the real engine, beyond start/stop: kill with a signal, restart, rename, remove with
// or without volumes, commit to an image, the process list, and prunes that list what they will remove first
// and report what they reclaimed (real figures: a container that wrote 3 MB frees at least 3 MB).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../engine-api.js';
import { prunePlan } from '../insight/prune-plan.js';
import { openTestEngine } from './harness/engine.js';
import { FIXTURE_IMAGE, podmanCli, TEST_LABELS, uniqueName } from './harness/fixtures.js';

let engine: Engine;
const containers: string[] = [];
const images: string[] = [];
const volumes: string[] = [];
const networks: string[] = [];

beforeAll(async () => {
  engine = await openTestEngine({ tag: 'actions' });
});

afterEach(async () => {
  for (const c of containers.splice(0))
    await engine.containers.remove(c, { force: true, volumes: true }).catch(() => undefined);
  for (const i of images.splice(0)) await engine.images.remove(i, { force: true }).catch(() => undefined);
  for (const v of volumes.splice(0)) await engine.volumes.remove(v, { force: true }).catch(() => undefined);
  for (const n of networks.splice(0)) await engine.networks.remove(n, { force: true }).catch(() => undefined);
});

afterAll(async () => {
  await engine?.close();
});

async function run(command: string[], extra: Record<string, unknown> = {}, start = true) {
  const name = uniqueName('act');
  const { id } = await engine.containers.create({
    image: FIXTURE_IMAGE,
    name,
    command,
    labels: TEST_LABELS,
    ...extra,
  });
  containers.push(id);
  if (start) await engine.containers.start(id);
  return { id, name };
}

const trapper = ['sh', '-c', "trap 'echo got USR1; exit 3' USR1; echo ready; while true; do sleep 0.2; done"];

async function logText(id: string): Promise<string> {
  const lines: string[] = [];
  for await (const l of engine.containers.logs(id)) lines.push(l.text);
  return lines.join('\n');
}

describe('lifecycle', () => {
  it('kill sends the chosen signal (the process traps SIGUSR1 and exits 3)', async () => {
    const { id } = await run(trapper);
    for (let i = 0; i < 50 && !(await logText(id)).includes('ready'); i++)
      await new Promise((r) => setTimeout(r, 100));
    await engine.containers.kill(id, 'usr1');
    expect(await engine.containers.wait(id)).toBe(3);
    expect(await logText(id)).toContain('got USR1');
  });

  it('kill refuses an unknown signal by field before asking the engine', async () => {
    const { id } = await run(['sleep', '600']);
    await expect(engine.containers.kill(id, 'SIGBOGUS')).rejects.toMatchObject({
      code: 'invalid_input',
      field: 'signal',
      hint: expect.stringContaining('SIGTERM'),
    });
    expect((await engine.containers.inspect(id)).state).toBe('running');
  });

  it('restart gives the container a new start time and keeps it running', async () => {
    const { id } = await run(['sleep', '600']);
    const before = (await engine.containers.inspect(id)).startedAt;
    await new Promise((r) => setTimeout(r, 1100));
    await engine.containers.restart(id, { timeoutSeconds: 0 });
    const after = await engine.containers.inspect(id);
    expect(after.state).toBe('running');
    expect(after.startedAt).not.toBe(before);
  });

  it('rename frees the old name and the container answers to the new one', async () => {
    const { id, name } = await run(['sleep', '600']);
    const next = `${name}-renamed`;
    await engine.containers.rename(id, next);
    expect((await engine.containers.inspect(next)).id).toBe(id);
    await expect(engine.containers.inspect(name)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('remove with volumes removes its anonymous volumes, never a named one', async () => {
    const named = uniqueName('vol');
    volumes.push(named);
    const name = uniqueName('anon');
    containers.push(name);
    await podmanCli([
      'create',
      '--name',
      name,
      '--label',
      'burrow.test=1',
      '-v',
      '/anon',
      '-v',
      `${named}:/named`,
      FIXTURE_IMAGE,
      'true',
    ]);
    const d = await engine.containers.inspect(name);
    const anon = d.mounts.find((m) => m.type === 'volume' && m.target === '/anon');
    expect(anon?.type).toBe('volume');
    const anonName = anon?.type === 'volume' ? anon.name : '';
    await engine.containers.remove(name, { volumes: true });
    const left = (await engine.volumes.list()).map((v) => v.name);
    expect(left).toContain(named);
    expect(left).not.toContain(anonName);

    // Without the option the anonymous volume stays.
    const name2 = uniqueName('anon2');
    containers.push(name2);
    await podmanCli([
      'create',
      '--name',
      name2,
      '--label',
      'burrow.test=1',
      '-v',
      '/anon',
      FIXTURE_IMAGE,
      'true',
    ]);
    const anon2 = (await engine.containers.inspect(name2)).mounts.find((m) => m.target === '/anon');
    const anon2Name = anon2?.type === 'volume' ? anon2.name : '';
    volumes.push(anon2Name);
    await engine.containers.remove(name2);
    expect((await engine.volumes.list()).map((v) => v.name)).toContain(anon2Name);
  });

  it('top lists the container’s processes', async () => {
    const { id } = await run(['sleep', '600']);
    const top = await engine.containers.top(id);
    expect(top.titles).toEqual(expect.arrayContaining(['PID', 'USER', 'COMMAND']));
    const cmd = top.titles.indexOf('COMMAND');
    expect(top.processes.map((p) => p[cmd])).toContain('sleep 600');
  });
});

describe('commit', () => {
  it('saves the container’s changes as an image with author and message', async () => {
    const { id } = await run(['sh', '-c', 'echo committed > /marker'], {}, true);
    await engine.containers.wait(id);
    const repo = `localhost/${uniqueName('commit')}`;
    images.push(`${repo}:v1`);
    const r = await engine.containers.commit(id, {
      repo: `${repo}:v1`,
      author: 'Burrow test',
      message: 'with a marker',
    });
    expect(r.reference).toBe(`${repo}:v1`);
    const img = await engine.images.inspect(`${repo}:v1`);
    expect(img.id).toBe(r.id);
    const raw = img.raw as { Author?: string; Comment?: string };
    expect(raw.Author).toBe('Burrow test');
    expect(raw.Comment).toBe('with a marker');
    // A container from the new image has the file.
    const { id: child } = await run(['cat', '/marker'], { image: `${repo}:v1` });
    await engine.containers.wait(child);
    expect(await logText(child)).toContain('committed');
  });

  it('refuses a bad name by field, and pause where the host cannot pause', async () => {
    const { id } = await run(['sleep', '600']);
    await expect(engine.containers.commit(id, { repo: 'Not/Valid' })).rejects.toMatchObject({
      code: 'invalid_input',
      field: 'repo',
    });
    const facts = await engine.system.hostFacts();
    const repo = `localhost/${uniqueName('paused')}`;
    images.push(`${repo}:latest`);
    const paused = engine.containers.commit(id, { repo, pause: true });
    if (facts.cgroupVersion === 'v1' && facts.rootless)
      await expect(paused).rejects.toMatchObject({
        code: 'unsupported_on_host',
        hint: expect.stringMatching(/cgroup v2/),
      });
    else expect((await paused).reference).toBe(`${repo}:latest`);
  });
});

describe('prune', () => {
  it('a container prune lists what goes first, then frees a real amount', async () => {
    const label = uniqueName('prune');
    const { id } = await run(['sh', '-c', 'head -c 3000000 /dev/urandom > /blob'], {
      labels: { ...TEST_LABELS, [label]: '1' },
    });
    await engine.containers.wait(id);
    const { id: keep } = await run(['sleep', '600'], { labels: { ...TEST_LABELS, [label]: '1' } });
    const plan = await prunePlan(engine, { scope: 'containers', labels: [label] });
    expect(plan.containers.map((c) => c.id)).toEqual([id]);
    expect(plan.containers[0]?.size).toBeGreaterThanOrEqual(3_000_000);
    const r = await engine.containers.prune({ filters: { label: [label] } });
    expect(r.removed).toEqual([id]);
    expect(r.reclaimedBytes).toBeGreaterThanOrEqual(3_000_000);
    expect((await engine.containers.inspect(keep)).state).toBe('running');
  });

  it('a system prune lists containers, networks and volumes first, and reports what it reclaimed', async () => {
    const label = uniqueName('sysprune');
    const labels = { ...TEST_LABELS, [label]: '1' };
    const { id } = await run(['sh', '-c', 'head -c 3000000 /dev/urandom > /blob'], { labels });
    await engine.containers.wait(id);
    const vol = uniqueName('pv');
    volumes.push(vol);
    await engine.volumes.create({ name: vol, labels });
    const net = uniqueName('pn');
    networks.push(net);
    await engine.networks.create({ name: net, labels });
    // In use by a running container: kept.
    const busy = uniqueName('busyvol');
    volumes.push(busy);
    await engine.volumes.create({ name: busy, labels });
    await run(['sleep', '600'], { labels, mounts: [{ type: 'volume', name: busy, target: '/busy' }] });

    const plan = await prunePlan(engine, { scope: 'system', volumes: true, labels: [label] });
    expect(plan.containers.map((c) => c.id)).toEqual([id]);
    expect(plan.volumes.map((v) => v.name)).toEqual([vol]);
    expect(plan.networks.map((n) => n.name)).toEqual([net]);
    expect(plan.estimatedBytes).toBeGreaterThanOrEqual(3_000_000);

    const r = await engine.system.prune({ volumes: true, filters: { label: [label] } });
    expect(r.removed.containers).toEqual([id]);
    expect(r.removed.volumes).toEqual([vol]);
    expect(r.removed.networks).toEqual([net]);
    expect(r.reclaimedBytes).toBeGreaterThanOrEqual(3_000_000);
    expect((await engine.volumes.list()).map((v) => v.name)).toContain(busy);
  });
});
