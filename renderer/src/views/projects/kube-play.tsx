// Play a Kubernetes YAML (pasted, or read from a file on this machine) with progress — the plan, each image
// pulled, then the pods — replace what an earlier play made, or tear it down (its volumes too, when asked).
import { useState } from 'react';
import type { KubePlan } from '../../../../core/model/kube.js';
import { JobOutput } from '../../components/job-output.js';
import { useLineJob } from '../../data/jobs.js';
import { runChannel } from '../../data/queries.js';
import { href } from '../../router.js';

export function KubePlay() {
  const [file, setFile] = useState('');
  const [yaml, setYaml] = useState('');
  const [replace, setReplace] = useState(false);
  const [removeVolumes, setRemoveVolumes] = useState(false);
  const [plan, setPlan] = useState<KubePlan>();
  const [pulls, setPulls] = useState<Record<string, string>>({});
  const job = useLineJob('kube.play', {
    invalidates: ['pods.', 'volumes.'],
    onItem: (e) => {
      if (e.kind === 'plan') setPlan(e.plan);
      else if (e.kind === 'pull')
        setPulls((p) => ({
          ...p,
          [e.image]:
            e.total && e.current !== undefined
              ? `${e.status} ${Math.round((e.current / e.total) * 100)}%`
              : e.status,
        }));
    },
  });
  const load = () =>
    void runChannel('kube.readFile', { file: file.trim() }, { then: (r) => setYaml(r.yaml) });
  const play = () => {
    setPlan(undefined);
    setPulls({});
    job.start({ yaml, ...(replace ? { replace: true } : {}) });
  };
  const down = () =>
    void runChannel(
      'kube.down',
      { yaml, removeVolumes },
      {
        done: (r) =>
          `Tore down ${r.pods.length} pod${r.pods.length === 1 ? '' : 's'}${
            r.volumes.length ? ` and volume${r.volumes.length === 1 ? '' : 's'} ${r.volumes.join(', ')}` : ''
          }`,
        invalidates: ['pods.', 'volumes.'],
      },
    );
  const report = job.state.done?.ok ? job.state.done.result : undefined;
  const pods = (report as { pods?: { id: string; name: string }[] } | undefined)?.pods ?? [];
  return (
    <div className="card" aria-label="Kubernetes YAML">
      <h2>Kubernetes YAML: play, replace, tear down</h2>
      <label htmlFor="kube-file">YAML file on this machine (or paste it below)</label>
      <div className="toolbar">
        <input
          id="kube-file"
          placeholder="/home/me/app/pod.yaml"
          value={file}
          onChange={(e) => setFile(e.target.value)}
        />
        <button disabled={!file.trim()} onClick={load}>
          Load
        </button>
      </div>
      <textarea
        className="yaml"
        aria-label="Kubernetes YAML to play"
        spellCheck={false}
        value={yaml}
        onChange={(e) => setYaml(e.target.value)}
      />
      <div className="toolbar">
        <label>
          <input type="checkbox" checked={replace} onChange={(e) => setReplace(e.target.checked)} /> Replace
          what it made before
        </label>
        <button className="primary" disabled={!yaml.trim() || job.state.running} onClick={play}>
          {job.state.running ? 'Playing…' : 'Play'}
        </button>
        <span className="spacer" />
        <label>
          <input
            type="checkbox"
            checked={removeVolumes}
            onChange={(e) => setRemoveVolumes(e.target.checked)}
          />{' '}
          with its volumes
        </label>
        <button className="danger" disabled={!yaml.trim()} onClick={down}>
          Tear down
        </button>
      </div>
      {plan ? (
        <ul className="plain" aria-label="What the YAML holds">
          {plan.documents.map((d) => (
            <li key={`${d.kind}/${d.name}`}>
              {d.kind} <strong>{d.name}</strong>
              {d.playable ? '' : ' (skipped: Podman does not play it)'}
            </li>
          ))}
          {plan.images.map((i) => (
            <li key={i} className="muted">
              image {i}: {pulls[i] ?? 'waiting'}
            </li>
          ))}
        </ul>
      ) : null}
      <JobOutput state={job.state} label="Kube play output" height={160} />
      {pods.map((p) => (
        <a key={p.id} href={href({ view: 'pods' })}>
          Pod {p.name}
        </a>
      ))}
    </div>
  );
}
