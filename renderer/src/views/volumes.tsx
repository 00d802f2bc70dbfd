// Volumes: list, create, inspect, export to and import from a tar archive, remove (with its data), prune (naming
// what it removed and the space it gave back).
import { useState } from 'react';
import { RemoveButton } from '../components/remove-button.js';
import { ResourceTable, ViewHeader } from '../components/resource-table.js';
import { Dialog, ErrorNote, ago, bytes, useConfirm } from '../components/ui.js';
import { runChannel, useChannel } from '../data/queries.js';
import { InspectTab } from './container-detail/inspect-tab.js';
import { ExportVolumeDialog, ImportVolumeDialog } from './volume-archive.js';

function VolumeInspectDialog({ name, onClose }: { name: string; onClose(): void }) {
  const { data, error } = useChannel('volumes.inspect', { name });
  return (
    <Dialog title={`Volume ${name}`} onClose={onClose}>
      {error ? (
        <ErrorNote error={error} />
      ) : data ? (
        <InspectTab raw={data.raw} />
      ) : (
        <p aria-busy="true">Loading…</p>
      )}
    </Dialog>
  );
}

/** "Removed a, b, c and 2 more; reclaimed 1.2 MB" */
export function pruneOutcome(r: { removed: string[]; reclaimedBytes: number }): string {
  if (!r.removed.length) return 'No unused volumes to remove';
  const shown = r.removed.slice(0, 5).join(', ');
  const more = r.removed.length > 5 ? ` and ${r.removed.length - 5} more` : '';
  return `Removed ${shown}${more}; reclaimed ${bytes(r.reclaimedBytes)}`;
}

export function VolumesView() {
  const { data: volumes, error } = useChannel('volumes.list', {});
  const [name, setName] = useState('');
  const [creating, setCreating] = useState(false);
  const [confirm, confirmDialog] = useConfirm();
  const [dialog, setDialog] = useState<{ kind: 'export' | 'inspect'; name: string } | { kind: 'import' }>();
  return (
    <section className="view" aria-label="Volumes">
      <ViewHeader title="Volumes">
        <button
          onClick={() =>
            confirm({
              title: 'Prune volumes',
              message: 'Remove every volume no container uses, with its data?',
              confirmLabel: 'Prune',
              onConfirm: () =>
                void runChannel('volumes.prune', {}, { done: pruneOutcome, invalidates: ['volumes.'] }),
            })
          }
        >
          Prune
        </button>
        <button onClick={() => setDialog({ kind: 'import' })}>Import…</button>
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
          <>
            <button
              aria-label={`Inspect volume ${v.name}`}
              onClick={() => setDialog({ kind: 'inspect', name: v.name })}
            >
              Inspect
            </button>
            <button
              aria-label={`Export volume ${v.name}`}
              onClick={() => setDialog({ kind: 'export', name: v.name })}
            >
              Export
            </button>
            <RemoveButton
              what="volume"
              name={v.name}
              message={`Remove volume ${v.name} and its data?`}
              confirm={confirm}
            />
          </>
        )}
      />
      {dialog?.kind === 'export' ? (
        <ExportVolumeDialog name={dialog.name} onClose={() => setDialog(undefined)} />
      ) : null}
      {dialog?.kind === 'inspect' ? (
        <VolumeInspectDialog name={dialog.name} onClose={() => setDialog(undefined)} />
      ) : null}
      {dialog?.kind === 'import' ? <ImportVolumeDialog onClose={() => setDialog(undefined)} /> : null}
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
