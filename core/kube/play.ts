// Playing a Kubernetes YAML with progress. libpod's play endpoint answers once, at the end, so Burrow does the
// slow part itself first: it reads the plan (what the file holds), pulls each missing image with per-layer
// progress, then plays, and ends with the pods, containers and volumes made — or why not.
import type { Engine } from '../engine-api.js';
import { toErrorData } from '../errors.js';
import { jobLine } from '../model/jobs.js';
import type { KubePlayEvent } from '../model/kube.js';
import { parseKube } from './plan.js';

export async function* kubePlay(
  engine: Engine,
  yaml: string,
  opts: { replace?: boolean; signal?: AbortSignal } = {},
): AsyncGenerator<KubePlayEvent> {
  const { plan } = parseKube(yaml);
  yield { kind: 'plan', plan };
  for (const w of plan.warnings) yield jobLine(`warning: ${w}`);
  const what = plan.documents
    .filter((d) => d.playable)
    .map((d) => `${d.kind} ${d.name}`)
    .join(', ');
  try {
    for (const image of plan.images) {
      if (opts.signal?.aborted) break;
      if (await engine.images.exists(image)) {
        yield { kind: 'pull', image, status: 'present' };
        continue;
      }
      yield jobLine(`pulling ${image}`);
      for await (const p of engine.images.pull(image, opts.signal ? { signal: opts.signal } : {}))
        yield {
          kind: 'pull',
          image,
          status: p.status,
          ...(p.layer ? { layer: p.layer } : {}),
          ...(p.current !== undefined ? { current: p.current } : {}),
          ...(p.total !== undefined ? { total: p.total } : {}),
        };
    }
    if (opts.signal?.aborted) {
      yield {
        kind: 'done',
        ok: false,
        summary: 'kube play was cancelled',
        error: { code: 'aborted', message: 'cancelled' },
      };
      return;
    }
    yield jobLine(`${opts.replace ? 'replacing' : 'playing'} ${what}`);
    const report = await engine.kube.play(yaml, {
      ...(opts.replace ? { replace: true } : {}),
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
    for (const p of report.pods)
      yield jobLine(`pod ${p.name || p.id.slice(0, 12)}: ${p.containers.length} container(s)`);
    for (const v of report.volumes) yield jobLine(`volume ${v}`);
    for (const e of report.errors) yield jobLine(e, 'stderr');
    const pods = report.pods.map((p) => p.name || p.id.slice(0, 12));
    yield {
      kind: 'done',
      ok: report.errors.length === 0,
      summary:
        report.errors.length === 0
          ? `kube play: ${pods.length ? `pod${pods.length > 1 ? 's' : ''} ${pods.join(', ')} running` : 'done'}${report.volumes.length ? `, volume${report.volumes.length > 1 ? 's' : ''} ${report.volumes.join(', ')}` : ''}`
          : `kube play finished with errors: ${report.errors.join('; ')}`,
      result: report,
    };
  } catch (e) {
    const error = toErrorData(e);
    yield { kind: 'done', ok: false, summary: `kube play failed: ${error.message}`, error };
  }
}
