// Networks, volumes and pods: list, create, remove, and their relations to containers.
import { useEffect, useState } from 'react';
import type { NetworkSummary } from '../../../core/model/types.js';
import type { BurrowErrorData } from '../../../core/errors.js';
import { ApiError, invoke } from '../api/types.js';
import { Confirm, Dialog, Empty, Skeleton, ago } from '../components/ui.js';
import { refreshNetworks, refreshPods, refreshVolumes, useStore } from '../store/store.js';

async function run(fn: () => Promise<unknown>, done: string, after: () => Promise<void>): Promise<boolean> {
  try {
    await fn();
    useStore.getState().toast('success', done);
    await after();
    return true;
  } catch (e) {
    useStore.getState().error(e);
    return false;
  }
}

export function NetworksView() {
  const networks = useStore((s) => s.networks);
  const containers = useStore((s) => s.containers);
  const api = useStore((s) => s.api);
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState({ name: '', subnet: '', gateway: '', internal: false });
  const [err, setErr] = useState<BurrowErrorData>();
  const [detail, setDetail] = useState<NetworkSummary>();
  const [connectTo, setConnectTo] = useState('');
  const [confirm, setConfirm] = useState<string>();
  useEffect(() => {
    void refreshNetworks().catch((e: unknown) => useStore.getState().error(e));
  }, []);
  const show = (name: string) =>
    api &&
    void invoke(api, 'networks.inspect', { name }).then(setDetail, (e: unknown) =>
      useStore.getState().error(e),
    );
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
      setOpen(false);
      setErr(undefined);
      await refreshNetworks();
    } catch (e) {
      if (e instanceof ApiError) setErr(e.data);
      else useStore.getState().error(e);
    }
  };
  return (
    <section className="view" aria-label="Networks">
      <div className="toolbar">
        <h1>Networks</h1>
        <span className="spacer" />
        <button
          onClick={() =>
            api &&
            void run(() => invoke(api, 'networks.prune', {}), 'Pruned unused networks', refreshNetworks)
          }
        >
          Prune
        </button>
        <button className="primary" onClick={() => setOpen(true)}>
          Create network
        </button>
      </div>
      {!networks ? (
        <Skeleton />
      ) : networks.length === 0 ? (
        <Empty title="No networks" />
      ) : (
        <table className="list" aria-label="Networks">
          <thead>
            <tr>
              <th>Name</th>
              <th>Driver</th>
              <th>Subnets</th>
              <th>Internal</th>
              <th>DNS</th>
              <th>Created</th>
              <th>Actions</th>
            </tr>
          </thead>
          <tbody>
            {networks.map((n) => (
              <tr key={n.id}>
                <td>
                  <button className="link" onClick={() => show(n.name)}>
                    {n.name}
                  </button>
                </td>
                <td>{n.driver}</td>
                <td>{n.subnets.map((s) => s.subnet).join(', ')}</td>
                <td>{n.internal ? 'yes' : 'no'}</td>
                <td>{n.dnsEnabled ? 'yes' : 'no'}</td>
                <td>{ago(n.createdAt)}</td>
                <td>
                  {n.name !== 'podman' ? (
                    <button
                      className="danger"
                      aria-label={`Remove network ${n.name}`}
                      onClick={() => setConfirm(n.name)}
                    >
                      Remove
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {open ? (
        <Dialog
          title="Create network"
          onClose={() => setOpen(false)}
          footer={
            <button className="primary" onClick={() => void create()}>
              Create
            </button>
          }
        >
          {(['name', 'subnet', 'gateway'] as const).map((k) => (
            <div key={k} className="field">
              <label htmlFor={`net-${k}`}>
                {k === 'name' ? 'Name' : k === 'subnet' ? 'Subnet (optional, CIDR)' : 'Gateway (optional)'}
              </label>
              <input
                id={`net-${k}`}
                value={form[k]}
                onChange={(e) => setForm({ ...form, [k]: e.target.value })}
                aria-invalid={err?.field === k}
              />
              {err?.field === k ||
              (k === 'name' && err && !['subnet', 'gateway'].includes(err.field ?? '')) ? (
                <div className="field-error" role="alert">
                  {err.message}
                  {err.hint ? <div className="hint">{err.hint}</div> : null}
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
      ) : null}
      {detail ? (
        <Dialog title={`Network ${detail.name}`} onClose={() => setDetail(undefined)}>
          <h3>Connected containers</h3>
          <ul className="plain" aria-label="Connected containers">
            {detail.containers.length === 0 ? <li className="muted">none</li> : null}
            {detail.containers.map((id) => (
              <li key={id}>
                {containers[id]?.name ?? id.slice(0, 12)}{' '}
                <button
                  onClick={() =>
                    api &&
                    void run(
                      () => invoke(api, 'networks.disconnect', { name: detail.name, container: id }),
                      'Disconnected',
                      async () => show(detail.name),
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
                .filter((c) => !detail.containers.includes(c.id))
                .map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
            </select>
            <button
              disabled={!connectTo}
              onClick={() =>
                api &&
                void run(
                  () => invoke(api, 'networks.connect', { name: detail.name, container: connectTo }),
                  'Connected',
                  async () => show(detail.name),
                )
              }
            >
              Connect
            </button>
          </div>
        </Dialog>
      ) : null}
      {confirm ? (
        <Confirm
          title="Remove network"
          message={`Remove network ${confirm}?`}
          confirmLabel="Remove"
          onCancel={() => setConfirm(undefined)}
          onConfirm={() => {
            const n = confirm;
            setConfirm(undefined);
            if (api)
              void run(() => invoke(api, 'networks.remove', { name: n }), `Removed ${n}`, refreshNetworks);
          }}
        />
      ) : null}
    </section>
  );
}

export function VolumesView() {
  const volumes = useStore((s) => s.volumes);
  const api = useStore((s) => s.api);
  const [name, setName] = useState('');
  const [open, setOpen] = useState(false);
  const [confirm, setConfirm] = useState<string>();
  useEffect(() => {
    void refreshVolumes().catch((e: unknown) => useStore.getState().error(e));
  }, []);
  return (
    <section className="view" aria-label="Volumes">
      <div className="toolbar">
        <h1>Volumes</h1>
        <span className="spacer" />
        <button
          onClick={() =>
            api && void run(() => invoke(api, 'volumes.prune', {}), 'Pruned unused volumes', refreshVolumes)
          }
        >
          Prune
        </button>
        <button className="primary" onClick={() => setOpen(true)}>
          Create volume
        </button>
      </div>
      {!volumes ? (
        <Skeleton />
      ) : volumes.length === 0 ? (
        <Empty title="No volumes" />
      ) : (
        <table className="list" aria-label="Volumes">
          <thead>
            <tr>
              <th>Name</th>
              <th>Driver</th>
              <th>Mountpoint</th>
              <th>Created</th>
              <th>Actions</th>
            </tr>
          </thead>
          <tbody>
            {volumes.map((v) => (
              <tr key={v.name}>
                <td>{v.name}</td>
                <td>{v.driver}</td>
                <td>
                  <code>{v.mountpoint}</code>
                </td>
                <td>{ago(v.createdAt)}</td>
                <td>
                  <button
                    className="danger"
                    aria-label={`Remove volume ${v.name}`}
                    onClick={() => setConfirm(v.name)}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {open ? (
        <Dialog
          title="Create volume"
          onClose={() => setOpen(false)}
          footer={
            <button
              className="primary"
              onClick={() =>
                api &&
                void run(
                  () => invoke(api, 'volumes.create', name ? { name } : {}),
                  'Volume created',
                  refreshVolumes,
                ).then((ok) => ok && setOpen(false))
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
              void run(() => invoke(api, 'volumes.remove', { name: n }), `Removed ${n}`, refreshVolumes);
          }}
        />
      ) : null}
    </section>
  );
}

export function PodsView() {
  const pods = useStore((s) => s.pods);
  const api = useStore((s) => s.api);
  const [confirm, setConfirm] = useState<string>();
  useEffect(() => {
    void refreshPods().catch((e: unknown) => useStore.getState().error(e));
  }, []);
  return (
    <section className="view" aria-label="Pods">
      <div className="toolbar">
        <h1>Pods</h1>
      </div>
      {!pods ? (
        <Skeleton />
      ) : pods.length === 0 ? (
        <Empty title="No pods" />
      ) : (
        <table className="list" aria-label="Pods">
          <thead>
            <tr>
              <th>Name</th>
              <th>Status</th>
              <th>Containers</th>
              <th>Created</th>
              <th>Actions</th>
            </tr>
          </thead>
          <tbody>
            {pods.map((p) => (
              <tr key={p.id}>
                <td>{p.name}</td>
                <td>{p.status}</td>
                <td>{p.containers.map((c) => c.name).join(', ')}</td>
                <td>{ago(p.createdAt)}</td>
                <td className="actions">
                  <button
                    onClick={() =>
                      api &&
                      void run(
                        () => invoke(api, 'pods.start', { name: p.name }),
                        `Started ${p.name}`,
                        refreshPods,
                      )
                    }
                  >
                    Start
                  </button>
                  <button
                    onClick={() =>
                      api &&
                      void run(
                        () => invoke(api, 'pods.stop', { name: p.name }),
                        `Stopped ${p.name}`,
                        refreshPods,
                      )
                    }
                  >
                    Stop
                  </button>
                  <button className="danger" onClick={() => setConfirm(p.name)}>
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {confirm ? (
        <Confirm
          title="Remove pod"
          message={`Remove pod ${confirm} and its containers?`}
          confirmLabel="Remove"
          onCancel={() => setConfirm(undefined)}
          onConfirm={() => {
            const n = confirm;
            setConfirm(undefined);
            if (api)
              void run(
                () => invoke(api, 'pods.remove', { name: n, force: true }),
                `Removed ${n}`,
                refreshPods,
              );
          }}
        />
      ) : null}
    </section>
  );
}
