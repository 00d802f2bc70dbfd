// One image: its tags (untag, add a tag), its history (layers, sizes, what created them) and the inspect JSON;
// push and save from here too.
import { useState } from 'react';
import { parseImageRef, repositoryOf } from '../../../../core/model/image-ref.js';
import { ResourceTable } from '../../components/resource-table.js';
import { ErrorNote, ago, bytes, useConfirm } from '../../components/ui.js';
import { runChannel, useChannel } from '../../data/queries.js';
import { href, navigate } from '../../router.js';
import { InspectTab } from '../container-detail/inspect-tab.js';
import { SaveImageDialog } from './archive-dialogs.js';
import { PushDialog } from './push-dialog.js';
import { TagDialog } from './tag-dialog.js';

const TABS = { tags: 'Tags', history: 'History', inspect: 'Inspect' } as const;
type Tab = keyof typeof TABS;

export function ImageDetailView({ id, tab }: { id: string; tab: string }) {
  const { data: image, error } = useChannel('images.inspect', { name: id });
  const { data: history, error: historyError } = useChannel('images.history', { name: id });
  const [dialog, setDialog] = useState<'push' | 'save' | 'tag'>();
  const [confirm, confirmDialog] = useConfirm();
  if (error && !image)
    return (
      <section className="view">
        <ErrorNote error={error} />
        <a href={href({ view: 'images' })}>Back to images</a>
      </section>
    );
  if (!image)
    return (
      <section className="view" aria-busy="true">
        Loading…
      </section>
    );
  const current: Tab = tab in TABS ? (tab as Tab) : 'tags';
  const title = image.tags[0] ?? image.id.slice(0, 12);
  const untag = (t: string) => {
    const ref = parseImageRef(t);
    if (!ref) return;
    confirm({
      title: 'Untag',
      message: `Remove the tag ${t}? The image stays while it has other tags or containers.`,
      confirmLabel: 'Untag',
      onConfirm: () =>
        void runChannel(
          'images.untag',
          { name: image.id, repo: repositoryOf(ref), tag: ref.tag ?? 'latest' },
          { done: `Untagged ${t}`, invalidates: ['images.'] },
        ),
    });
  };
  return (
    <section className="view" aria-label={`Image ${title}`}>
      <div className="toolbar">
        <a href={href({ view: 'images' })} aria-label="Back to images">
          ←
        </a>
        <h1>{title}</h1>
        <span className="muted">
          <code>{image.id.slice(0, 12)}</code> · {bytes(image.size)} · {ago(image.createdAt)}
        </span>
        <span className="spacer" />
        <button onClick={() => setDialog('tag')}>Add tag</button>
        <button onClick={() => setDialog('push')} disabled={image.tags.length === 0}>
          Push…
        </button>
        <button onClick={() => setDialog('save')}>Save…</button>
      </div>
      <div className="tabs" role="tablist" aria-label="Image views">
        {(Object.keys(TABS) as Tab[]).map((t) => (
          <button
            key={t}
            role="tab"
            aria-selected={t === current}
            onClick={() => navigate({ view: 'image', id, tab: t })}
          >
            {TABS[t]}
          </button>
        ))}
      </div>
      <div className="tabpanel" role="tabpanel" aria-label={TABS[current]}>
        {current === 'tags' ? (
          <ResourceTable
            label="Tags"
            rows={image.tags}
            rowKey={(t) => t}
            empty="No tags (a dangling image)"
            columns={[{ header: 'Tag', cell: (t) => <code>{t}</code> }]}
            actions={(t) => (
              <button aria-label={`Untag ${t}`} onClick={() => untag(t)}>
                Untag
              </button>
            )}
          />
        ) : current === 'history' ? (
          <ResourceTable
            label="History"
            rows={history}
            error={historyError}
            rowKey={(h) => `${h.id}-${h.createdAt}-${h.createdBy}`}
            empty="No history"
            columns={[
              {
                header: 'Layer',
                cell: (h) =>
                  h.id && h.id !== '<missing>' ? (
                    <code>{h.id.slice(0, 12)}</code>
                  ) : (
                    <span className="muted">—</span>
                  ),
              },
              {
                header: 'Created by',
                className: 'created-by',
                cell: (h) => (
                  <code title={h.createdBy}>{h.createdBy.replace(/^\/bin\/sh -c #\(nop\) /, '')}</code>
                ),
              },
              { header: 'Size', cell: (h) => bytes(h.size) },
              { header: 'Created', cell: (h) => ago(h.createdAt) },
              { header: 'Comment', cell: (h) => h.comment },
            ]}
          />
        ) : (
          <InspectTab raw={image.raw} />
        )}
      </div>
      {dialog === 'push' ? (
        <PushDialog image={image.tags[0] ?? image.id} onClose={() => setDialog(undefined)} />
      ) : null}
      {dialog === 'save' ? (
        <SaveImageDialog
          images={image.tags.length ? image.tags : [image.id]}
          onClose={() => setDialog(undefined)}
        />
      ) : null}
      {dialog === 'tag' ? <TagDialog imageId={image.id} onClose={() => setDialog(undefined)} /> : null}
      {confirmDialog}
    </section>
  );
}
