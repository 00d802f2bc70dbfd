// Pods: list with their containers, create (name, published ports, user namespace), start, stop, remove (with
// the containers in them), and a pod's detail: the containers in it, each a link to its own view.
import { useState } from 'react';
import type { BurrowErrorData } from '../../../electron/contract/index.js';
import type { PodSummary, UsernsMode } from '../../../core/model/types.js';
import { errorData, invoke } from '../api/types.js';
import { ResourceTable, ViewHeader } from '../components/resource-table.js';
import { ago, Dialog, FieldError, useConfirm } from '../components/ui.js';
import { runChannel, useChannel } from '../data/queries.js';
import { invalidate } from '../data/query-client.js';
import { href } from '../router.js';
import { useStore } from '../store/store.js';

interface PortText {
  host: string;
  container: string;
}

const USERNS: { value: string; label: string; mode?: UsernsMode }[] = [
  { value: 'host', label: 'Default (root in the pod is you)' },
  { value: 'keep-id', label: 'keep-id (your uid kept inside)', mode: { kind: 'keep-id' } },
  { value: 'auto', label: 'auto (a free id range for the pod)', mode: { kind: 'auto' } },
];

function CreatePodDialog({ onClose }: { onClose(): void }) {
  const [name, setName] = useState('');
  const [ports, setPorts] = useState<PortText[]>([]);
  const [userns, setUserns] = useState('host');
  const [error, setError] = useState<BurrowErrorData>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const api = useStore.getState().api;
    if (!api) return;
    // Text that is not a number is refused here, at its row; everything else is core's to check.
    let problem: BurrowErrorData | undefined;
    const num = (s: string, field: string): number | undefined => {
      if (!s.trim()) return undefined;
      const n = Number(s.trim());
      if (!Number.isInteger(n))
        problem ??= {
          code: 'invalid_input',
          field,
          message: `"${s.trim()}" is not a port`,
          hint: 'Ports are whole numbers from 1 to 65535.',
        };
      return n;
    };
    const mapped = ports.map((p, i) => {
      const containerPort = num(p.container, `ports[${i}].containerPort`);
      const hostPort = num(p.host, `ports[${i}].hostPort`);
      return {
        containerPort: containerPort ?? 0,
        protocol: 'tcp' as const,
        hostIp: '127.0.0.1',
        ...(hostPort !== undefined ? { hostPort } : {}),
      };
    });
    if (problem) return setError(problem);
    setBusy(true);
    setError(undefined);
    try {
      const mode = USERNS.find((u) => u.value === userns)?.mode;
      await invoke(api, 'pods.create', {
        name: name.trim(),
        ...(mapped.length ? { ports: mapped } : {}),
        ...(mode ? { userns: mode } : {}),
      });
      useStore.getState().toast('success', `Created pod ${name.trim()}`);
      invalidate('pods.');
      onClose();
    } catch (e) {
      setError(errorData(e));
    } finally {
      setBusy(false);
    }
  };
  const errorAt = (field: string) =>
    error && (error.field === field || error.field?.startsWith(`${field}[`)) ? (
      <FieldError error={error} named />
    ) : null;
  return (
    <Dialog
      title="Create pod"
      onClose={onClose}
      footer={
        <>
          <button onClick={onClose}>Cancel</button>
          <button className="primary" disabled={busy} onClick={() => void submit()}>
            {busy ? 'Creating…' : 'Create pod'}
          </button>
        </>
      }
    >
      <div className="field">
        <label>
          Pod name
          <input aria-label="Pod name" value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        {errorAt('name')}
      </div>
      <fieldset>
        <legend>Published ports (on 127.0.0.1)</legend>
        {ports.map((p, i) => (
          <div className="row-fields" key={i}>
            <input
              aria-label={`Pod port ${i + 1} host port`}
              placeholder="host port (empty: random)"
              value={p.host}
              onChange={(e) => setPorts(ports.map((x, j) => (j === i ? { ...x, host: e.target.value } : x)))}
            />
            <input
              aria-label={`Pod port ${i + 1} container port`}
              placeholder="container port"
              value={p.container}
              onChange={(e) =>
                setPorts(ports.map((x, j) => (j === i ? { ...x, container: e.target.value } : x)))
              }
            />
            <button
              aria-label={`Remove pod port ${i + 1}`}
              onClick={() => setPorts(ports.filter((_, j) => j !== i))}
            >
              ×
            </button>
          </div>
        ))}
        <button onClick={() => setPorts([...ports, { host: '', container: '' }])}>Add port</button>
        {errorAt('ports')}
      </fieldset>
      <div className="field">
        <label>
          User namespace
          <select aria-label="Pod user namespace" value={userns} onChange={(e) => setUserns(e.target.value)}>
            {USERNS.map((u) => (
              <option key={u.value} value={u.value}>
                {u.label}
              </option>
            ))}
          </select>
        </label>
        {errorAt('userns')}
      </div>
      {error &&
      !['name', 'ports', 'userns'].some((f) => error.field === f || error.field?.startsWith(`${f}[`)) ? (
        <FieldError error={error} />
      ) : null}
      <p className="muted">
        Containers created into the pod share its network, its ports and its user namespace.
      </p>
    </Dialog>
  );
}

function PodDetail({ pod, onClose }: { pod: PodSummary; onClose(): void }) {
  const members = pod.containers.filter((c) => c.id !== pod.infraId);
  return (
    <section className="card" aria-label={`Pod ${pod.name}`}>
      <h2>
        {pod.name} <span className="muted">{pod.status}</span>{' '}
        <button className="icon" aria-label="Close pod details" onClick={onClose}>
          ×
        </button>
      </h2>
      {members.length === 0 ? (
        <p className="muted">No containers yet: create one and choose this pod under Ports &amp; network.</p>
      ) : (
        <table className="mini" aria-label={`Containers in ${pod.name}`}>
          <thead>
            <tr>
              <th>Container</th>
              <th>State</th>
            </tr>
          </thead>
          <tbody>
            {members.map((c) => (
              <tr key={c.id}>
                <td>
                  <a href={href({ view: 'container', id: c.id, tab: 'summary' })}>{c.name}</a>
                </td>
                <td>{c.state}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {pod.infraId ? (
        <p className="muted">Plus the pod’s infra container, which holds its namespaces.</p>
      ) : null}
    </section>
  );
}

export function PodsView() {
  const { data: pods, error } = useChannel('pods.list', {});
  const [confirm, confirmDialog] = useConfirm();
  const [creating, setCreating] = useState(false);
  const [shown, setShown] = useState<string>();
  const podAction = (channel: 'pods.start' | 'pods.stop', name: string, done: string) =>
    void runChannel(channel, { name }, { done, invalidates: ['pods.'] });
  const open = pods?.find((p) => p.name === shown);
  return (
    <section className="view" aria-label="Pods">
      <ViewHeader title="Pods">
        <button className="primary" onClick={() => setCreating(true)}>
          Create pod
        </button>
      </ViewHeader>
      <ResourceTable
        label="Pods"
        rows={pods}
        error={error}
        rowKey={(p) => p.id}
        empty="No pods"
        columns={[
          {
            header: 'Name',
            cell: (p) => (
              <button
                className="link"
                aria-expanded={shown === p.name}
                onClick={() => setShown(shown === p.name ? undefined : p.name)}
              >
                {p.name}
              </button>
            ),
          },
          { header: 'Status', cell: (p) => p.status },
          {
            header: 'Containers',
            cell: (p) =>
              p.containers
                .filter((c) => c.id !== p.infraId)
                .map((c) => c.name)
                .join(', '),
          },
          { header: 'Created', cell: (p) => ago(p.createdAt) },
        ]}
        actions={(p) => (
          <>
            <button onClick={() => podAction('pods.start', p.name, `Started ${p.name}`)}>Start</button>
            <button onClick={() => podAction('pods.stop', p.name, `Stopped ${p.name}`)}>Stop</button>
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
      {open ? <PodDetail pod={open} onClose={() => setShown(undefined)} /> : null}
      {creating ? <CreatePodDialog onClose={() => setCreating(false)} /> : null}
      {confirmDialog}
    </section>
  );
}
