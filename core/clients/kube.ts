// Kubernetes YAML through libpod: play (`/libpod/play/kube`, which Podman 4.3 and 5.x both serve), tear down
// (DELETE on the same path) and generate (`/libpod/generate/kube`). Podman 4.3 quirks are handled here, each
// named: it has no `replace` (Burrow tears down first), it refuses a PersistentVolumeClaim whose volume exists
// (Burrow leaves that document out so the pods reuse the volume, as Podman ≥ 4.4 does), and its teardown keeps
// the claims' volumes even when asked not to (Burrow removes them).
import type { KubeClient } from '../engine-api.js';
import { BurrowError, invalidInput } from '../errors.js';
import type { KubeDownReport, KubePlayReport } from '../model/kube.js';
import { parseKube, withoutDocuments } from '../kube/plan.js';
import { defineEndpoints } from '../transport/api-client.js';
import { asRecord, asString, asStringArray, type ClientContext } from './context.js';

export const kubeEndpoints = defineEndpoints({
  play: {
    method: 'POST',
    path: '/libpod/play/kube',
    response: 'json',
    name: 'kube play',
    timeoutMs: 600_000,
  },
  down: {
    method: 'DELETE',
    path: '/libpod/play/kube',
    response: 'json',
    name: 'kube down',
    timeoutMs: 300_000,
  },
  generate: {
    method: 'GET',
    path: '/libpod/generate/kube',
    response: 'json',
    name: 'kube generate',
    errors: { 404: 'not_found' },
  },
  volumeExists: {
    method: 'GET',
    path: '/libpod/volumes/{name}/exists',
    response: 'none',
    name: 'volume exists',
    okStatuses: [404],
  },
  volumeRemove: {
    method: 'DELETE',
    path: '/libpod/volumes/{name}',
    response: 'none',
    name: 'volume remove',
  },
  pods: { method: 'GET', path: '/libpod/pods/json', response: 'json', name: 'pod list' },
});
const E = kubeEndpoints;

function atLeast(version: string, major: number, minor: number): boolean {
  const [a = 0, b = 0] = version.split('.').map((x) => Number.parseInt(x, 10) || 0);
  return a > major || (a === major && b >= minor);
}

function errorsOf(v: unknown): string[] {
  return Array.isArray(v) ? v.map((e) => (typeof e === 'string' ? e : JSON.stringify(e))) : [];
}

/** libpod's PlayKubeReport → pods (with names), volumes and per-container errors. */
export function toPlayReport(raw: unknown, podNames: Map<string, string>): KubePlayReport {
  const r = asRecord(raw);
  const pods = (Array.isArray(r.Pods) ? r.Pods : []).map((p) => {
    const o = asRecord(p);
    const id = asString(o.ID);
    return { id, name: podNames.get(id) ?? '', containers: asStringArray(o.Containers) };
  });
  const errors = (Array.isArray(r.Pods) ? r.Pods : []).flatMap((p) => errorsOf(asRecord(p).ContainerErrors));
  return {
    pods,
    volumes: (Array.isArray(r.Volumes) ? r.Volumes : [])
      .map((v) => asString(asRecord(v).Name))
      .filter(Boolean),
    errors,
  };
}

function nothingRunning(): BurrowError {
  return new BurrowError({
    code: 'not_found',
    field: 'yaml',
    message: 'Nothing from this YAML is running: its pods do not exist',
    hint: 'Play it first, or check that it is the YAML the pods were played from.',
  });
}

export function createKubeClient(ctx: ClientContext): KubeClient {
  const { api } = ctx;
  const modern = () => atLeast(api.apiVersion, 4, 4);
  const send = (yaml: string) => ({ rawBody: Buffer.from(yaml), contentType: 'application/yaml' });

  async function volumeExists(name: string): Promise<boolean> {
    const res = await api.open(E.volumeExists, { params: { name } });
    res.resume();
    return res.statusCode === 204;
  }

  async function podNames(): Promise<Map<string, string>> {
    const list = await api.call<unknown[]>(E.pods);
    return new Map(
      (Array.isArray(list) ? list : []).map((p) => [asString(asRecord(p).Id), asString(asRecord(p).Name)]),
    );
  }

  async function down(yaml: string, opts: { removeVolumes?: boolean } = {}): Promise<KubeDownReport> {
    const parsed = parseKube(yaml);
    let raw: unknown;
    try {
      raw = await api.call(E.down, { ...send(yaml), query: { force: opts.removeVolumes ?? false } });
    } catch (e) {
      if (
        e instanceof BurrowError &&
        /no such pod|no pod with name/i.test(`${e.message} ${e.engineMessage ?? ''}`)
      )
        throw nothingRunning();
      throw e;
    }
    const r = asRecord(raw);
    const pods = (Array.isArray(r.RmReport) ? r.RmReport : []).map((x) => asString(asRecord(x).Id));
    // Podman 5 answers a teardown of pods that do not exist with an empty report; 4.3 with an error (above).
    if (pods.length === 0) throw nothingRunning();
    const volumes = (Array.isArray(r.VolumeRmReport) ? r.VolumeRmReport : [])
      .map((x) => asString(asRecord(x).Id))
      .filter(Boolean);
    if (opts.removeVolumes && !modern()) {
      // Podman 4.3 ignores force: remove the claims' volumes here.
      for (const name of parsed.plan.volumes)
        if (await volumeExists(name)) {
          await api.call(E.volumeRemove, { params: { name }, query: { force: true } });
          volumes.push(name);
        }
    }
    return { pods, volumes };
  }

  return {
    async play(yaml, opts = {}) {
      const parsed = parseKube(yaml);
      let body = yaml;
      if (!modern()) {
        if (opts.replace)
          await down(yaml).catch((e) =>
            e instanceof BurrowError && e.code === 'not_found' ? undefined : Promise.reject(e),
          );
        const existing = new Set<string>();
        for (const d of parsed.plan.documents)
          if (d.kind === 'PersistentVolumeClaim' && (await volumeExists(d.name))) existing.add(d.name);
        if (existing.size)
          body = withoutDocuments(parsed, (d) => d.kind === 'PersistentVolumeClaim' && existing.has(d.name));
      }
      let raw: unknown;
      try {
        raw = await api.call(E.play, {
          ...send(body),
          query: {
            start: opts.start ?? true,
            ...(opts.replace && modern() ? { replace: true } : {}),
          },
          ...(opts.signal ? { signal: opts.signal } : {}),
        });
      } catch (e) {
        if (
          e instanceof BurrowError &&
          /already exists|in use/i.test(`${e.message} ${e.engineMessage ?? ''}`)
        )
          throw new BurrowError({
            code: 'conflict',
            field: 'yaml',
            message: e.message,
            hint: 'Its pods exist already: play it with Replace, or tear it down first.',
          });
        throw e;
      }
      return toPlayReport(raw, await podNames());
    },
    down,
    async generate(names, opts = {}) {
      if (names.length === 0)
        throw invalidInput('names', 'Name at least one container or pod', 'Pick a container or a pod.');
      let text: unknown;
      try {
        text = await api.call<unknown>(E.generate, {
          query: { names, ...(opts.service ? { service: true } : {}) },
        });
      } catch (e) {
        const inPod = /container (\w+) is associated with pod (\w+)/.exec(
          e instanceof BurrowError ? `${e.message} ${e.engineMessage ?? ''}` : '',
        );
        if (!inPod) throw e;
        const pod = (await podNames()).get(inPod[2] as string) ?? inPod[2];
        throw invalidInput(
          'names',
          `${names.join(', ')}: a container in a pod is generated with its pod`,
          `Generate its pod, ${pod}, instead.`,
        );
      }
      if (typeof text !== 'string' || !/^kind:/m.test(text))
        throw new BurrowError({
          code: 'engine_error',
          message: `kube generate returned no YAML: ${JSON.stringify(text).slice(0, 200)}`,
        });
      return text;
    },
  };
}
