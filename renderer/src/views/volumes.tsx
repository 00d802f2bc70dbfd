// Volumes: list, create, remove (with its data), prune.
import { useState } from 'react';
import { ResourceTable, ViewHeader } from '../components/resource-table.js';
import { Dialog, ago, useConfirm } from '../components/ui.js';
import { runChannel, useChannel } from '../data/queries.js';

export function VolumesView() {
  const { data: volumes, error } = useChannel('volumes.list', {});
  const [name, setName] = useState('');
  const [creating, setCreating] = useState(false);
  const [confirm, confirmDialog] = useConfirm();
  return (
    <section className="view" aria-label="Volumes">
      <ViewHeader title="Volumes">
        <button
          onClick={() =>
            void runChannel('volumes.prune', {}, { done: 'Pruned unused volumes', invalidates: ['volumes.'] })
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
            onClick={() =>
              confirm({
                title: 'Remove volume',
                message: `Remove volume ${v.name} and its data?`,
                confirmLabel: 'Remove',
                onConfirm: () =>
                  void runChannel(
                    'volumes.remove',
                    { name: v.name },
                    { done: `Removed ${v.name}`, invalidates: ['volumes.'] },
                  ),
              })
            }
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
                void runChannel('volumes.create', name ? { name } : {}, {
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
      {confirmDialog}
    </section>
  );
}
