// The secure one-shot runner: an image and a command under the hardened preset, output streamed, the exit
// code reported, the container removed afterwards.
import { useState } from 'react';
import type { OneShotEvent } from '../../../core/model/insight.js';
import { parseCommandLine } from '../../../core/model/command-line.js';
import { Dialog } from '../components/ui.js';
import { useStore } from '../store/store.js';

export function OneShotDialog({ image, onClose }: { image: string; onClose(): void }) {
  const api = useStore((s) => s.api);
  const [command, setCommand] = useState('id');
  const [capAdd, setCapAdd] = useState('');
  const [lines, setLines] = useState<{ stream: string; text: string }[]>([]);
  const [exit, setExit] = useState<number>();
  const [running, setRunning] = useState(false);
  const run = () => {
    if (!api) return;
    const cmd = parseCommandLine(command);
    if (!cmd.ok) return useStore.getState().toast('error', cmd.message, cmd.hint);
    setLines([]);
    setExit(undefined);
    setRunning(true);
    api.subscribe(
      'oneShot',
      {
        image,
        command: cmd.words,
        ...(capAdd.trim() ? { capAdd: capAdd.split(/[,\s]+/).filter(Boolean) } : {}),
      },
      (e: OneShotEvent) => {
        if (e.kind === 'output') setLines((l) => [...l, { stream: e.stream, text: e.text }]);
        else if (e.kind === 'exit') setExit(e.code);
      },
      (err) => {
        setRunning(false);
        if (err) useStore.getState().toast('error', err.message, err.hint);
      },
    );
  };
  return (
    <Dialog
      title={`Run ${image} hardened`}
      onClose={onClose}
      footer={
        <button className="primary" disabled={running} onClick={run}>
          {running ? 'Running…' : 'Run'}
        </button>
      }
    >
      <p className="muted">
        No capabilities (unless added), no new privileges, read-only root with a tmpfs /tmp, 256 MiB and 128
        processes at most, no network; removed when it exits.
      </p>
      <label htmlFor="os-cmd">Command</label>
      <input id="os-cmd" value={command} onChange={(e) => setCommand(e.target.value)} />
      <label htmlFor="os-caps">Add capabilities (optional)</label>
      <input
        id="os-caps"
        value={capAdd}
        placeholder="NET_BIND_SERVICE"
        onChange={(e) => setCapAdd(e.target.value)}
      />
      <div className="log-view" role="log" aria-label="One-shot output" style={{ height: 220 }}>
        {lines.map((l, i) => (
          <div key={i} className={l.stream === 'stderr' ? 'stderr' : ''}>
            {l.text}
          </div>
        ))}
      </div>
      {exit !== undefined ? <p role="status">Exited with code {exit}; the container was removed.</p> : null}
    </Dialog>
  );
}
