// Container detail: a header with the container's actions, and one tab per concern (each in its own file).
// The container is read once through a query keyed by its id; engine events about it mark that query stale.
import { lazy, Suspense, useEffect } from 'react';
import { ErrorNote, HealthBadge, StateBadge, UsernsBadge } from '../../components/ui.js';
import { useChannel } from '../../data/queries.js';
import { href } from '../../router.js';
import { ContainerActions } from './actions.js';
import { FilesTab } from './files-tab.js';
import { HealthTab } from './health-tab.js';
import { ProcessesTab } from './processes-tab.js';
import { InspectTab } from './inspect-tab.js';
import { LogsTab } from './logs-tab.js';
import { MappingTab } from './mapping-tab.js';
import { NotifyMark } from './notify-mark.js';
import { QuadletTab } from './quadlet-tab.js';
import { StatsTab } from './stats-tab.js';
import { SummaryTab } from './summary-tab.js';
// xterm.js is a third of the bundle: loaded when a terminal is first opened, not before the list paints.
const TerminalTab = lazy(() => import('./terminal-tab.js').then((m) => ({ default: m.TerminalTab })));

const TABS = {
  summary: 'Summary',
  logs: 'Logs',
  terminal: 'Terminal',
  stats: 'Stats',
  processes: 'Processes',
  files: 'Files',
  health: 'Health',
  inspect: 'Inspect',
  mapping: 'User namespace',
  quadlet: 'Quadlet',
} as const;
type Tab = keyof typeof TABS;

export function ContainerDetailView({ id, tab }: { id: string; tab: string }) {
  const { data: detail, error } = useChannel('containers.inspect', { id });
  // Opened by name or short id: continue at the full id, which engine events name.
  useEffect(() => {
    if (detail && detail.id !== id) window.location.replace(href({ view: 'container', id: detail.id, tab }));
  }, [detail, id, tab]);
  if (error && !detail) {
    return (
      <section className="view">
        <ErrorNote error={error} />
        <a href={href({ view: 'containers' })}>Back to containers</a>
      </section>
    );
  }
  if (!detail)
    return (
      <section className="view" aria-busy="true">
        Loading…
      </section>
    );
  const running = detail.state === 'running';
  const current: Tab = tab in TABS ? (tab as Tab) : 'summary';
  return (
    <section className="view" aria-label={`Container ${detail.name}`}>
      <div className="toolbar">
        <a href={href({ view: 'containers' })} aria-label="Back to containers">
          ←
        </a>
        <h1>{detail.name}</h1>
        <StateBadge state={detail.state} />
        <UsernsBadge mode={detail.userns} />
        <HealthBadge health={detail.health} />
        <span className="muted">{detail.status}</span>
        {detail.oomKilled && (
          <span
            className="badge oom"
            role="status"
            title={`The kernel killed it for exceeding its memory limit${
              detail.enforcedLimits.memory
                ? ` (${Math.round(detail.enforcedLimits.memory / 1048576)} MiB)`
                : ''
            }.`}
          >
            OOM-killed
          </span>
        )}
        <span className="spacer" />
        <NotifyMark name={detail.name} />
        <ContainerActions d={detail} />
      </div>
      <div role="tablist" aria-label="Container views" className="tabs">
        {(Object.keys(TABS) as Tab[]).map((t) => (
          <a key={t} role="tab" aria-selected={tab === t} href={href({ view: 'container', id, tab: t })}>
            {TABS[t]}
          </a>
        ))}
      </div>
      <div role="tabpanel" aria-label={TABS[current]} className="tabpanel">
        {current === 'logs' ? (
          <LogsTab id={id} />
        ) : current === 'terminal' ? (
          <Suspense fallback={<p aria-busy="true">Loading the terminal…</p>}>
            <TerminalTab container={detail} />
          </Suspense>
        ) : current === 'stats' ? (
          <StatsTab id={id} running={running} />
        ) : current === 'processes' ? (
          <ProcessesTab id={id} running={running} />
        ) : current === 'files' ? (
          <FilesTab detail={detail} />
        ) : current === 'health' ? (
          <HealthTab detail={detail} />
        ) : current === 'inspect' ? (
          <InspectTab raw={detail.raw} />
        ) : current === 'mapping' ? (
          <MappingTab detail={detail} />
        ) : current === 'quadlet' ? (
          <QuadletTab id={id} />
        ) : (
          <SummaryTab d={detail} />
        )}
      </div>
    </section>
  );
}
