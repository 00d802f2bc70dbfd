// The container's actions in the detail header: start/stop/restart, pause (disabled with the reason where the
// host cannot), kill with a chosen signal, rename, commit to an image, edit & recreate, duplicate, and remove
// (optionally with its anonymous volumes). Every dialog shows core's refusal at its field.
import { useRef, useState, type ReactNode } from 'react';
import type { BurrowErrorData } from '../../../../electron/contract/index.js';
import { whyNoPause } from '../../../../core/model/pause.js';
import { COMMON_SIGNALS } from '../../../../core/model/signals.js';
import type { ContainerDetail } from '../../../../core/model/types.js';
import type { ArgsOf, Channel, ResultOf } from '../../../../electron/contract/index.js';
import { ApiError, errorData, invoke } from '../../api/types.js';
import { Dialog, FieldError } from '../../components/ui.js';
import { runChannel, useHostFacts } from '../../data/queries.js';
import { navigate } from '../../router.js';
import { useStore } from '../../store/store.js';

type Lifecycle =
  'containers.start' | 'containers.stop' | 'containers.restart' | 'containers.pause' | 'containers.unpause';
type Open = 'kill' | 'rename' | 'commit' | 'remove' | undefined;

/** A dialog's field, with the refusal core named for it underneath. */
function Labeled(props: {
  label: string;
  field: string;
  error: BurrowErrorData | undefined;
  children: ReactNode;
}) {
  const mine =
    props.error && (props.error.field === props.field || (!props.error.field && props.field === ''));
  return (
    <div className="field">
      <label>
        {props.label}
        {props.children}
      </label>
      {mine ? <FieldError error={props.error} /> : null}
    </div>
  );
}

/** Run a dialog's action: close on success; keep it open with the error at its field on failure. */
function useDialogAction() {
  const [error, setError] = useState<BurrowErrorData>();
  const [busy, setBusy] = useState(false);
  const run = async (fn: () => Promise<unknown>, close: () => void) => {
    setBusy(true);
    setError(undefined);
    try {
      await fn();
      close();
    } catch (e) {
      setError(errorData(e));
    } finally {
      setBusy(false);
    }
  };
  return { error, busy, run };
}

function KillDialog({ d, onClose }: { d: ContainerDetail; onClose(): void }) {
  const [signal, setSignal] = useState('SIGTERM');
  const a = useDialogAction();
  const sig = signal.trim().toUpperCase();
  const submit = () =>
    a.run(
      () => callOrThrow('containers.kill', { id: d.id, signal: sig }, `Sent ${sig} to ${d.name}`),
      onClose,
    );
  return (
    <Dialog
      title={`Send a signal to ${d.name}`}
      onClose={onClose}
      footer={
        <>
          <button onClick={onClose}>Cancel</button>
          <button className="danger" disabled={a.busy} onClick={() => void submit()}>
            Send signal
          </button>
        </>
      }
    >
      <Labeled label="Signal" field="signal" error={a.error}>
        <input
          list="signals"
          aria-label="Signal"
          value={signal}
          onChange={(e) => setSignal(e.target.value)}
        />
        <datalist id="signals">
          {COMMON_SIGNALS.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
      </Labeled>
      <p className="muted">
        SIGKILL ends the main process at once; SIGTERM asks it to stop; others (SIGHUP, SIGUSR1…) mean what
        the program makes of them.
      </p>
    </Dialog>
  );
}

function RenameDialog({ d, onClose }: { d: ContainerDetail; onClose(): void }) {
  const [name, setName] = useState(d.name);
  const a = useDialogAction();
  return (
    <Dialog
      title={`Rename ${d.name}`}
      onClose={onClose}
      footer={
        <>
          <button onClick={onClose}>Cancel</button>
          <button
            className="primary"
            disabled={a.busy}
            onClick={() =>
              void a.run(
                () =>
                  callOrThrow(
                    'containers.rename',
                    { id: d.id, name: name.trim() },
                    `Renamed to ${name.trim()}`,
                  ),
                onClose,
              )
            }
          >
            Rename
          </button>
        </>
      }
    >
      <Labeled label="New name" field="name" error={a.error}>
        <input aria-label="New name" value={name} onChange={(e) => setName(e.target.value)} />
      </Labeled>
    </Dialog>
  );
}

/** Like runChannel, but a failure comes back to the dialog (to show at its field) instead of a toast. */
async function callOrThrow<C extends Channel>(
  channel: C,
  args: ArgsOf<C>,
  done: string,
): Promise<ResultOf<C>> {
  const api = useStore.getState().api;
  if (!api) throw new ApiError({ code: 'engine_unreachable', message: 'Not connected to Burrow' });
  const value = await invoke(api, channel, args);
  useStore.getState().toast('success', done);
  return value;
}

function CommitDialog({ d, onClose }: { d: ContainerDetail; onClose(): void }) {
  const noPause = whyNoPause(useHostFacts());
  const [repo, setRepo] = useState(`localhost/${d.name}:latest`);
  const [author, setAuthor] = useState('');
  const [message, setMessage] = useState('');
  const [pause, setPause] = useState(false);
  const a = useDialogAction();
  const submit = () =>
    a.run(
      () =>
        callOrThrow(
          'containers.commit',
          {
            id: d.id,
            repo,
            ...(author.trim() ? { author } : {}),
            ...(message.trim() ? { message } : {}),
            pause,
          },
          `Committed ${d.name} as ${repo.includes(':') ? repo : `${repo}:latest`}`,
        ),
      onClose,
    );
  return (
    <Dialog
      title={`Commit ${d.name} to an image`}
      onClose={onClose}
      footer={
        <>
          <button onClick={onClose}>Cancel</button>
          <button className="primary" disabled={a.busy} onClick={() => void submit()}>
            {a.busy ? 'Committing…' : 'Commit'}
          </button>
        </>
      }
    >
      <Labeled label="Image name (repository:tag)" field="repo" error={a.error}>
        <input aria-label="Image name" value={repo} onChange={(e) => setRepo(e.target.value)} />
      </Labeled>
      <Labeled label="Author" field="author" error={a.error}>
        <input aria-label="Author" value={author} onChange={(e) => setAuthor(e.target.value)} />
      </Labeled>
      <Labeled label="Message" field="message" error={a.error}>
        <textarea
          aria-label="Message"
          rows={3}
          value={message}
          onChange={(e) => setMessage(e.target.value)}
        />
      </Labeled>
      <label title={noPause ?? 'Freeze the processes while the filesystem is copied, for a consistent image'}>
        <input
          type="checkbox"
          checked={pause}
          disabled={noPause !== undefined}
          onChange={(e) => setPause(e.target.checked)}
        />{' '}
        Pause while committing
      </label>
      {noPause ? <p className="muted">{noPause}</p> : null}
      {a.error && !['repo', 'tag', 'author', 'message'].includes(a.error.field ?? '') ? (
        <Labeled label="" field={a.error.field ?? ''} error={a.error}>
          {null}
        </Labeled>
      ) : null}
      <p className="muted">
        A message is stored in the Docker image format (OCI images have no place for one).
      </p>
    </Dialog>
  );
}

function RemoveDialog({ d, onClose }: { d: ContainerDetail; onClose(): void }) {
  const [volumes, setVolumes] = useState(false);
  const a = useDialogAction();
  const running = d.state === 'running' || d.state === 'paused';
  return (
    <Dialog
      title="Remove container"
      onClose={onClose}
      footer={
        <>
          <button onClick={onClose}>Cancel</button>
          <button
            className="danger"
            disabled={a.busy}
            onClick={() =>
              void a.run(async () => {
                await callOrThrow(
                  'containers.remove',
                  { id: d.id, force: true, volumes },
                  `Removed ${d.name}`,
                );
                navigate({ view: 'containers' });
              }, onClose)
            }
          >
            Remove
          </button>
        </>
      }
    >
      <p>
        Remove {d.name}?{running ? ' It is running and will be stopped.' : ''} Its files outside volumes are
        lost.
      </p>
      <label>
        <input type="checkbox" checked={volumes} onChange={(e) => setVolumes(e.target.checked)} /> Also remove
        its anonymous volumes (named volumes are always kept)
      </label>
      <FieldError error={a.error} />
    </Dialog>
  );
}

export function ContainerActions({ d }: { d: ContainerDetail }) {
  const noPause = whyNoPause(useHostFacts());
  const [open, setOpen] = useState<Open>();
  const close = () => setOpen(undefined);
  const menu = useRef<HTMLDetailsElement>(null);
  // A menu item closes the menu, as menus do.
  const pick = (fn: () => void) => () => {
    if (menu.current) menu.current.open = false;
    fn();
  };
  const act = (channel: Lifecycle) =>
    void runChannel(channel, { id: d.id }, { done: `${channel.split('.')[1]}: ${d.name}` });
  const running = d.state === 'running';
  return (
    <>
      {running ? (
        <>
          <button onClick={() => act('containers.stop')}>Stop</button>
          <button onClick={() => act('containers.restart')}>Restart</button>
          <button
            onClick={() => act('containers.pause')}
            disabled={noPause !== undefined}
            title={noPause ?? 'Freeze every process in the container'}
          >
            Pause
          </button>
          <button onClick={() => setOpen('kill')}>Kill…</button>
        </>
      ) : d.state === 'paused' ? (
        <button onClick={() => act('containers.unpause')}>Unpause</button>
      ) : (
        <button className="primary" onClick={() => act('containers.start')}>
          Start
        </button>
      )}
      <details className="menu" ref={menu}>
        <summary>More</summary>
        <div role="menu" aria-label="More actions">
          <button role="menuitem" onClick={pick(() => navigate({ view: 'create', edit: d.id }))}>
            Edit &amp; recreate…
          </button>
          <button role="menuitem" onClick={pick(() => navigate({ view: 'create', copy: d.id }))}>
            Duplicate…
          </button>
          <button role="menuitem" onClick={pick(() => setOpen('rename'))}>
            Rename…
          </button>
          <button role="menuitem" onClick={pick(() => setOpen('commit'))}>
            Commit to image…
          </button>
        </div>
      </details>
      <button className="danger" onClick={() => setOpen('remove')}>
        Remove
      </button>
      {open === 'kill' ? <KillDialog d={d} onClose={close} /> : null}
      {open === 'rename' ? <RenameDialog d={d} onClose={close} /> : null}
      {open === 'commit' ? <CommitDialog d={d} onClose={close} /> : null}
      {open === 'remove' ? <RemoveDialog d={d} onClose={close} /> : null}
    </>
  );
}
