// Connections: the engines Burrow can talk to — local discovery, saved unix:// and ssh:// connections, and
// Podman's own — with the one in use marked. Switching reconnects everything (lists resync from the new engine).
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { ConnectionEntry } from '../../../core/model/types.js';
import type { BurrowErrorData } from '../../../electron/contract/index.js';
import { invoke } from '../api/types.js';
import { useStore } from '../store/store.js';
import { Confirm } from '../components/ui.js';

export function ConnectionsCard() {
  const api = useStore((s) => s.api);
  const [list, setList] = useState<{ active: string; connections: ConnectionEntry[] }>();
  const [busy, setBusy] = useState<string>();
  const [form, setForm] = useState({ name: '', uri: '', identity: '' });
  const [formError, setFormError] = useState<BurrowErrorData>();
  const [removing, setRemoving] = useState<string>();

  const reload = useCallback(() => {
    if (!api) return;
    void invoke(api, 'connections.list', {}).then(setList, (e: unknown) => useStore.getState().error(e));
  }, [api]);
  useEffect(reload, [reload]);

  const use = async (name: string) => {
    if (!api) return;
    setBusy(name);
    try {
      await invoke(api, 'connections.use', { name });
      useStore.getState().toast('success', `Now using the "${name}" connection`);
      reload();
    } catch (e) {
      useStore.getState().error(e);
    } finally {
      setBusy(undefined);
    }
  };

  const add = async (ev: FormEvent) => {
    ev.preventDefault();
    if (!api) return;
    setFormError(undefined);
    try {
      await invoke(api, 'connections.add', {
        name: form.name.trim(),
        uri: form.uri.trim(),
        ...(form.identity.trim() ? { identity: form.identity.trim() } : {}),
      });
      setForm({ name: '', uri: '', identity: '' });
      reload();
    } catch (e) {
      setFormError(e as BurrowErrorData);
    }
  };

  const errorFor = (field: string) =>
    formError?.field === field ? (
      <span className="field-error" role="alert">
        {formError.message}
        {formError.hint ? <span className="hint"> — {formError.hint}</span> : null}
      </span>
    ) : null;

  return (
    <section className="card" aria-label="Connections">
      <h2>Connections</h2>
      <table className="mini" aria-label="Connection list">
        <thead>
          <tr>
            <th>Name</th>
            <th>Address</th>
            <th>From</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {list?.connections.map((c) => {
            const active = c.name === list.active;
            return (
              <tr key={c.name} data-connection={c.name} aria-current={active ? 'true' : undefined}>
                <td>
                  {c.name}
                  {active ? (
                    <>
                      {' '}
                      <span className="badge state-running">in use</span>
                    </>
                  ) : null}
                </td>
                <td>
                  <code>
                    {c.uri === 'auto' ? 'automatic (CONTAINER_HOST, your socket, or Burrow’s own)' : c.uri}
                  </code>
                </td>
                <td>{c.source === 'podman' ? 'Podman' : c.source === 'saved' ? 'Burrow' : 'built in'}</td>
                <td>
                  {!active ? (
                    <button disabled={busy !== undefined} onClick={() => void use(c.name)}>
                      {busy === c.name ? 'Connecting…' : 'Use'}
                    </button>
                  ) : null}
                  {c.source === 'saved' && !active ? (
                    <button className="danger" onClick={() => setRemoving(c.name)}>
                      Remove
                    </button>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <form className="connection-form" aria-label="Add a connection" onSubmit={(e) => void add(e)}>
        <label>
          Name
          <input
            value={form.name}
            placeholder="build-box"
            onChange={(e) => setForm({ ...form, name: e.target.value })}
          />
          {errorFor('name')}
        </label>
        <label>
          Address
          <input
            value={form.uri}
            placeholder="ssh://me@build-box/run/user/1000/podman/podman.sock"
            onChange={(e) => setForm({ ...form, uri: e.target.value })}
          />
          {errorFor('uri')}
        </label>
        <label>
          SSH key (optional)
          <input
            value={form.identity}
            placeholder="~/.ssh/id_ed25519"
            onChange={(e) => setForm({ ...form, identity: e.target.value })}
          />
          {errorFor('identity')}
        </label>
        <button type="submit" disabled={!form.name || !form.uri}>
          Add connection
        </button>
        {formError && !['name', 'uri', 'identity'].includes(formError.field ?? '') ? (
          <span className="field-error" role="alert">
            {formError.message}
          </span>
        ) : null}
      </form>
      <p className="muted">
        SSH connections forward the remote user’s Podman socket with your <code>ssh</code> (keys, agent and{' '}
        <code>~/.ssh/config</code> apply). On the remote:{' '}
        <code>systemctl --user enable --now podman.socket</code>.
      </p>
      {removing ? (
        <Confirm
          title={`Remove the "${removing}" connection?`}
          confirmLabel="Remove"
          onCancel={() => setRemoving(undefined)}
          message="Containers on that engine are not touched."
          onConfirm={() => {
            const name = removing;
            setRemoving(undefined);
            if (api)
              void invoke(api, 'connections.remove', { name }).then(reload, (e: unknown) =>
                useStore.getState().error(e),
              );
          }}
        />
      ) : null}
    </section>
  );
}
