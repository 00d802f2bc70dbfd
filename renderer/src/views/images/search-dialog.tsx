// Search registries (the engine's search, with the user's logins), list a result's tags, pull one with progress.
import { useState, type FormEvent } from 'react';
import type { ImageSearchResult } from '../../../../core/model/registry.js';
import { invoke } from '../../api/types.js';
import { FieldError, fieldProps, useFormErrors } from '../../components/form.js';
import { ResourceTable } from '../../components/resource-table.js';
import { Dialog } from '../../components/ui.js';
import { invalidate } from '../../data/query-client.js';
import { useStore } from '../../store/store.js';
import { PullProgressView, usePull } from '../pull.js';

export function SearchDialog({ onClose }: { onClose(): void }) {
  const [term, setTerm] = useState('');
  const [results, setResults] = useState<ImageSearchResult[]>();
  const [tagsOf, setTagsOf] = useState<{ name: string; tags?: string[] }>();
  const [busy, setBusy] = useState(false);
  const form = useFormErrors(['term']);
  const pull = usePull();

  const search = (e: FormEvent) => {
    e.preventDefault();
    const api = useStore.getState().api;
    if (!api) return;
    setBusy(true);
    setTagsOf(undefined);
    void form
      .run(() => invoke(api, 'images.search', { term }))
      .then((r) => r && setResults(r))
      .finally(() => setBusy(false));
  };

  const listTags = (name: string) => {
    const api = useStore.getState().api;
    if (!api) return;
    setTagsOf({ name });
    void form
      .run(() => invoke(api, 'images.search', { term: name, listTags: true, limit: 100 }))
      .then((r) => r && setTagsOf({ name, tags: r.map((t) => t.tag ?? '').filter(Boolean) }));
  };

  return (
    <Dialog title="Search images" onClose={onClose}>
      <form className="form-inline" role="search" aria-label="Search registries" onSubmit={search}>
        <input
          aria-label="Search term"
          type="search"
          value={term}
          placeholder="alpine, or registry/name: quay.io/podman"
          onChange={(e) => setTerm(e.target.value)}
          {...fieldProps(form.error, 'term')}
        />
        <button className="primary" type="submit" disabled={busy}>
          Search
        </button>
      </form>
      <FieldError error={form.error} field="term" />
      {results ? (
        <ResourceTable
          label="Search results"
          rows={results}
          rowKey={(r) => r.name}
          empty="Nothing found"
          columns={[
            { header: 'Name', cell: (r) => r.name },
            { header: 'Description', cell: (r) => r.description || <span className="muted">—</span> },
            { header: 'Stars', cell: (r) => r.stars },
            { header: 'Official', cell: (r) => (r.official ? 'yes' : '') },
          ]}
          actions={(r) => (
            <button aria-label={`Tags of ${r.name}`} onClick={() => listTags(r.name)}>
              Tags
            </button>
          )}
        />
      ) : null}
      {tagsOf ? (
        <section aria-label={`Tags of ${tagsOf.name}`}>
          <h3>{tagsOf.name}</h3>
          {tagsOf.tags === undefined ? (
            <p aria-busy="true">Listing tags…</p>
          ) : tagsOf.tags.length === 0 ? (
            <p className="muted">No tags</p>
          ) : (
            <ul className="tags">
              {tagsOf.tags.map((t) => (
                <li key={t}>
                  <code>{t}</code>{' '}
                  <button
                    aria-label={`Pull ${tagsOf.name}:${t}`}
                    disabled={pull.state !== undefined && !pull.state.finished}
                    onClick={() => void pull.run(`${tagsOf.name}:${t}`).then(() => invalidate('images.'))}
                  >
                    Pull
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
      {pull.state ? <PullProgressView state={pull.state} /> : null}
    </Dialog>
  );
}
