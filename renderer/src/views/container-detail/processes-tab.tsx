// The container's processes (`podman top`), read again every two seconds while the tab is open.
import { ErrorNote } from '../../components/ui.js';
import { useChannel } from '../../data/queries.js';

export function ProcessesTab({ id, running }: { id: string; running: boolean }) {
  const { data, error, dataUpdatedAt } = useChannel(
    'containers.top',
    { id },
    { enabled: running, refetchInterval: running ? 2000 : false },
  );
  if (!running) return <p className="muted">Processes are listed while the container runs.</p>;
  if (error && !data) return <ErrorNote error={error} />;
  if (!data) return <p aria-busy="true">Loading…</p>;
  return (
    <div>
      <p className="muted" aria-live="polite">
        {data.processes.length} process{data.processes.length === 1 ? '' : 'es'} · updated{' '}
        {new Date(dataUpdatedAt).toLocaleTimeString()} (every 2 s)
      </p>
      <table className="list" aria-label="Processes">
        <thead>
          <tr>
            {data.titles.map((t) => (
              <th key={t}>{t}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data.processes.map((p, i) => (
            <tr key={`${p.join('\u0000')}-${i}`}>
              {p.map((cell, j) => (
                <td key={j}>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
