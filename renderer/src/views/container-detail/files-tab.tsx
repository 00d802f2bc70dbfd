// A read-only browser of the container's filesystem (running or stopped), viewing text files, and copies in both
// directions between the container and this machine — with who will own the copies said before and after.
import { useState } from 'react';
import type { BurrowErrorData } from '../../../../electron/contract/index.js';
import type { ContainerDetail, ContainerFileEntry, CopyResult } from '../../../../core/model/types.js';
import { errorData, invoke } from '../../api/types.js';
import { Dialog, ErrorNote, FieldError, bytes } from '../../components/ui.js';
import { useChannel } from '../../data/queries.js';
import { invalidate } from '../../data/query-client.js';
import { useStore } from '../../store/store.js';

function modeText(type: ContainerFileEntry['type'], mode: number): string {
  const t = type === 'directory' ? 'd' : type === 'symlink' ? 'l' : '-';
  const bits = 'rwxrwxrwx'
    .split('')
    .map((c, i) => ((mode >> (8 - i)) & 1 ? c : '-'))
    .join('');
  return t + bits;
}

const parentOf = (p: string) => (p === '/' ? '/' : p.slice(0, p.lastIndexOf('/')) || '/');

type Copy = { kind: 'in' } | { kind: 'out'; entry: ContainerFileEntry };

function CopyDialog({
  d,
  copy,
  folder,
  note,
  onClose,
}: {
  d: ContainerDetail;
  copy: Copy;
  folder: string;
  note: string;
  onClose(): void;
}) {
  const [path, setPath] = useState('');
  const [error, setError] = useState<BurrowErrorData>();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<CopyResult>();
  const api = useStore((s) => s.api);
  const into = copy.kind === 'in';
  const run = async () => {
    if (!api) return;
    setBusy(true);
    setError(undefined);
    try {
      const r = into
        ? await invoke(api, 'containers.files.copyIn', { id: d.id, hostPath: path, containerPath: folder })
        : await invoke(api, 'containers.files.copyOut', {
            id: d.id,
            containerPath: copy.entry.path,
            hostPath: path,
          });
      setDone(r);
      invalidate('containers.files.');
    } catch (e) {
      setError(errorData(e));
    } finally {
      setBusy(false);
    }
  };
  const title = into ? `Copy into ${folder}` : `Copy ${copy.entry.path} to this machine`;
  return (
    <Dialog
      title={title}
      onClose={onClose}
      footer={
        done ? (
          <button className="primary" onClick={onClose}>
            Done
          </button>
        ) : (
          <>
            <button onClick={onClose}>Cancel</button>
            <button className="primary" disabled={busy || !path.trim()} onClick={() => void run()}>
              {busy ? 'Copying…' : 'Copy'}
            </button>
          </>
        )
      }
    >
      {done ? (
        <div role="status" aria-label="Copy result">
          <p>
            Copied {done.entries} item{done.entries === 1 ? '' : 's'} ({bytes(done.bytes)}) to{' '}
            <code>{done.to}</code>.
          </p>
          <p className="note">{done.ownership}</p>
        </div>
      ) : (
        <>
          <div className="field">
            <label>
              {into ? 'File or folder on this machine' : 'Folder on this machine to copy into'}
              <input
                aria-label={into ? 'Path on this machine' : 'Folder on this machine'}
                placeholder={into ? '/home/you/notes.txt' : '/home/you/Downloads'}
                value={path}
                aria-invalid={error !== undefined}
                onChange={(e) => setPath(e.target.value)}
              />
            </label>
            <FieldError error={error} named />
          </div>
          <p className="note" role="note">
            {note}
          </p>
        </>
      )}
    </Dialog>
  );
}

function FileView({ id, entry, onClose }: { id: string; entry: ContainerFileEntry; onClose(): void }) {
  const { data, error } = useChannel('containers.files.read', { id, path: entry.path });
  return (
    <Dialog title={entry.path} onClose={onClose}>
      {error ? <ErrorNote error={error} /> : null}
      {!data && !error ? <p aria-busy="true">Reading…</p> : null}
      {data ? (
        data.text !== undefined ? (
          <>
            <pre className="output file-view" aria-label="File contents">
              {data.text}
            </pre>
            {data.truncated ? (
              <p className="muted">
                Showing the first part of {bytes(data.size)}; copy it out to see it all.
              </p>
            ) : null}
          </>
        ) : (
          <p className="muted">A binary file of {bytes(data.size)}: copy it to this machine to open it.</p>
        )
      ) : null}
    </Dialog>
  );
}

export function FilesTab({ detail: d }: { detail: ContainerDetail }) {
  const [path, setPath] = useState('/');
  const [typed, setTyped] = useState('/');
  const [viewing, setViewing] = useState<ContainerFileEntry>();
  const [copy, setCopy] = useState<Copy>();
  const { data, error, isFetching } = useChannel('containers.files.list', { id: d.id, path });
  const open = (p: string) => {
    setPath(p);
    setTyped(p);
  };
  return (
    <div className="files">
      <div className="toolbar">
        <button aria-label="Up one folder" disabled={path === '/'} onClick={() => open(parentOf(path))}>
          ↑
        </button>
        <input
          aria-label="Folder in the container"
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          onKeyDown={(e) => e.key === 'Enter' && setPath(typed)}
        />
        <button onClick={() => setPath(typed)}>Open</button>
        <span className="spacer" />
        <button onClick={() => setCopy({ kind: 'in' })}>Copy from this machine…</button>
      </div>
      {data?.ownership ? (
        <p className={`note${data.ownership.differs ? ' warn' : ''}`} role="note" aria-label="Ownership">
          {data.ownership.copyIn} {data.ownership.copyOut}
        </p>
      ) : null}
      {error ? <ErrorNote error={error} /> : null}
      {data ? (
        <>
          {data.truncated ? (
            <p className="muted">This folder is too large to list whole: open a folder inside it.</p>
          ) : null}
          <table className="list" aria-label="Files" aria-busy={isFetching}>
            <thead>
              <tr>
                <th>Name</th>
                <th>Size</th>
                <th>Owner</th>
                <th>Mode</th>
                <th>Modified</th>
                <th>Actions</th>
              </tr>
            </thead>
            <tbody>
              {data.entries.map((e) => (
                <tr key={e.path} data-path={e.path}>
                  <td>
                    {e.type === 'directory' ? (
                      <button className="link" onClick={() => open(e.path)}>
                        {e.name}/
                      </button>
                    ) : e.type === 'file' ? (
                      <button className="link" onClick={() => setViewing(e)}>
                        {e.name}
                      </button>
                    ) : (
                      <span>
                        {e.name}
                        {e.linkTarget ? <span className="muted"> → {e.linkTarget}</span> : null}
                      </span>
                    )}
                  </td>
                  <td>{e.type === 'file' ? bytes(e.size) : ''}</td>
                  <td>
                    {e.owner || '?'}
                    {e.uid !== undefined ? <span className="muted"> ({e.uid})</span> : null}
                  </td>
                  <td>
                    <code>{modeText(e.type, e.mode)}</code>
                  </td>
                  <td>{new Date(e.mtime).toLocaleString()}</td>
                  <td className="actions">
                    <button onClick={() => setCopy({ kind: 'out', entry: e })}>Copy out…</button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : !error ? (
        <p aria-busy="true">Reading the folder…</p>
      ) : null}
      {viewing ? <FileView id={d.id} entry={viewing} onClose={() => setViewing(undefined)} /> : null}
      {copy && data ? (
        <CopyDialog
          d={d}
          copy={copy}
          folder={data.path}
          note={copy.kind === 'in' ? data.ownership.copyIn : data.ownership.copyOut}
          onClose={() => setCopy(undefined)}
        />
      ) : null}
    </div>
  );
}
