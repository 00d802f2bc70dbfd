// Pods: list with their containers, start, stop, remove (with the containers in them), Kubernetes YAML.
import { ResourceTable, ViewHeader } from '../components/resource-table.js';
import { ago, useConfirm } from '../components/ui.js';
import { useState } from 'react';
import { runChannel, useChannel } from '../data/queries.js';
import { KubeYamlDialog } from './kube-yaml.js';

export function PodsView() {
  const { data: pods, error } = useChannel('pods.list', {});
  const [confirm, confirmDialog] = useConfirm();
  const [yamlOf, setYamlOf] = useState<string>();
  const podAction = (channel: 'pods.start' | 'pods.stop', name: string, done: string) =>
    void runChannel(channel, { name }, { done, invalidates: ['pods.'] });
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
            <button onClick={() => setYamlOf(p.name)}>Kube YAML</button>
            <button
              className="danger"
              onClick={() =>
                confirm({
                  title: 'Remove pod',
                  message: `Remove pod ${p.name} and its containers?`,
                  confirmLabel: 'Remove',
                  onConfirm: () =>
                    void runChannel(
                      'pods.remove',
                      { name: p.name, force: true },
                      { done: `Removed ${p.name}`, invalidates: ['pods.'] },
                    ),
                })
              }
            >
              Remove
            </button>
          </>
        )}
      />
      {confirmDialog}
      {yamlOf ? <KubeYamlDialog name={yamlOf} onClose={() => setYamlOf(undefined)} /> : null}
    </section>
  );
}
