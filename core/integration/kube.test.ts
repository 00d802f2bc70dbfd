// Kubernetes YAML on the real engine: a ConfigMap + Deployment + PersistentVolumeClaim played with progress (the
// image pulled from the local registry first), replaced, generated back, torn down with its volume; a pod made in
// Burrow survives the round trip generate → tear down → play; bad YAML is refused before the engine sees it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../engine-api.js';
import { kubePlay } from '../kube/play.js';
import type { KubePlayEvent } from '../model/kube.js';
import { openTestEngine } from './harness/engine.js';
import { FIXTURE_IMAGE, listEngineObjects, podmanCli, TEST_LABELS, uniqueName } from './harness/fixtures.js';

let engine: Engine;
const pods: string[] = [];
const volumes: string[] = [];
const images: string[] = [];

beforeAll(async () => {
  engine = await openTestEngine({ tag: 'kube' });
});

afterAll(async () => {
  for (const p of pods) await engine.pods.remove(p, { force: true }).catch(() => undefined);
  for (const v of volumes) await engine.volumes.remove(v, { force: true }).catch(() => undefined);
  for (const i of images) await engine.images.remove(i, { force: true }).catch(() => undefined);
  await engine?.close();
});

async function play(yaml: string, replace = false): Promise<KubePlayEvent[]> {
  const out: KubePlayEvent[] = [];
  for await (const e of kubePlay(engine, yaml, { replace })) out.push(e);
  return out;
}

function app(name: string, image: string): string {
  return `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}-cfg
data:
  GREETING: hello-from-configmap
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  labels:
    burrow.test: "1"
spec:
  replicas: 1
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
      containers:
      - name: web
        image: ${image}
        command: ["sh", "-c", "echo $GREETING > /data/greeting; exec httpd -f -p 8080 -h /www"]
        env:
        - name: GREETING
          valueFrom:
            configMapKeyRef:
              name: ${name}-cfg
              key: GREETING
        volumeMounts:
        - name: data
          mountPath: /data
      volumes:
      - name: data
        persistentVolumeClaim:
          claimName: ${name}-data
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: ${name}-data
spec:
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 1Gi
`;
}

describe('a Deployment with a ConfigMap and a volume claim', () => {
  const name = uniqueName('kapp');
  const registry = process.env.BURROW_TEST_REGISTRY;
  const image = `${registry}/burrow-test/busybox:latest`;
  let podName = '';

  it('plays with progress: the plan, the image pulled layer by layer, then the pod, running', async () => {
    expect(registry).toBeTruthy();
    images.push(image);
    volumes.push(`${name}-data`);
    await engine.images.remove(image, { force: true }).catch(() => undefined);
    const events = await play(app(name, image));
    expect(events[0]).toMatchObject({
      kind: 'plan',
      plan: {
        documents: [
          { kind: 'ConfigMap', name: `${name}-cfg` },
          { kind: 'Deployment', name, images: [image] },
          { kind: 'PersistentVolumeClaim', name: `${name}-data` },
        ],
        images: [image],
        volumes: [`${name}-data`],
      },
    });
    const pulls = events.filter((e) => e.kind === 'pull');
    expect(pulls.some((p) => p.kind === 'pull' && p.layer)).toBe(true);
    const done = events.at(-1);
    expect(done).toMatchObject({ kind: 'done', ok: true });
    if (done?.kind !== 'done' || !done.result) throw new Error('no report');
    expect(done.result.pods).toHaveLength(1);
    podName = done.result.pods[0]?.name ?? '';
    pods.push(podName);
    expect(podName).toMatch(new RegExp(`^${name}-pod`));
    expect(done.summary).toBe(`kube play: pod ${podName} running, volume ${name}-data`);
    const pod = (await engine.pods.list()).find((p) => p.name === podName);
    expect(pod?.status).toBe('Running');
    const web = pod?.containers.find((c) => c.name.endsWith('-web'));
    expect(web).toBeTruthy();
    const r = await engine.containers.exec(web!.id, ['cat', '/data/greeting']);
    expect(r.stdout.trim()).toBe('hello-from-configmap');
    expect((await engine.volumes.list()).some((v) => v.name === `${name}-data`)).toBe(true);
  });

  it('refuses to play it twice, and replaces it when asked (the volume and its data kept)', async () => {
    const again = await play(app(name, image));
    expect(again.at(-1)).toMatchObject({ kind: 'done', ok: false, error: { code: 'conflict' } });
    const before = (await engine.pods.list()).find((p) => p.name === podName)?.id;
    const replaced = await play(app(name, image), true);
    expect(replaced.at(-1)).toMatchObject({ kind: 'done', ok: true });
    const pod = (await engine.pods.list()).find((p) => p.name === podName);
    expect(pod?.id).not.toBe(before);
    expect(pod?.status).toBe('Running');
    const web = pod?.containers.find((c) => c.name.endsWith('-web'));
    // The new container wrote the greeting again into the same volume; the volume survived the replace.
    expect((await engine.containers.exec(web!.id, ['cat', '/data/greeting'])).stdout.trim()).toBe(
      'hello-from-configmap',
    );
  });

  it('generates YAML for the pod and for a container outside any pod (one inside is sent to its pod)', async () => {
    const yaml = await engine.kube.generate([podName]);
    expect(yaml).toMatch(/^kind: Pod$/m);
    expect(yaml).toContain(`name: ${podName}`);
    expect(yaml).toContain(`image: ${image}`);
    expect(yaml).toContain(`claimName: ${name}-data`);
    const web = (await engine.pods.list())
      .find((p) => p.name === podName)
      ?.containers.find((c) => c.name.endsWith('-web'));
    await expect(engine.kube.generate([web!.name])).rejects.toMatchObject({
      code: 'invalid_input',
      field: 'names',
      hint: `Generate its pod, ${podName}, instead.`,
    });
    const lone = uniqueName('lone');
    const { id } = await engine.containers.create({
      image: FIXTURE_IMAGE,
      name: lone,
      command: ['sleep', '600'],
      labels: TEST_LABELS,
    });
    try {
      const one = await engine.kube.generate([lone]);
      expect(one).toMatch(/^kind: Pod$/m);
      expect(one).toContain(`name: ${lone}`);
    } finally {
      await engine.containers.remove(id, { force: true });
    }
    await expect(engine.kube.generate([uniqueName('nothing')])).rejects.toMatchObject({
      code: expect.stringMatching(/not_found|engine_error/),
    });
  });

  it('tears down what it made, its volume too when asked; then there is nothing to tear down', async () => {
    const report = await engine.kube.down(app(name, image), { removeVolumes: true });
    expect(report.pods).toHaveLength(1);
    expect(report.volumes).toContain(`${name}-data`);
    expect((await engine.pods.list()).some((p) => p.name === podName)).toBe(false);
    expect((await engine.volumes.list()).some((v) => v.name === `${name}-data`)).toBe(false);
    await expect(engine.kube.down(app(name, image))).rejects.toMatchObject({
      code: 'not_found',
      field: 'yaml',
    });
  });
});

describe('round trip', () => {
  it('a pod made here: generate, tear down, play the YAML — the same pod comes back', async () => {
    const pod = uniqueName('rt');
    pods.push(pod);
    await engine.pods.create({ name: pod, labels: TEST_LABELS });
    const { id } = await engine.containers.create({
      image: FIXTURE_IMAGE,
      name: `${pod}-web`,
      pod,
      command: ['httpd', '-f', '-p', '8080', '-h', '/www'],
      env: ['MODE=round-trip'],
      labels: TEST_LABELS,
    });
    await engine.containers.start(id);
    const before = await engine.containers.inspect(id);
    const yaml = await engine.kube.generate([pod]);
    await engine.pods.remove(pod, { force: true });
    expect((await engine.pods.list()).some((p) => p.name === pod)).toBe(false);
    const events = await play(yaml);
    expect(events.at(-1)).toMatchObject({ kind: 'done', ok: true });
    const back = (await engine.pods.list()).find((p) => p.name === pod);
    expect(back?.status).toBe('Running');
    const members = back!.containers.filter((c) => c.id !== back!.infraId);
    expect(members).toHaveLength(1);
    const after = await engine.containers.inspect(members[0]!.id);
    expect(after.image).toBe(before.image);
    // Kubernetes has no separate entrypoint and cmd: the generated `command:` comes back as the entrypoint.
    // What runs is the same.
    expect([...after.entrypoint, ...after.command]).toEqual([...before.entrypoint, ...before.command]);
    expect(after.env).toContain('MODE=round-trip');
    expect(after.name.endsWith('web')).toBe(true);
    expect(
      (await engine.containers.exec(after.id, ['wget', '-q', '-O', '-', 'http://127.0.0.1:8080/index.html']))
        .stdout,
    ).toContain('hello from the burrow fixture');
    await engine.kube.down(yaml);
    expect((await engine.pods.list()).some((p) => p.name === pod)).toBe(false);
  });
});

describe('bad input', () => {
  it('is refused, naming the document, and leaves nothing behind', async () => {
    const before = await listEngineObjects();
    const refused = async (yaml: string) => {
      try {
        await play(yaml);
        return 'accepted';
      } catch (e) {
        return `${(e as { code: string }).code} ${(e as { field: string }).field}: ${(e as Error).message}`;
      }
    };
    expect(await refused('kind: Pod\nmetadata: {}\n')).toBe(
      'invalid_input yaml: Document 1 (Pod) has no metadata.name',
    );
    expect(await refused('kind: Service\nmetadata: {name: s}\n')).toMatch(
      /^invalid_input yaml: Nothing here is playable/,
    );
    expect(await refused(': : :\n')).toMatch(/^invalid_input yaml: Document 1 is not valid YAML/);
    expect(await listEngineObjects()).toEqual(before);
    // The engine's own refusal of an image that cannot be had is the job's failure, in words.
    const missing = `${process.env.BURROW_TEST_REGISTRY}/burrow-test/no-such-image:latest`;
    const events = await play(
      `kind: Pod\nmetadata: {name: ${uniqueName('nopull')}}\nspec: {containers: [{name: a, image: "${missing}"}]}\n`,
    );
    expect(events.at(-1)).toMatchObject({
      kind: 'done',
      ok: false,
      summary: expect.stringMatching(/^kube play failed: /),
    });
    expect((await podmanCli(['pod', 'ps', '--format', '{{.Name}}'])).includes('nopull')).toBe(false);
  });
});
