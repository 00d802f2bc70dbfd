// The container as a Quadlet unit: checked by Podman's generator on the engine's host (this machine, or the
// remote engine's over SSH), optionally marked for auto-update, copied, or saved there as the user's unit.
import { useState } from 'react';
import { ErrorNote } from '../../components/ui.js';
import { runChannel, useChannel } from '../../data/queries.js';
import { href } from '../../router.js';
import { useStore } from '../../store/store.js';

type Policy = 'registry' | 'local';

export function QuadletTab({ id }: { id: string }) {
  const [autoUpdate, setAutoUpdate] = useState<Policy | ''>('');
  const [saved, setSaved] = useState<{ path: string; service: string }>();
  const args = { id, ...(autoUpdate ? { autoUpdate } : {}) };
  const { data: res, error } = useChannel('insight.quadlet', args);
  if (error) return <ErrorNote error={error} />;
  if (!res) return <p aria-busy="true">Generating…</p>;
  const v = res.validation;
  const save = (overwrite: boolean) =>
    void runChannel(
      'insight.saveQuadlet',
      { ...args, ...(overwrite ? { overwrite: true } : {}) },
      {
        done: (r) => `Saved ${r.path}: ${r.service} is ready to start`,
        invalidates: ['systemd.'],
        then: setSaved,
      },
    );
  return (
    <div className="quadlet">
      <p>
        <strong>{res.unit.fileName}</strong> → systemd service <code>{res.unit.serviceName}</code>.{' '}
        {v.checked ? (
          v.ok ? (
            <span className="ok">Accepted by Podman’s quadlet generator.</span>
          ) : (
            <span className="warn">Quadlet rejected it: {v.error}</span>
          )
        ) : (
          <span className="muted">Not validated: {v.reason}.</span>
        )}
      </p>
      <label htmlFor="quadlet-autoupdate">Auto-update</label>
      <select
        id="quadlet-autoupdate"
        value={autoUpdate}
        onChange={(e) => setAutoUpdate(e.target.value as Policy | '')}
      >
        <option value="">off</option>
        <option value="registry">registry: the newest image of its tag</option>
        <option value="local">local: a newer local image</option>
      </select>
      <pre className="json" aria-label="Quadlet unit">
        {res.unit.text}
      </pre>
      <div className="toolbar">
        <button
          onClick={() =>
            void navigator.clipboard
              ?.writeText(res.unit.text)
              .then(() => useStore.getState().toast('info', 'Unit copied'))
          }
        >
          Copy
        </button>
        <button className="primary" onClick={() => save(false)}>
          Save as a unit
        </button>
        <button onClick={() => save(true)}>Replace the saved unit</button>
      </div>
      {saved ? (
        <p role="status">
          Saved {saved.path}. <a href={href({ view: 'units' })}>Start {saved.service} in Units</a>
        </p>
      ) : null}
    </div>
  );
}
