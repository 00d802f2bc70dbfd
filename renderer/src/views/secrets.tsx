// Secrets: list, create (from typed text or a file on this computer), inspect (metadata only: the value never
// comes back from core) and remove. The typed value is cleared from the form as soon as it is sent.
import { BrowseButton } from '../components/file-browser.js';
import { useState, type FormEvent } from 'react';
import { invoke } from '../api/types.js';
import { FormField, useFormErrors } from '../components/form.js';
import { RemoveButton } from '../components/remove-button.js';
import { ResourceTable, ViewHeader } from '../components/resource-table.js';
import { Dialog, Empty, ErrorNote, ago, useConfirm } from '../components/ui.js';
import { useFilesNote } from '../data/engine-host.js';
import { invalidate } from '../data/query-client.js';
import { useChannel } from '../data/queries.js';
import { useStore } from '../store/store.js';
import { InspectTab } from './container-detail/inspect-tab.js';

const FIELDS = ['name', 'text', 'file', 'labels'] as const;

/** "a=1, b=2" → { a: '1', b: '2' }; a pair without "=" keeps an empty value (core then names the field). */
export function parseLabels(text: string): Record<string, string> | undefined {
  const pairs = text
    .split(/[,\n]/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (!pairs.length) return undefined;
  const out: Record<string, string> = {};
  for (const p of pairs) {
    const i = p.indexOf('=');
    out[(i < 0 ? p : p.slice(0, i)).trim()] = i < 0 ? '' : p.slice(i + 1).trim();
  }
  return out;
}

function CreateSecretDialog({ onClose }: { onClose(): void }) {
  const [name, setName] = useState('');
  const [source, setSource] = useState<'text' | 'file'>('text');
  const [text, setText] = useState('');
  const [file, setFile] = useState('');
  const [labels, setLabels] = useState('');
  const [busy, setBusy] = useState(false);
  const form = useFormErrors(FIELDS);
  const note = useFilesNote();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const api = useStore.getState().api;
    if (!api || busy) return;
    const parsed = parseLabels(labels);
    const args = {
      name,
      ...(source === 'text' ? { text } : { file }),
      ...(parsed ? { labels: parsed } : {}),
    };
    setText('');
    setBusy(true);
    void form
      .run(() => invoke(api, 'secrets.create', args))
      .then((s) => {
        if (!s) return;
        useStore.getState().toast('success', `Secret ${s.name} created`);
        invalidate('secrets.');
        onClose();
      })
      .finally(() => setBusy(false));
  };
  return (
    <Dialog
      title="Create secret"
      onClose={onClose}
      footer={
        <button className="primary" type="submit" form="secret-form" disabled={busy}>
          Create
        </button>
      }
    >
      <form
        id="secret-form"
        className="form-stack"
        onSubmit={submit}
        aria-label="Create secret"
        autoComplete="off"
      >
        <FormField
          id="secret-name"
          label="Name"
          field="name"
          error={form.error}
          value={name}
          placeholder="db-password"
          onChange={setName}
        />
        <fieldset>
          <legend>Value from</legend>
          <label className="option">
            <input type="radio" checked={source === 'text'} onChange={() => setSource('text')} /> Text
          </label>
          <label className="option">
            <input type="radio" checked={source === 'file'} onChange={() => setSource('file')} /> A file
          </label>
        </fieldset>
        {source === 'text' ? (
          <FormField
            id="secret-text"
            label="Value"
            field="text"
            type="password"
            error={form.error}
            value={text}
            autoComplete="new-password"
            onChange={setText}
          />
        ) : (
          <>
            <FormField
              id="secret-file"
              label="File (absolute path)"
              field="file"
              error={form.error}
              value={file}
              placeholder="/home/you/secrets/db-password"
              onChange={setFile}
              after={
                <BrowseButton
                  label="Browse for the secret's file"
                  mode="file"
                  value={file}
                  onPick={setFile}
                />
              }
            />
            <p className="muted">{note}</p>
          </>
        )}
        <FormField
          id="secret-labels"
          label="Labels (optional)"
          field="labels"
          error={form.error}
          value={labels}
          placeholder="app=web, env=prod"
          onChange={setLabels}
        />
      </form>
    </Dialog>
  );
}

function SecretInspectDialog({ name, onClose }: { name: string; onClose(): void }) {
  const { data, error } = useChannel('secrets.inspect', { name });
  return (
    <Dialog title={`Secret ${name}`} onClose={onClose}>
      <p className="muted">The value is not shown: Podman keeps it, and gives it only to containers.</p>
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

export function SecretsView() {
  const { data: secrets, error } = useChannel('secrets.list', {});
  const [creating, setCreating] = useState(false);
  const [inspecting, setInspecting] = useState<string>();
  const [confirm, confirmDialog] = useConfirm();
  return (
    <section className="view" aria-label="Secrets">
      <ViewHeader title="Secrets">
        <button className="primary" onClick={() => setCreating(true)}>
          Create secret
        </button>
      </ViewHeader>
      <ResourceTable
        label="Secrets"
        rows={secrets}
        error={error}
        rowKey={(s) => s.id}
        empty={
          <Empty title="No secrets">
            <button className="primary" onClick={() => setCreating(true)}>
              Create a secret
            </button>
          </Empty>
        }
        columns={[
          { header: 'Name', cell: (s) => s.name },
          { header: 'Driver', cell: (s) => s.driver },
          { header: 'Created', cell: (s) => ago(s.createdAt) },
          {
            header: 'Labels',
            cell: (s) =>
              Object.entries(s.labels)
                .map(([k, v]) => `${k}=${v}`)
                .join(', '),
          },
        ]}
        actions={(s) => (
          <>
            <button aria-label={`Inspect secret ${s.name}`} onClick={() => setInspecting(s.name)}>
              Inspect
            </button>
            <RemoveButton
              what="secret"
              name={s.name}
              message={`Remove secret ${s.name}? Containers created with it may fail to start again.`}
              confirm={confirm}
            />
          </>
        )}
      />
      {creating ? <CreateSecretDialog onClose={() => setCreating(false)} /> : null}
      {inspecting ? <SecretInspectDialog name={inspecting} onClose={() => setInspecting(undefined)} /> : null}
      {confirmDialog}
    </section>
  );
}
