// "Browse…" beside a path field: a dialog that walks the folders of the machine Burrow runs on (`app.browse`) and
// fills the field with a file, a folder, or a new file's path. The same dialog serves the browser (headless
// host on loopback, where a page may not learn real paths) and the Electron window.
import { useState } from 'react';
import type { BrowseEntry } from '../../../core/model/files.js';
import { useChannel } from '../data/queries.js';
import { Dialog, ErrorNote } from './ui.js';

export type BrowseMode = 'file' | 'folder' | 'save';

const TITLES: Record<BrowseMode, string> = {
  file: 'Choose a file',
  folder: 'Choose a folder',
  save: 'Save as',
};

function join(dir: string, name: string): string {
  return dir.endsWith('/') ? `${dir}${name}` : `${dir}/${name}`;
}

/** The folder a path field's value is in (where the dialog opens), if the value is an absolute path. */
function startOf(value: string, mode: BrowseMode): string | undefined {
  const v = value.trim();
  if (!v.startsWith('/') && !v.startsWith('~')) return undefined;
  if (mode === 'folder') return v;
  const cut = v.lastIndexOf('/');
  return cut <= 0 ? '/' : v.slice(0, cut);
}

function baseName(value: string): string {
  const v = value.trim();
  return v.slice(v.lastIndexOf('/') + 1);
}

function size(n: number | undefined): string {
  if (n === undefined) return '';
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i += 1;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

export function BrowseButton({
  label,
  mode,
  value,
  onPick,
  accept,
  disabled,
}: {
  /** The button's accessible name: "Browse for the compose file". */
  label: string;
  mode: BrowseMode;
  value: string;
  onPick(path: string): void;
  /** File name endings offered in file mode (others are shown but cannot be chosen). */
  accept?: string[];
  disabled?: boolean;
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" aria-label={label} disabled={disabled} onClick={() => setOpen(true)}>
        Browse…
      </button>
      {open ? (
        <FileBrowser
          mode={mode}
          start={startOf(value, mode)}
          name={mode === 'save' ? baseName(value) : ''}
          {...(accept ? { accept } : {})}
          onClose={() => setOpen(false)}
          onPick={(p) => {
            setOpen(false);
            onPick(p);
          }}
        />
      ) : null}
    </>
  );
}

function FileBrowser({
  mode,
  start,
  name: initialName,
  accept,
  onClose,
  onPick,
}: {
  mode: BrowseMode;
  start: string | undefined;
  name: string;
  accept?: string[];
  onClose(): void;
  onPick(path: string): void;
}) {
  const [path, setPath] = useState<string | undefined>(start);
  // What the user typed in the folder field; undefined shows the folder listed (an emptied field stays empty).
  const [typed, setTyped] = useState<string | undefined>(undefined);
  const [hidden, setHidden] = useState(false);
  const [name, setName] = useState(initialName);
  // Always read afresh: a folder changes under the dialog (the archive just saved must be there on Load).
  const listing = useChannel('app.browse', { ...(path ? { path } : {}), hidden }, { staleTime: 0 });
  const here = listing.data?.path;
  const go = (p: string | undefined) => {
    setPath(p);
    setTyped(undefined);
  };
  const choosable = (e: BrowseEntry) =>
    mode === 'file' && e.kind === 'file' && (!accept || accept.some((a) => e.name.endsWith(a)));
  const footer =
    mode === 'folder' ? (
      <button className="primary" disabled={!here} onClick={() => here && onPick(here)}>
        Choose this folder
      </button>
    ) : mode === 'save' ? (
      <>
        <label htmlFor="browse-save-name">File name</label>
        <input id="browse-save-name" value={name} onChange={(e) => setName(e.target.value)} />
        <button
          className="primary"
          disabled={!here || !name.trim() || name.includes('/')}
          onClick={() => here && onPick(join(here, name.trim()))}
        >
          Save here
        </button>
      </>
    ) : null;
  return (
    <Dialog title={TITLES[mode]} onClose={onClose} footer={footer}>
      <form
        className="browse-bar"
        onSubmit={(e) => {
          e.preventDefault();
          go(typed === undefined ? path : typed.trim() || undefined);
        }}
      >
        <button type="button" disabled={!listing.data?.parent} onClick={() => go(listing.data?.parent)}>
          Up
        </button>
        <button type="button" onClick={() => go(undefined)}>
          Home
        </button>
        <input
          id="browse-path"
          aria-label="Folder"
          value={typed ?? here ?? start ?? ''}
          onChange={(e) => setTyped(e.target.value)}
        />
        <button type="submit">Go</button>
        <label className="browse-hidden">
          <input type="checkbox" checked={hidden} onChange={(e) => setHidden(e.target.checked)} /> Hidden
          files
        </label>
      </form>
      {listing.error ? <ErrorNote error={listing.error} /> : null}
      {listing.isPending ? <p className="muted">Reading…</p> : null}
      {listing.data ? (
        <ul className="browse-list" aria-label={`Contents of ${listing.data.path}`}>
          {listing.data.entries.length === 0 ? <li className="muted">This folder is empty.</li> : null}
          {listing.data.entries.map((e) => (
            <li key={e.name} data-kind={e.kind}>
              {e.kind === 'dir' ? (
                <button type="button" className="link" onClick={() => go(join(listing.data.path, e.name))}>
                  <span aria-hidden="true">📁 </span>
                  {e.name}
                </button>
              ) : choosable(e) ? (
                <button
                  type="button"
                  className="link"
                  onClick={() => onPick(join(listing.data.path, e.name))}
                >
                  <span aria-hidden="true">📄 </span>
                  {e.name}
                </button>
              ) : mode === 'save' && e.kind === 'file' ? (
                <button type="button" className="link muted" onClick={() => setName(e.name)}>
                  <span aria-hidden="true">📄 </span>
                  {e.name}
                </button>
              ) : (
                <span className="muted">
                  <span aria-hidden="true">{e.kind === 'file' ? '📄 ' : '· '}</span>
                  {e.name}
                </span>
              )}
              <span className="muted size">{size(e.size)}</span>
            </li>
          ))}
          {listing.data.omitted > 0 ? (
            <li className="muted">…and {listing.data.omitted} more (type a folder's path above).</li>
          ) : null}
        </ul>
      ) : null}
    </Dialog>
  );
}
