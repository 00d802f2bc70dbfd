// Volumes: list, create, remove (with its data), prune.
import { useState } from 'react';
import { invoke } from '../api/types.js';
import { ResourceTable, ViewHeader } from '../components/resource-table.js';
import { Confirm, Dialog, ago } from '../components/ui.js';
import { runAction, useChannel } from '../data/queries.js';
import { useStore } from '../store/store.js';

export function VolumesView() {
  const api = useStore((s) => s.api);
  const { data: volumes, error } = useChannel('volumes.list', {});
  const [name, setName] = useState('');
  const [creating, setCreating] = useState(false);
  const [confirm, setConfirm] = useState<string>();
  return (
    <section className="view" aria-label="Volumes">
      <ViewHeader title="Volumes">
        <button
          onClick={() =>
            api &&
            void runAction(() => invoke(api, 'volumes.prune', {}), {
              done: 'Pruned unused volumes',
              invalidates: ['volumes.'],
            })
          }
        >
          Prune
        </button>
        <button className="primary" onClick={() => setCreating(true)}>
          Create volume
        </button>
      </ViewHeader>
      <ResourceTable
        label="Volumes"
        rows={volumes}
        error={error}
        rowKey={(v) => v.name}
        empty="No volumes"
        columns={[
          { header: 'Name', cell: (v) => v.name },
          { header: 'Driver', cell: (v) => v.driver },
          { header: 'Mountpoint', cell: (v) => <code>{v.mountpoint}</code> },
          { header: 'Created', cell: (v) => ago(v.createdAt) },
        ]}
        actions={(v) => (
          <button
            className="danger"
            aria-label={`Remove volume ${v.name}`}
            onClick={() => setConfirm(v.name)}
          >
            Remove
          </button>
        )}
      />
      {creating ? (
        <Dialog
          title="Create volume"
          onClose={() => setCreating(false)}
          footer={
            <button
              className="primary"
              onClick={() =>
                api &&
                void runAction(() => invoke(api, 'volumes.create', name ? { name } : {}), {
                  done: 'Volume created',
                  invalidates: ['volumes.'],
                  then: () => setCreating(false),
                })
              }
            >
              Create
            </button>
          }
        >
          <label htmlFor="vol-name">Name (optional)</label>
          <input id="vol-name" value={name} onChange={(e) => setName(e.target.value)} />
        </Dialog>
      ) : null}
      {confirm ? (
        <Confirm
          title="Remove volume"
          message={`Remove volume ${confirm} and its data?`}
          confirmLabel="Remove"
          onCancel={() => setConfirm(undefined)}
          onConfirm={() => {
            const n = confirm;
            setConfirm(undefined);
            if (api)
              void runAction(() => invoke(api, 'volumes.remove', { name: n }), {
                done: `Removed ${n}`,
                invalidates: ['volumes.'],
              });
          }}
        />
      ) : null}
    </section>
  );
}
