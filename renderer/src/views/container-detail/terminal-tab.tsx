// Terminals in the renderer: xterm.js with fit, search and web-links, several sessions per container, copy
// and paste, acknowledgement-based flow control (ack what xterm has actually rendered), resize to the PTY,
// exit code with Reconnect, and reattach to live sessions after a reload (ids kept in sessionStorage).
import { FitAddon } from '@xterm/addon-fit';
import { SearchAddon } from '@xterm/addon-search';
import { WebLinksAddon } from '@xterm/addon-web-links';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { useEffect, useRef, useState } from 'react';
import type { ContainerDetail } from '../../../../core/model/types.js';
import { invoke, type TerminalInfo, type TerminalSpec } from '../../api/types.js';
import { useStore } from '../../store/store.js';
import { OutputPacer } from './output-pacer.js';
import { utf8Length } from './utf8.js';

const KEY = 'burrow.terminals';

function saved(): Record<string, string[]> {
  try {
    return JSON.parse(sessionStorage.getItem(KEY) ?? '{}') as Record<string, string[]>;
  } catch {
    return {};
  }
}

function remember(container: string, ids: string[]): void {
  sessionStorage.setItem(KEY, JSON.stringify({ ...saved(), [container]: ids }));
}

function theme(): Record<string, string> {
  const css = getComputedStyle(document.documentElement);
  return {
    background: css.getPropertyValue('--term-bg').trim() || '#1b1712',
    foreground: css.getPropertyValue('--term-fg').trim() || '#efe6da',
    cursor: css.getPropertyValue('--accent').trim() || '#c8793a',
  };
}

export function TerminalView({ termId, onExit }: { termId: string; onExit(code: number): void }) {
  const host = useRef<HTMLDivElement>(null);
  const api = useStore((s) => s.api);
  const [searchOpen, setSearchOpen] = useState(false);
  const searchRef = useRef<SearchAddon | undefined>(undefined);
  const exitRef = useRef(onExit);
  /** Paste the clipboard into this terminal (the context menu's paste; see pasteClipboard). */
  const pasteRef = useRef<(() => void) | undefined>(undefined);
  exitRef.current = onExit;
  useEffect(() => {
    if (!api || !host.current) return;
    const term = new Terminal({
      fontFamily: 'ui-monospace, "DejaVu Sans Mono", monospace',
      fontSize: 13,
      theme: theme(),
      scrollback: 5000,
      allowProposedApi: true,
    });
    const fit = new FitAddon();
    const search = new SearchAddon();
    searchRef.current = search;
    term.loadAddon(fit);
    term.loadAddon(search);
    term.loadAddon(new WebLinksAddon((_e, uri) => window.open(uri, '_blank', 'noopener')));
    term.open(host.current);
    fit.fit();
    const note = (text: string) => term.write(`\r\n\x1b[2m[${text}]\x1b[0m\r\n`);
    // Acknowledgements that xterm.js reports in one parse pass go out as one message.
    let unsent = 0;
    const ack = (bytes: number) => {
      if (bytes <= 0) return;
      if (unsent === 0)
        queueMicrotask(() => {
          api.send('terminals.ack', { term: termId, bytes: unsent });
          unsent = 0;
        });
      unsent += bytes;
    };
    let disposed = false;
    const send = (data: string) => {
      if (!disposed) api.send('terminals.input', { term: termId, data });
    };
    // A paste reads the clipboard asynchronously (slowly on a busy machine or a remote display): keys typed
    // meanwhile — the Enter right after Ctrl+Shift+V — are held and sent after the pasted text, in order.
    let pastes = 0;
    let pasteChain = Promise.resolve();
    let heldKeys: string[] = [];
    let pasting = false;
    const input = (data: string) => (pastes > 0 && !pasting ? heldKeys.push(data) : send(data));
    const pasteClipboard = () => {
      const clipboard = navigator.clipboard;
      if (!clipboard) return;
      pastes++;
      pasteChain = pasteChain
        .then(() => clipboard.readText())
        .then((text) => {
          if (disposed) return;
          pasting = true; // xterm.js hands the pasted text (with its bracketed-paste markers) to onData at once
          try {
            term.paste(text);
          } finally {
            pasting = false;
          }
        })
        .catch(() => undefined) // a clipboard the page may not read pastes nothing
        .finally(() => {
          if (--pastes > 0) return;
          const keys = heldKeys;
          heldKeys = [];
          keys.forEach(send);
        });
    };
    pasteRef.current = pasteClipboard;
    // Output reaches xterm.js at once while it trickles, joined into fewer, larger writes while it floods.
    const pacer = new OutputPacer((data, parsed) => term.write(data, parsed));
    let unsubscribe: () => void = () => undefined;
    // The scrollback, then the output from where it ends; after a reconnect the topic may replay chunks
    // already shown (same seq): they are skipped, and acknowledged all the same.
    invoke(api, 'terminals.attach', { term: termId }).then(
      ({ scrollback, seq }) => {
        if (disposed) return;
        let shown = seq;
        if (scrollback) term.write(scrollback);
        api.send('terminals.resize', { term: termId, cols: term.cols, rows: term.rows });
        unsubscribe = api.subscribe(
          'terminal',
          { term: termId, after: seq },
          (out) => {
            if (out.kind === 'exit') {
              pacer.flush(); // what the process wrote last shows before the note
              note(`process exited with code ${out.code}`);
              exitRef.current(out.code);
              return;
            }
            const n = typeof out.data === 'string' ? utf8Length(out.data) : out.data.length;
            if (out.seq <= shown) return ack(n);
            shown = out.seq;
            // Acknowledge once xterm has processed the chunk: that is what bounds memory on both sides.
            pacer.push(out.data, n, () => ack(n));
          },
          (error) => {
            pacer.flush();
            if (error) note(error.message);
          },
        );
      },
      (e: unknown) => {
        if (!disposed) note(e instanceof Error ? e.message : String(e));
      },
    );
    const typed = term.onData(input);
    const resize = term.onResize(({ cols, rows }) =>
      api.send('terminals.resize', { term: termId, cols, rows }),
    );
    term.attachCustomKeyEventHandler((e) => {
      if (e.type !== 'keydown') return true;
      if (e.ctrlKey && e.shiftKey && e.code === 'KeyC') {
        e.preventDefault();
        void navigator.clipboard?.writeText(term.getSelection());
        return false;
      }
      if (e.ctrlKey && e.shiftKey && e.code === 'KeyV') {
        // Through xterm's paste, not as typed keys: it wraps the text in bracketed-paste markers when the
        // program asked for them (shells then do not run a pasted line on its newline) and normalises newlines.
        // Chromium also pastes natively on Ctrl+Shift+V ("as plain text"), which xterm would paste a second
        // time, late: the default is prevented.
        e.preventDefault();
        pasteClipboard();
        return false;
      }
      if (e.ctrlKey && e.shiftKey && e.code === 'KeyF') {
        setSearchOpen(true);
        return false;
      }
      return true;
    });
    const ro = new ResizeObserver(() => fit.fit());
    ro.observe(host.current);
    term.focus();
    return () => {
      pasteRef.current = undefined;
      disposed = true;
      ro.disconnect();
      unsubscribe();
      pacer.dispose();
      typed.dispose();
      resize.dispose();
      term.dispose();
    };
  }, [api, termId]);
  return (
    <div className="terminal-wrap">
      {searchOpen ? (
        <input
          className="term-search"
          aria-label="Search terminal"
          autoFocus
          onKeyDown={(e) => {
            if (e.key === 'Enter') searchRef.current?.findNext((e.target as HTMLInputElement).value);
            if (e.key === 'Escape') setSearchOpen(false);
          }}
        />
      ) : null}
      <div
        ref={host}
        className="terminal"
        role="region"
        aria-label="Terminal"
        data-term={termId}
        onContextMenu={(e) => {
          e.preventDefault();
          const sel = window.getSelection()?.toString();
          if (sel) void navigator.clipboard?.writeText(sel);
          else pasteRef.current?.();
        }}
      />
    </div>
  );
}

export function TerminalTab({ container }: { container: ContainerDetail }) {
  const api = useStore((s) => s.api);
  const [sessions, setSessions] = useState<TerminalInfo[]>([]);
  const [active, setActive] = useState<string>();
  const [exited, setExited] = useState<Record<string, number>>({});
  const [user, setUser] = useState('');
  const running = container.state === 'running';
  // What each session was opened with and in which run of the container (its start time), so one that ended
  // because the container stopped is opened again once the container has really started again — not on a
  // stale "running" that arrives before the stop's event.
  const specs = useRef(new Map<string, { spec: Partial<TerminalSpec>; run: string | undefined }>());
  const [waiting, setWaiting] = useState<string[]>([]);

  useEffect(() => {
    if (!api) return;
    const mine = saved()[container.id] ?? [];
    invoke(api, 'terminals.list', {}).then(
      (all) => {
        const live = all.filter((t) => mine.includes(t.id));
        setSessions(live);
        setActive((a) => a ?? live[0]?.id);
      },
      (e: unknown) => useStore.getState().error(e),
    );
  }, [api, container.id]);

  const open = async (spec: Partial<TerminalSpec> = {}) => {
    if (!api) return;
    try {
      const full: Partial<TerminalSpec> = {
        kind: 'exec',
        ...(spec.kind === 'unshare' ? {} : { container: container.id }),
        ...(user && spec.kind !== 'unshare' ? { user } : {}),
        ...spec,
      };
      const info = await invoke(api, 'terminals.open', {
        kind: 'exec',
        cols: 100,
        rows: 30,
        ...full,
      });
      specs.current.set(info.id, { spec: full, run: container.startedAt });
      setSessions((prev) => {
        const next = [...prev, info];
        remember(
          container.id,
          next.map((s) => s.id),
        );
        return next;
      });
      setActive(info.id);
    } catch (e) {
      useStore.getState().error(e);
    }
  };

  const close = (id: string) => {
    if (api) void invoke(api, 'terminals.close', { term: id }).catch(() => undefined);
    setSessions((prev) => {
      const next = prev.filter((s) => s.id !== id);
      remember(
        container.id,
        next.map((s) => s.id),
      );
      setActive(next[next.length - 1]?.id);
      return next;
    });
  };

  // A session that ended with its container comes back when the container runs again.
  useEffect(() => {
    if (!running || waiting.length === 0) return;
    const again = waiting.filter((id) => specs.current.get(id)?.run !== container.startedAt);
    if (again.length === 0) return;
    setWaiting((w) => w.filter((id) => !again.includes(id)));
    for (const id of again) {
      const spec = specs.current.get(id)?.spec ?? {};
      close(id);
      void open(spec);
    }
    // open/close are this render's; `waiting` and the container's run are what decide.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [running, container.startedAt, waiting]);
  const onExit = (id: string, code: number) => {
    setExited((m) => (m[id] === code ? m : { ...m, [id]: code }));
    const kind = specs.current.get(id)?.spec.kind ?? sessions.find((s) => s.id === id)?.kind;
    if (!api || (kind !== 'exec' && kind !== 'attach')) return;
    // The session may end a moment before the engine's event about the container arrives: ask.
    invoke(api, 'containers.inspect', { id: container.id }).then(
      (d) => d.state !== 'running' && setWaiting((w) => (w.includes(id) ? w : [...w, id])),
      () => undefined,
    );
  };
  const binds = container.mounts.filter((m) => m.type === 'bind');
  return (
    <div className="terminals">
      <div className="toolbar" role="toolbar" aria-label="Terminal sessions">
        <div role="tablist" aria-label="Sessions" className="tabs small">
          {sessions.map((s, i) => (
            <span key={s.id} className="session-tab">
              <button role="tab" aria-selected={s.id === active} onClick={() => setActive(s.id)}>
                {s.kind} {i + 1}
                {exited[s.id] !== undefined ? ` (exit ${exited[s.id]})` : ''}
              </button>
              <button className="icon" aria-label={`Close session ${i + 1}`} onClick={() => close(s.id)}>
                ×
              </button>
            </span>
          ))}
        </div>
        <input
          aria-label="Exec as user"
          placeholder="user (optional)"
          value={user}
          onChange={(e) => setUser(e.target.value)}
          size={12}
        />
        <button className="primary" disabled={!running} onClick={() => void open()}>
          Open shell
        </button>
        <button
          disabled={!running || !container.tty}
          title={container.tty ? '' : 'The container was not created with a TTY'}
          onClick={() => void open({ kind: 'attach' })}
        >
          Attach
        </button>
      </div>
      {binds.length ? (
        <div className="toolbar" role="group" aria-label="Unshare shells">
          <span className="muted">See a bind mount’s files as a container sees them (podman unshare):</span>
          {binds.map((m) =>
            m.type === 'bind' ? (
              <button
                key={m.target}
                title={`A shell in ${m.source} inside your user namespace: your files show as root's, subordinate ids as the container's users`}
                onClick={() => void open({ kind: 'unshare', workdir: m.source })}
              >
                Unshare shell in {m.source}
              </button>
            ) : null,
          )}
        </div>
      ) : null}
      {!running && sessions.length === 0 ? (
        <p className="muted">Start the container to open a shell in it.</p>
      ) : null}
      {active ? (
        <>
          <TerminalView key={active} termId={active} onExit={(code) => onExit(active, code)} />
          {waiting.includes(active) ? (
            <div className="note" role="status">
              The container stopped. This terminal opens again by itself when the container starts.
            </div>
          ) : exited[active] !== undefined ? (
            <div className="note" role="status">
              The session ended with exit code {exited[active]}.{' '}
              <button
                onClick={() => {
                  close(active);
                  void open();
                }}
                disabled={!running}
              >
                Reconnect
              </button>
            </div>
          ) : null}
        </>
      ) : sessions.length === 0 && running ? (
        <p className="muted">Open a shell: Burrow runs bash if the image has it, else sh.</p>
      ) : null}
    </div>
  );
}
