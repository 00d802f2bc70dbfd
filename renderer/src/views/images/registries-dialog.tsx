// Registries the user is logged in to, and the login form. Logins are Podman's own (auth.json), so a
// `podman login` in a terminal shows up here and the other way round. The password lives in this form's state
// only until it is submitted: it is cleared at once, whatever the answer, and never put in a URL (the form is
// never submitted by the browser).
import { useState, type FormEvent } from 'react';
import { invoke } from '../../api/types.js';
import { FormField, useFormErrors } from '../../components/form.js';
import { ResourceTable } from '../../components/resource-table.js';
import { Dialog, useConfirm } from '../../components/ui.js';
import { invalidate } from '../../data/query-client.js';
import { runChannel, useChannel } from '../../data/queries.js';
import { useStore } from '../../store/store.js';

const FIELDS = ['registry', 'username', 'password'] as const;

export function RegistriesDialog({ onClose }: { onClose(): void }) {
  const { data: logins, error: listError } = useChannel('registries.list', {});
  const [registry, setRegistry] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const form = useFormErrors(FIELDS);
  const [confirm, confirmDialog] = useConfirm();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const api = useStore.getState().api;
    if (!api || busy) return;
    const args = { registry, username, password };
    setPassword('');
    setBusy(true);
    void form
      .run(() => invoke(api, 'registries.login', args))
      .then((login) => {
        if (!login) return;
        useStore.getState().toast('success', `Logged in to ${login.registry} as ${login.username}`);
        invalidate('registries.');
        setRegistry('');
        setUsername('');
      })
      .finally(() => setBusy(false));
  };

  return (
    <Dialog title="Registries" onClose={onClose}>
      <ResourceTable
        label="Registry logins"
        rows={logins}
        error={listError}
        rowKey={(l) => l.registry}
        empty="Not logged in to any registry"
        columns={[
          { header: 'Registry', cell: (l) => l.registry },
          { header: 'User', cell: (l) => l.username },
          { header: 'Stored in', cell: (l) => <code title={l.file}>{l.file}</code> },
        ]}
        actions={(l) => (
          <button
            aria-label={`Log out of ${l.registry}`}
            onClick={() =>
              confirm({
                title: 'Log out',
                message: `Remove the login to ${l.registry}? Podman in your terminals will lose it too.`,
                confirmLabel: 'Log out',
                onConfirm: () =>
                  void runChannel(
                    'registries.logout',
                    { registry: l.registry },
                    { done: `Logged out of ${l.registry}`, invalidates: ['registries.'] },
                  ),
              })
            }
          >
            Log out
          </button>
        )}
      />
      <form className="form-stack" aria-label="Log in to a registry" onSubmit={submit} autoComplete="off">
        <h3>Log in</h3>
        <FormField
          id="login-registry"
          label="Registry"
          field="registry"
          error={form.error}
          value={registry}
          placeholder="quay.io or 127.0.0.1:5000"
          onChange={setRegistry}
        />
        <FormField
          id="login-username"
          label="User name"
          field="username"
          error={form.error}
          value={username}
          autoComplete="username"
          onChange={setUsername}
        />
        <FormField
          id="login-password"
          label="Password or token"
          field="password"
          type="password"
          error={form.error}
          value={password}
          autoComplete="current-password"
          onChange={setPassword}
        />
        <p className="muted">
          Checked by the engine against the registry, then kept where <code>podman login</code> keeps it.
        </p>
        <button className="primary" type="submit" disabled={busy}>
          {busy ? 'Logging in…' : 'Log in'}
        </button>
      </form>
      {confirmDialog}
    </Dialog>
  );
}
