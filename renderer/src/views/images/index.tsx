// Images: list, pull with per-layer progress, search registries, log in to them, push, save and load tar
// archives, build from a folder, tag, remove, prune, run (in the create form or the hardened one-shot runner).
// Each image opens its detail (tags, history, inspect).
import { BrowseButton } from '../../components/file-browser.js';
import { useState } from 'react';
import type { BuildEvent } from '../../../../core/model/types.js';
import { ResourceTable, ViewHeader } from '../../components/resource-table.js';
import { Dialog, Empty, ago, bytes, useConfirm } from '../../components/ui.js';
import { invalidate } from '../../data/query-client.js';
import { runChannel, useChannel } from '../../data/queries.js';
import { href, navigate } from '../../router.js';
import { useStore } from '../../store/store.js';
import { OneShotDialog } from '../one-shot.js';
import { PullProgressView, usePull } from '../pull.js';
import { RunTerminalDialog } from '../run-terminal.js';
import { LoadImagesDialog, SaveImageDialog } from './archive-dialogs.js';
import { PushDialog } from './push-dialog.js';
import { RegistriesDialog } from './registries-dialog.js';
import { SearchDialog } from './search-dialog.js';
import { TagDialog } from './tag-dialog.js';

const refreshImages = () => invalidate('images.');

export function ImagesView() {
  const { data: images, error } = useChannel('images.list', {});
  const api = useStore((s) => s.api);
  const [pullOpen, setPullOpen] = useState(false);
  const [ref, setRef] = useState('');
  const [confirm, confirmDialog] = useConfirm();
  const [tagging, setTagging] = useState<string>();
  const [dialog, setDialog] = useState<
    | { kind: 'push'; image: string }
    | { kind: 'save'; images: string[] }
    | { kind: 'load' | 'search' | 'registries' }
  >();
  const [buildOpen, setBuildOpen] = useState(false);
  const [buildDir, setBuildDir] = useState('');
  const [buildTag, setBuildTag] = useState('');
  const [buildOut, setBuildOut] = useState<string[]>([]);
  const pull = usePull();
  const [oneShot, setOneShot] = useState<string>();
  const [terminal, setTerminal] = useState<string>();
  const build = () => {
    if (!api) return;
    setBuildOut([]);
    api.subscribe(
      'images.build',
      { contextDir: buildDir, ...(buildTag ? { tags: [buildTag] } : {}) },
      (e: BuildEvent) =>
        setBuildOut((o) => [
          ...o,
          e.kind === 'output'
            ? e.text
            : e.kind === 'done'
              ? `\nBuilt ${e.imageId.slice(0, 12)}\n`
              : `\nError: ${e.message}\n`,
        ]),
      (err) => {
        if (err) useStore.getState().toast('error', err.message, err.hint);
        refreshImages();
      },
    );
  };
  return (
    <section className="view" aria-label="Images">
      <ViewHeader title="Images">
        <button onClick={() => setDialog({ kind: 'registries' })}>Registries…</button>
        <button onClick={() => setDialog({ kind: 'search' })}>Search…</button>
        <button onClick={() => setDialog({ kind: 'load' })}>Load…</button>
        <button onClick={() => setBuildOpen(true)}>Build…</button>
        <button
          onClick={() =>
            void runChannel(
              'images.prune',
              {},
              {
                done: (r) => `Reclaimed ${bytes(r.reclaimedBytes)} (${r.removed.length} images)`,
                invalidates: ['images.'],
              },
            )
          }
        >
          Prune
        </button>
        <button className="primary" onClick={() => setPullOpen(true)}>
          Pull image
        </button>
      </ViewHeader>
      <ResourceTable
        label="Images"
        rows={images}
        error={error}
        rowKey={(i) => i.id}
        empty={
          <Empty title="No images">
            <button className="primary" onClick={() => setPullOpen(true)}>
              Pull an image
            </button>
          </Empty>
        }
        columns={[
          {
            header: 'Tags',
            cell: (i) => (
              <a
                href={href({ view: 'image', id: i.id, tab: 'tags' })}
                aria-label={`Open ${i.tags[0] ?? i.id.slice(0, 12)}`}
              >
                {i.tags.length ? i.tags.join(', ') : <span className="muted">&lt;none&gt;</span>}
              </a>
            ),
          },
          { header: 'ID', cell: (i) => <code>{i.id.slice(0, 12)}</code> },
          { header: 'Size', cell: (i) => bytes(i.size) },
          { header: 'Created', cell: (i) => ago(i.createdAt) },
          { header: 'Containers', cell: (i) => i.containers },
        ]}
        actions={(i) => {
          const name = i.tags[0] ?? i.id;
          return (
            <>
              <button onClick={() => navigate({ view: 'create', image: name })} aria-label={`Run ${name}`}>
                Run
              </button>
              <button onClick={() => setOneShot(name)} aria-label={`Run ${name} hardened`}>
                Run hardened
              </button>
              <button onClick={() => setTerminal(name)} aria-label={`Run ${name} in a terminal`}>
                Terminal
              </button>
              <button onClick={() => setTagging(i.id)} aria-label={`Tag ${name}`}>
                Tag
              </button>
              <button
                onClick={() => setDialog({ kind: 'push', image: name })}
                aria-label={`Push ${name}`}
                disabled={i.tags.length === 0}
              >
                Push
              </button>
              <button
                onClick={() => setDialog({ kind: 'save', images: i.tags.length ? i.tags : [i.id] })}
                aria-label={`Save ${name}`}
              >
                Save
              </button>
              <button
                className="danger"
                aria-label={`Remove ${name}`}
                onClick={() =>
                  confirm({
                    title: 'Remove image',
                    message: 'Remove this image? Containers using it must be removed first.',
                    confirmLabel: 'Remove',
                    onConfirm: () =>
                      void runChannel(
                        'images.remove',
                        { name: i.id },
                        { done: 'Image removed', invalidates: ['images.'] },
                      ),
                  })
                }
              >
                Remove
              </button>
            </>
          );
        }}
      />
      {pullOpen ? (
        <Dialog
          title="Pull image"
          onClose={() => {
            setPullOpen(false);
            pull.reset();
          }}
          footer={
            pull.state !== undefined && !pull.state.finished ? (
              <button onClick={pull.cancel}>Cancel</button>
            ) : (
              <button
                className="primary"
                disabled={!ref}
                onClick={() => void pull.run(ref).then(refreshImages)}
              >
                Pull
              </button>
            )
          }
        >
          <label htmlFor="pull-ref">Image reference</label>
          <input
            id="pull-ref"
            value={ref}
            placeholder="docker.io/library/alpine:3.20"
            onChange={(e) => setRef(e.target.value)}
            onKeyDown={(e) => e.key === 'Enter' && ref && void pull.run(ref).then(refreshImages)}
          />
          {pull.state ? <PullProgressView state={pull.state} /> : null}
        </Dialog>
      ) : null}
      {oneShot ? <OneShotDialog image={oneShot} onClose={() => setOneShot(undefined)} /> : null}
      {terminal ? <RunTerminalDialog image={terminal} onClose={() => setTerminal(undefined)} /> : null}
      {tagging ? <TagDialog imageId={tagging} onClose={() => setTagging(undefined)} /> : null}
      {dialog?.kind === 'push' ? (
        <PushDialog image={dialog.image} onClose={() => setDialog(undefined)} />
      ) : null}
      {dialog?.kind === 'save' ? (
        <SaveImageDialog images={dialog.images} onClose={() => setDialog(undefined)} />
      ) : null}
      {dialog?.kind === 'load' ? <LoadImagesDialog onClose={() => setDialog(undefined)} /> : null}
      {dialog?.kind === 'search' ? <SearchDialog onClose={() => setDialog(undefined)} /> : null}
      {dialog?.kind === 'registries' ? <RegistriesDialog onClose={() => setDialog(undefined)} /> : null}
      {buildOpen ? (
        <Dialog
          title="Build image"
          onClose={() => setBuildOpen(false)}
          footer={
            <button className="primary" disabled={!buildDir} onClick={build}>
              Build
            </button>
          }
        >
          <label htmlFor="build-dir">Context folder (absolute path, with a Containerfile)</label>
          <div className="with-browse">
            <input
              id="build-dir"
              value={buildDir}
              onChange={(e) => setBuildDir(e.target.value)}
              placeholder="/home/you/project"
            />
            <BrowseButton
              label="Browse for the context folder"
              mode="folder"
              value={buildDir}
              onPick={setBuildDir}
            />
          </div>
          <label htmlFor="build-tag">Tag</label>
          <input
            id="build-tag"
            value={buildTag}
            onChange={(e) => setBuildTag(e.target.value)}
            placeholder="localhost/project:dev"
          />
          <pre className="json build-out" aria-label="Build output">
            {buildOut.join('')}
          </pre>
        </Dialog>
      ) : null}
      {confirmDialog}
    </section>
  );
}
