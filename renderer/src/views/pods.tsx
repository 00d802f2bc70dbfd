// Pods: list with their containers, start, stop, remove (with the containers in them).
import { useState } from 'react';
import { invoke } from '../api/types.js';
import { ResourceTable, ViewHeader } from '../components/resource-table.js';
import { Confirm, ago } from '../components/ui.js';
import { runAction, useChannel } from '../data/queries.js';
import { useStore } from '../store/store.js';

export function PodsView() {
  const api = useStore((s) => s.api);
  const { data: pods, error } = useChannel('pods.list', {});
  const [confirm, setConfirm] = useState<string>();
  const podAction = (channel: 'pods.start' | 'pods.stop', name: string, done: string) =>
    api && void runAction(() => invoke(api, channel, { name }), { done, invalidates: ['pods.'] });
  return (
    <section className="view" aria-label="Pods">
      <ViewHeader title="Pods" />
      <ResourceTable
        label="Pods"
        rows={pods}
        error={error}
        rowKey={(p) => p.id}
        empty="No pods"
        columns={[
          { header: 'Name', cell: (p) => p.name },
          { header: 'Status', cell: (p) => p.status },
          { header: 'Containers', cell: (p) => p.containers.map((c) => c.name).join(', ') },
          { header: 'Created', cell: (p) => ago(p.createdAt) },
        ]}
        actions={(p) => (
          <>
            <button onClick={() => podAction('pods.start', p.name, `Started ${p.name}`)}>Start</button>
            <button onClick={() => podAction('pods.stop', p.name, `Stopped ${p.name}`)}>Stop</button>
            <button className="danger" onClick={() => setConfirm(p.name)}>
              Remove
            </button>
          </>
        )}
      />
      {confirm ? (
        <Confirm
          title="Remove pod"
          message={`Remove pod ${confirm} and its containers?`}
          confirmLabel="Remove"
          onCancel={() => setConfirm(undefined)}
          onConfirm={() => {
            const name = confirm;
            setConfirm(undefined);
            if (api)
              void runAction(() => invoke(api, 'pods.remove', { name, force: true }), {
                done: `Removed ${name}`,
                invalidates: ['pods.'],
              });
          }}
        />
      ) : null}
    </section>
  );
}
