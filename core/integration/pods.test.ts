// Pods on the real engine as the Pods view makes them: a name, a published port and a user namespace; a container
// created into the pod answers on the pod's port and has the pod's mapping; the pod lists its containers.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../engine-api.js';
import { parseIdMap, toHostId } from '../insight/uid-mapping.js';
import { openTestEngine } from './harness/engine.js';
import { FIXTURE_IMAGE, TEST_LABELS, uniqueName } from './harness/fixtures.js';
import { freePort } from './harness/local-registry.js';
import { getOnEngineHost, readEngineHostFile } from './harness/target.js';

let engine: Engine;
const pods: string[] = [];

beforeAll(async () => {
  engine = await openTestEngine({ tag: 'pods' });
});

afterEach(async () => {
  for (const p of pods.splice(0)) await engine.pods.remove(p, { force: true }).catch(() => undefined);
});

afterAll(async () => {
  await engine?.close();
});

describe('pods', () => {
  it('a pod with a port and keep-id: its container answers on the port and runs as you', async () => {
    const name = uniqueName('pod');
    const port = await freePort();
    await engine.pods.create({
      name,
      labels: TEST_LABELS,
      ports: [{ hostIp: '127.0.0.1', hostPort: port, containerPort: 8080, protocol: 'tcp' }],
      userns: { kind: 'keep-id' },
    });
    pods.push(name);
    const web = uniqueName('web');
    const { id } = await engine.containers.create({
      image: FIXTURE_IMAGE,
      name: web,
      pod: name,
      command: ['httpd', '-f', '-p', '8080', '-h', '/www'],
      labels: TEST_LABELS,
    });
    await engine.pods.start(name);
    const facts = await engine.system.hostFacts();
    const detail = await engine.containers.inspect(id);
    expect(detail.pod).toBeTruthy();
    const map = parseIdMap(await readEngineHostFile(`/proc/${detail.pid}/uid_map`));
    expect(toHostId(map, facts.uid)).toBe(facts.uid);
    let body = '';
    for (let i = 0; i < 30 && !body.includes('burrow fixture'); i++) {
      body = await getOnEngineHost(`http://127.0.0.1:${port}/`);
      if (!body) await new Promise((r) => setTimeout(r, 200));
    }
    expect(body).toContain('hello from the burrow fixture');
    const listed = (await engine.pods.list()).find((p) => p.name === name);
    expect(listed?.containers.map((c) => c.name)).toContain(web);
    expect(listed?.status).toBe('Running');
    const row = (await engine.containers.list({ all: true, filters: { id: [id] } }))[0];
    expect(row?.pod).toBe(name);
  });

  it('refuses a taken name, nomap and a bad port by field', async () => {
    const name = uniqueName('pod');
    await engine.pods.create({ name, labels: TEST_LABELS });
    pods.push(name);
    await expect(engine.pods.create({ name })).rejects.toMatchObject({
      code: 'invalid_input',
      field: 'name',
    });
    await expect(
      engine.pods.create({ name: uniqueName('p'), userns: { kind: 'nomap' } }),
    ).rejects.toMatchObject({
      field: 'userns',
      hint: expect.stringContaining('keep-id'),
    });
    await expect(
      engine.pods.create({ name: uniqueName('p'), ports: [{ containerPort: 70000, protocol: 'tcp' }] }),
    ).rejects.toMatchObject({ field: 'ports[0].containerPort' });
    await expect(engine.pods.create({ name: 'bad name' })).rejects.toMatchObject({ field: 'name' });
  });
});
