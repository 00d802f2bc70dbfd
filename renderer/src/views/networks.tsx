// Networks: list, create (with the field at fault marked), inspect with connect/disconnect, remove, prune.
import { useState } from 'react';
import { networkNameResolution } from '../../../core/model/network-dns.js';
import type { BurrowErrorData } from '../../../electron/contract/index.js';
import { ApiError, invoke } from '../api/types.js';
import { ResourceTable, ViewHeader } from '../components/resource-table.js';
import { Dialog, ErrorNote, ago, useConfirm } from '../components/ui.js';
import { invalidate } from '../data/query-client.js';
import { runChannel, useChannel, useHostFacts } from '../data/queries.js';
import { useStore } from '../store/store.js';

const FIELDS = [
  ['name', 'Name'],
  ['subnet', 'Subnet (optional, CIDR)'],
  ['gateway', 'Gateway (optional)'],
] as const;

function CreateNetworkDialog({ onClose }: { onClose(): void }) {
  const api = useStore((s) => s.api);
  const [form, setForm] = useState({ name: '', subnet: '', gateway: '', internal: false });
  const [err, setErr] = useState<BurrowErrorData>();
  // Where the backend has no DNS plugin, containers on the new network will not find each other by name.
  const dns = networkNameResolution(useHostFacts());
  const create = async () => {
    if (!api) return;
    try {
      await invoke(api, 'networks.create', {
        name: form.name,
        ...(form.subnet ? { subnet: form.subnet } : {}),
        ...(form.gateway ? { gateway: form.gateway } : {}),
        internal: form.internal,
      });
      useStore.getState().toast('success', `Created network ${form.name}`);
      invalidate('networks.');
      onClose();
    } catch (e) {
      if (e instanceof ApiError) setErr(e.data);
      else useStore.getState().error(e);
    }
  };
  // An error about no particular field of this form is shown under the name.
  const errorAt = (k: (typeof FIELDS)[number][0]) =>
    err && (err.field === k || (k === 'name' && !['subnet', 'gateway'].includes(err.field ?? '')))
      ? err
      : undefined;
  return (
    <Dialog
      title="Create network"
      onClose={onClose}
      footer={
        <button className="primary" onClick={() => void create()}>
          Create
        </button>
      }
    >
      {dns ? (
        <div
          className={dns.status === 'broken' ? 'note' : 'muted'}
          role="note"
          aria-label="DNS between containers"
          data-status={dns.status}
        >
          <div>{dns.summary}</div>
          {dns.fix ? <pre className="hint">{dns.fix}</pre> : null}
        </div>
      ) : null}
      {FIELDS.map(([k, label]) => (
        <div key={k} className="field">
          <label htmlFor={`net-${k}`}>{label}</label>
          <input
            id={`net-${k}`}
            value={form[k]}
            onChange={(e) => setForm({ ...form, [k]: e.target.value })}
            aria-invalid={err?.field === k}
          />
          {errorAt(k) ? (
            <div className="field-error" role="alert">
              {errorAt(k)?.message}
              {errorAt(k)?.hint ? <div className="hint">{errorAt(k)?.hint}</div> : null}
            </div>
          ) : null}
        </div>
      ))}
      <label>
        <input
          type="checkbox"
          checked={form.internal}
          onChange={(e) => setForm({ ...form, internal: e.target.checked })}
        />{' '}
        Internal (no outside access)
      </label>
    </Dialog>
  );
}

function NetworkDialog({ name, onClose }: { name: string; onClose(): void }) {
  const containers = useStore((s) => s.containers);
  const { data: detail, error } = useChannel('networks.inspect', { name });
  const [connectTo, setConnectTo] = useState('');
  return (
    <Dialog title={`Network ${name}`} onClose={onClose}>
      {error ? <ErrorNote error={error} /> : null}
      <h3>Connected containers</h3>
      <ul className="plain" aria-label="Connected containers">
        {detail?.containers.length === 0 ? <li className="muted">none</li> : null}
        {detail?.containers.map((id) => (
          <li key={id}>
            {containers[id]?.name ?? id.slice(0, 12)}{' '}
            <button
              onClick={() =>
                void runChannel(
                  'networks.disconnect',
                  { name, container: id },
                  { done: 'Disconnected', invalidates: ['networks.'] },
                )
              }
            >
              Disconnect
            </button>
          </li>
        ))}
      </ul>
      <div className="row-fields">
        <select
          aria-label="Container to connect"
          value={connectTo}
          onChange={(e) => setConnectTo(e.target.value)}
        >
          <option value="">Choose a container…</option>
          {Object.values(containers)
            .filter((c) => !detail?.containers.includes(c.id))
            .map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
        </select>
        <button
          disabled={!connectTo}
          onClick={() =>
            void runChannel(
              'networks.connect',
              { name, container: connectTo },
              { done: 'Connected', invalidates: ['networks.'] },
            )
          }
        >
          Connect
        </button>
      </div>
    </Dialog>
  );
}

export function NetworksView() {
  const { data: networks, error } = useChannel('networks.list', {});
  const [creating, setCreating] = useState(false);
  const [shown, setShown] = useState<string>();
  const [confirm, confirmDialog] = useConfirm();
  return (
    <section className="view" aria-label="Networks">
      <ViewHeader title="Networks">
        <button
          onClick={() =>
            void runChannel(
              'networks.prune',
              {},
              { done: 'Pruned unused networks', invalidates: ['networks.'] },
            )
          }
        >
          Prune
        </button>
        <button className="primary" onClick={() => setCreating(true)}>
          Create network
        </button>
      </ViewHeader>
      <ResourceTable
        label="Networks"
        rows={networks}
        error={error}
        rowKey={(n) => n.id}
        empty="No networks"
        columns={[
          {
            header: 'Name',
            cell: (n) => (
              <button className="link" onClick={() => setShown(n.name)}>
                {n.name}
              </button>
            ),
          },
          { header: 'Driver', cell: (n) => n.driver },
          { header: 'Subnets', cell: (n) => n.subnets.map((s) => s.subnet).join(', ') },
          { header: 'Internal', cell: (n) => (n.internal ? 'yes' : 'no') },
          { header: 'DNS', cell: (n) => (n.dnsEnabled ? 'yes' : 'no') },
          { header: 'Created', cell: (n) => ago(n.createdAt) },
        ]}
        actions={(n) =>
          n.name !== 'podman' ? (
            <button
              className="danger"
              aria-label={`Remove network ${n.name}`}
              onClick={() =>
                confirm({
                  title: 'Remove network',
                  message: `Remove network ${n.name}?`,
                  confirmLabel: 'Remove',
                  onConfirm: () =>
                    void runChannel(
                      'networks.remove',
                      { name: n.name },
                      { done: `Removed ${n.name}`, invalidates: ['networks.'] },
                    ),
                })
              }
            >
              Remove
            </button>
          ) : null
        }
      />
      {creating ? <CreateNetworkDialog onClose={() => setCreating(false)} /> : null}
      {shown ? <NetworkDialog name={shown} onClose={() => setShown(undefined)} /> : null}
      {confirmDialog}
    </section>
  );
}
