import { useEffect, useState } from 'react';
import type { BuildEvent } from '../../../core/engine-api.js';
import { invoke } from '../api/types.js';
import { Confirm, Dialog, Empty, Skeleton, ago, bytes } from '../components/ui.js';
import { navigate } from '../router.js';
import { refreshImages, useStore } from '../store/store.js';
import { OneShotDialog } from './one-shot.js';
import { PullProgressView, usePull } from './pull.js';

export function ImagesView() {
  const images = useStore((s) => s.images);
  const api = useStore((s) => s.api);
  const [pullOpen, setPullOpen] = useState(false);
  const [ref, setRef] = useState('');
  const [confirm, setConfirm] = useState<string>();
  const [tagging, setTagging] = useState<string>();
  const [tag, setTag] = useState('');
  const [buildOpen, setBuildOpen] = useState(false);
  const [buildDir, setBuildDir] = useState('');
  const [buildTag, setBuildTag] = useState('');
  const [buildOut, setBuildOut] = useState<string[]>([]);
  const pull = usePull();
  const [oneShot, setOneShot] = useState<string>();
  useEffect(() => {
    void refreshImages().catch((e: unknown) => useStore.getState().error(e));
  }, []);
  const act = async (fn: () => Promise<unknown>, done: string) => {
    try {
      await fn();
      useStore.getState().toast('success', done);
      await refreshImages();
    } catch (e) {
      useStore.getState().error(e);
    }
  };
  const build = () => {
    if (!api) return;
    setBuildOut([]);
    api.subscribe(
      'build',
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
        void refreshImages();
      },
    );
  };
  return (
    <section className="view" aria-label="Images">
      <div className="toolbar">
        <h1>Images</h1>
        <span className="spacer" />
        <button onClick={() => setBuildOpen(true)}>Build…</button>
        <button
          onClick={() =>
            void act(async () => {
              const r = await invoke(api!, 'images.prune', {});
              useStore
                .getState()
                .toast('info', `Reclaimed ${bytes(r.reclaimedBytes)} (${r.removed.length} images)`);
            }, 'Pruned unused images')
          }
        >
          Prune
        </button>
        <button className="primary" onClick={() => setPullOpen(true)}>
          Pull image
        </button>
      </div>
      {!images ? (
        <Skeleton />
      ) : images.length === 0 ? (
        <Empty title="No images">
          <button className="primary" onClick={() => setPullOpen(true)}>
            Pull an image
          </button>
        </Empty>
      ) : (
        <table className="list" aria-label="Images">
          <thead>
            <tr>
              <th>Tags</th>
              <th>ID</th>
              <th>Size</th>
              <th>Created</th>
              <th>Containers</th>
              <th>Actions</th>
            </tr>
          </thead>
          <tbody>
            {images.map((i) => (
              <tr key={i.id}>
                <td>{i.tags.length ? i.tags.join(', ') : <span className="muted">&lt;none&gt;</span>}</td>
                <td>
                  <code>{i.id.slice(0, 12)}</code>
                </td>
                <td>{bytes(i.size)}</td>
                <td>{ago(i.createdAt)}</td>
                <td>{i.containers}</td>
                <td className="actions">
                  <button
                    onClick={() => navigate({ view: 'create', image: i.tags[0] ?? i.id })}
                    aria-label={`Run ${i.tags[0] ?? i.id}`}
                  >
                    Run
                  </button>
                  <button
                    onClick={() => setOneShot(i.tags[0] ?? i.id)}
                    aria-label={`Run ${i.tags[0] ?? i.id} hardened`}
                  >
                    Run hardened
                  </button>
                  <button onClick={() => setTagging(i.id)} aria-label={`Tag ${i.tags[0] ?? i.id}`}>
                    Tag
                  </button>
                  <button
                    className="danger"
                    onClick={() => setConfirm(i.id)}
                    aria-label={`Remove ${i.tags[0] ?? i.id}`}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {pullOpen ? (
        <Dialog
          title="Pull image"
          onClose={() => {
            setPullOpen(false);
            pull.reset();
          }}
          footer={
            <button
              className="primary"
              disabled={!ref || (pull.state !== undefined && !pull.state.finished)}
              onClick={() => void pull.run(ref).then(() => refreshImages())}
            >
              Pull
            </button>
          }
        >
          <label htmlFor="pull-ref">Image reference</label>
          <input
            id="pull-ref"
            value={ref}
            placeholder="docker.io/library/alpine:3.20"
            onChange={(e) => setRef(e.target.value)}
            onKeyDown={(e) => e.key === 'Enter' && ref && void pull.run(ref).then(() => refreshImages())}
          />
          {pull.state ? <PullProgressView state={pull.state} /> : null}
        </Dialog>
      ) : null}
      {oneShot ? <OneShotDialog image={oneShot} onClose={() => setOneShot(undefined)} /> : null}
      {tagging ? (
        <Dialog
          title="Tag image"
          onClose={() => setTagging(undefined)}
          footer={
            <button
              className="primary"
              onClick={() => {
                const [repo, t] =
                  tag.includes(':') && !tag.endsWith(':')
                    ? [tag.slice(0, tag.lastIndexOf(':')), tag.slice(tag.lastIndexOf(':') + 1)]
                    : [tag, 'latest'];
                void act(
                  () => invoke(api!, 'images.tag', { name: tagging, repo: repo ?? tag, tag: t ?? 'latest' }),
                  `Tagged ${tag}`,
                ).then(() => setTagging(undefined));
              }}
            >
              Tag
            </button>
          }
        >
          <label htmlFor="tag-name">New tag</label>
          <input
            id="tag-name"
            value={tag}
            placeholder="localhost/myimage:v1"
            onChange={(e) => setTag(e.target.value)}
          />
        </Dialog>
      ) : null}
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
          <input
            id="build-dir"
            value={buildDir}
            onChange={(e) => setBuildDir(e.target.value)}
            placeholder="/home/you/project"
          />
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
      {confirm ? (
        <Confirm
          title="Remove image"
          message="Remove this image? Containers using it must be removed first."
          confirmLabel="Remove"
          onCancel={() => setConfirm(undefined)}
          onConfirm={() => {
            const id = confirm;
            setConfirm(undefined);
            void act(() => invoke(api!, 'images.remove', { name: id }), 'Image removed');
          }}
        />
      ) : null}
    </section>
  );
}
