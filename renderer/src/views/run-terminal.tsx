// "Run image in a terminal": `podman run --rm -it` of an image in a terminal here — a throwaway container that is
// removed when its process ends. What to run is checked like every other input (the command as a command line,
// the user), and core refuses at the field what it cannot run (an image not on the engine).
import { lazy, Suspense, useCallback, useRef, useState } from 'react';
import { parseCommandLine } from '../../../core/model/command-line.js';
import type { BurrowErrorData } from '../../../electron/contract/index.js';
import { errorData, invoke } from '../api/types.js';
import { Dialog, FieldError } from '../components/ui.js';
import { useStore } from '../store/store.js';

// xterm.js comes with the terminal view, loaded when a terminal is first opened.
const TerminalView = lazy(() =>
  import('./container-detail/terminal-tab.js').then((m) => ({ default: m.TerminalView })),
);

export function RunTerminalDialog({ image, onClose }: { image: string; onClose(): void }) {
  const [command, setCommand] = useState('');
  const [user, setUser] = useState('');
  const [error, setError] = useState<BurrowErrorData>();
  const [term, setTerm] = useState<string>();
  const [exit, setExit] = useState<number>();
  const start = async () => {
    const api = useStore.getState().api;
    if (!api) return;
    setError(undefined);
    const parsed = command.trim() ? parseCommandLine(command) : { ok: true as const, words: [] };
    if (!parsed.ok)
      return setError({
        code: 'invalid_input',
        field: 'command',
        message: parsed.message,
        hint: parsed.hint,
      });
    try {
      const info = await invoke(api, 'terminals.open', {
        kind: 'run',
        image,
        ...(parsed.words.length ? { command: parsed.words } : {}),
        ...(user.trim() ? { user: user.trim() } : {}),
        cols: 100,
        rows: 30,
      });
      setTerm(info.id);
    } catch (e) {
      setError(errorData(e));
    }
  };
  // One close for the dialog's life: Dialog re-focuses its first button whenever its onClose changes, and the
  // images list re-renders as the run's container comes and goes — a keystroke meant for the shell would land on ×.
  const termRef = useRef<string>(undefined);
  termRef.current = term;
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;
  const close = useCallback(() => {
    const api = useStore.getState().api;
    const t = termRef.current;
    if (t && api) void invoke(api, 'terminals.close', { term: t }).catch(() => undefined);
    onCloseRef.current();
  }, []);
  return (
    <Dialog title={`Run ${image} in a terminal`} onClose={close}>
      {term ? (
        <>
          <Suspense fallback={<p aria-busy="true">Loading the terminal…</p>}>
            <TerminalView termId={term} onExit={setExit} />
          </Suspense>
          {exit !== undefined ? (
            <p className="note" role="status">
              Exited with code {exit}; the container was removed.
            </p>
          ) : null}
        </>
      ) : (
        <>
          <div className="field">
            <label>
              Command (empty: the image’s own)
              <input
                aria-label="Command to run"
                placeholder="sh"
                value={command}
                onChange={(e) => setCommand(e.target.value)}
              />
            </label>
          </div>
          <div className="field">
            <label>
              User (empty: the image’s)
              <input
                aria-label="Run as user"
                placeholder="1001:1001"
                value={user}
                onChange={(e) => setUser(e.target.value)}
              />
            </label>
          </div>
          <FieldError error={error} named />
          <p className="muted">
            Like <code>podman run --rm -it</code>: the container is removed when its process ends.
          </p>
          <button className="primary" onClick={() => void start()}>
            Run
          </button>
        </>
      )}
    </Dialog>
  );
}
