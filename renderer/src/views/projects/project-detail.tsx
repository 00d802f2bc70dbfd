// One compose project: its services (from the live container list), the project's actions, `compose down`
// through the tool that made it (or through the engine when its file is gone), and the logs of every service,
// interleaved by time and labelled.
import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { composeProjects, type ProjectLogLine } from '../../../../core/model/compose.js';
import type { BurrowErrorData } from '../../../../electron/contract/index.js';
import { JobOutput } from '../../components/job-output.js';
import { ErrorNote, StateBadge, useConfirm } from '../../components/ui.js';
import { useLineJob } from '../../data/jobs.js';
import { runChannel } from '../../data/queries.js';
import { href } from '../../router.js';
import { useStore } from '../../store/store.js';

const MAX_LINES = 5000;

function ProjectLogs({ name }: { name: string }) {
  const api = useStore((s) => s.api);
  const [follow, setFollow] = useState(true);
  const [lines, setLines] = useState<ProjectLogLine[]>([]);
  const [error, setError] = useState<BurrowErrorData>();
  useEffect(() => {
    if (!api) return;
    setLines([]);
    setError(undefined);
    return api.subscribe(
      'compose.logs',
      { project: name, tail: 200, follow },
      (l) => setLines((prev) => [...prev, l].slice(-MAX_LINES)),
      (e) => e && setError(e),
    );
  }, [api, name, follow]);
  return (
    <div className="logs">
      <div className="toolbar">
        <label>
          <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} /> Follow
        </label>
        <span className="muted">{lines.length} lines, every service, by time</span>
      </div>
      {error ? <ErrorNote error={error} /> : null}
      <div className="log-view" role="log" aria-label="Project logs">
        {lines.map((l, i) => (
          <div key={i} className={l.stream === 'stderr' ? 'stderr' : ''} data-service={l.service}>
            <span className="source">{l.service} | </span>
            {l.text}
          </div>
        ))}
      </div>
    </div>
  );
}

export function ProjectDetailView({ name, tab }: { name: string; tab?: string }) {
  const project = useStore(
    useShallow((s) => {
      const p = composeProjects(Object.values(s.containers)).find((x) => x.name === name);
      // Strings keep the selector shallow-equal while nothing about the project changed.
      return p
        ? [
            p.workingDir ?? '',
            ...p.services.map((x) => `${x.service}\t${x.containerId}\t${x.containerName}\t${x.state}`),
          ]
        : [];
    }),
  );
  const [confirm, confirmDialog] = useConfirm();
  const down = useLineJob('compose.down');
  const services = project.slice(1).map((r) => {
    const [service = '', id = '', container = '', state = 'unknown'] = r.split('\t');
    return { service, id, container, state: state as Parameters<typeof StateBadge>[0]['state'] };
  });
  const act = (channel: 'compose.start' | 'compose.stop' | 'compose.restart', done: string) =>
    void runChannel(channel, { project: name }, { done: `${done} ${name}` });
  const current = tab === 'logs' ? 'logs' : 'services';
  return (
    <section className="view" aria-label={`Project ${name}`}>
      <div className="toolbar">
        <a href={href({ view: 'projects' })} aria-label="Back to projects">
          ←
        </a>
        <h1>{name}</h1>
        <span className="muted">
          compose · {services.filter((s) => s.state === 'running').length} of {services.length} running
        </span>
        <span className="spacer" />
        <button onClick={() => act('compose.start', 'Started')}>Start</button>
        <button onClick={() => act('compose.stop', 'Stopped')}>Stop</button>
        <button onClick={() => act('compose.restart', 'Restarted')}>Restart</button>
        <button
          className="danger"
          disabled={down.state.running || services.length === 0}
          onClick={() =>
            confirm({
              title: 'Compose down',
              message: `Bring ${name} down: its containers and networks are removed (volumes stay).`,
              confirmLabel: 'Down',
              onConfirm: () => down.start({ project: name }),
            })
          }
        >
          Down
        </button>
      </div>
      {project[0] ? <p className="muted">From {project[0]}</p> : null}
      <JobOutput state={down.state} label="Compose down output" height={160} />
      <div role="tablist" aria-label="Project views" className="tabs">
        <a role="tab" aria-selected={current === 'services'} href={href({ view: 'project', name })}>
          Services
        </a>
        <a role="tab" aria-selected={current === 'logs'} href={href({ view: 'project', name, tab: 'logs' })}>
          Logs
        </a>
      </div>
      <div role="tabpanel" className="tabpanel" aria-label={current === 'logs' ? 'Logs' : 'Services'}>
        {current === 'logs' ? (
          <ProjectLogs name={name} />
        ) : services.length === 0 ? (
          <p>No containers of {name} on this engine.</p>
        ) : (
          <table className="list" aria-label="Services">
            <thead>
              <tr>
                <th>Service</th>
                <th>Container</th>
                <th>State</th>
              </tr>
            </thead>
            <tbody>
              {services.map((s) => (
                <tr key={s.id}>
                  <td>{s.service}</td>
                  <td>
                    <a href={href({ view: 'container', id: s.id, tab: 'summary' })}>{s.container}</a>
                  </td>
                  <td>
                    <StateBadge state={s.state} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      {confirmDialog}
    </section>
  );
}
