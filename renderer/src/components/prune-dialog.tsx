// A prune, in two steps: what it will remove (Podman's own rules, worked out by core before anything goes), then
// the result with the space Podman reports it reclaimed.
import { useState } from 'react';
import type { PrunePlan } from '../../../core/model/prune.js';
import { invoke } from '../api/types.js';
import { useChannel } from '../data/queries.js';
import { invalidateAll } from '../data/query-client.js';
import { useStore } from '../store/store.js';
import { bytes, Dialog, ErrorNote } from './ui.js';

function PlanList({ plan }: { plan: PrunePlan }) {
  const groups: [string, { key: string; label: string; size?: number }[]][] = [
    ['Pods', plan.pods.map((p) => ({ key: p.id, label: p.name }))],
    ['Containers', plan.containers.map((c) => ({ key: c.id, label: c.name, size: c.size }))],
    ['Images', plan.images.map((i) => ({ key: i.id, label: i.name, size: i.size }))],
    ['Networks', plan.networks.map((n) => ({ key: n.name, label: n.name }))],
    ['Volumes', plan.volumes.map((v) => ({ key: v.name, label: v.name, size: v.size }))],
  ];
  const shown = groups.filter(([, items]) => items.length > 0);
  if (!shown.length) return <p role="status">Nothing to remove: everything is in use.</p>;
  return (
    <div aria-label="Will be removed" role="region">
      {shown.map(([title, items]) => (
        <section key={title}>
          <h3>
            {title} ({items.length})
          </h3>
          <ul className="plain prune-list">
            {items.map((i) => (
              <li key={i.key} data-name={i.label}>
                {i.label}
                {i.size ? <span className="muted"> · {bytes(i.size)}</span> : null}
              </li>
            ))}
          </ul>
        </section>
      ))}
      <p>
        Frees up to <strong>{bytes(plan.estimatedBytes)}</strong>.
      </p>
    </div>
  );
}

export function PruneDialog({ scope, onClose }: { scope: 'containers' | 'system'; onClose(): void }) {
  const [all, setAll] = useState(false);
  const [volumes, setVolumes] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [result, setResult] = useState<{ removed: number; reclaimed: number }>();
  const containersPlan = useChannel(
    'containers.prunePlan',
    {},
    { enabled: scope === 'containers', staleTime: 0 },
  );
  const systemPlan = useChannel(
    'system.prunePlan',
    { all, volumes },
    { enabled: scope === 'system', staleTime: 0 },
  );
  const plan = scope === 'containers' ? containersPlan : systemPlan;
  const run = async () => {
    const api = useStore.getState().api;
    if (!api) return;
    setBusy(true);
    setError(undefined);
    try {
      if (scope === 'containers') {
        const r = await invoke(api, 'containers.prune', {});
        setResult({ removed: r.removed.length, reclaimed: r.reclaimedBytes });
      } else {
        const r = await invoke(api, 'system.prune', { all, volumes });
        const removed = Object.values(r.removed).reduce((n, l) => n + l.length, 0);
        setResult({ removed, reclaimed: r.reclaimedBytes });
      }
      invalidateAll();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const title = scope === 'containers' ? 'Remove stopped containers' : 'System prune';
  return (
    <Dialog
      title={title}
      onClose={onClose}
      footer={
        result ? (
          <button className="primary" onClick={onClose}>
            Done
          </button>
        ) : (
          <>
            <button onClick={onClose}>Cancel</button>
            <button className="danger" disabled={busy || !plan.data} onClick={() => void run()}>
              {busy ? 'Removing…' : 'Remove'}
            </button>
          </>
        )
      }
    >
      {result ? (
        <p role="status" aria-label="Prune result">
          Removed {result.removed} object{result.removed === 1 ? '' : 's'}; Podman reclaimed{' '}
          <strong>{bytes(result.reclaimed)}</strong>.
        </p>
      ) : (
        <>
          {scope === 'system' ? (
            <div className="row-fields">
              <label>
                <input type="checkbox" checked={all} onChange={(e) => setAll(e.target.checked)} /> Every
                unused image, not only untagged ones
              </label>
              <label>
                <input type="checkbox" checked={volumes} onChange={(e) => setVolumes(e.target.checked)} />{' '}
                Unused volumes too (their data is lost)
              </label>
            </div>
          ) : null}
          {plan.error ? <ErrorNote error={plan.error} /> : null}
          {plan.data ? (
            <PlanList plan={plan.data} />
          ) : !plan.error ? (
            <p aria-busy="true">Working out what goes…</p>
          ) : null}
          {error ? <ErrorNote error={error} /> : null}
        </>
      )}
    </Dialog>
  );
}
