// One row of the containers list. It subscribes to its own container (and its stats), so an engine event about
// one container re-renders one row, whatever the size of the list.
import { memo } from 'react';
import type { PortMapping } from '../../../../core/model/types.js';
import { HealthBadge, StateBadge, UsernsBadge, bytes } from '../../components/ui.js';
import { href, navigate } from '../../router.js';
import { uptime } from '../../store/reducers.js';
import { useStore } from '../../store/store.js';

export const ROW_HEIGHT = 40;

function portLink(p: PortMapping): { label: string; url?: string } {
  const host = p.hostIp && p.hostIp !== '0.0.0.0' ? p.hostIp : '127.0.0.1';
  const label = `${p.hostPort ?? '?'}→${p.containerPort}/${p.protocol}`;
  return p.hostPort && p.protocol === 'tcp'
    ? { label, url: `http://${host.includes(':') ? `[${host}]` : host}:${p.hostPort}/` }
    : { label };
}

export const Row = memo(function Row({
  id,
  index,
  selected,
  onToggle,
  focused,
}: {
  id: string;
  index: number;
  selected: boolean;
  onToggle(id: string): void;
  focused: boolean;
}) {
  const c = useStore((s) => s.containers[id]);
  const stat = useStore((s) => s.stats[id]);
  if (!c) return null;
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      className={`row${focused ? ' focused' : ''}`}
      data-id={id}
      data-name={c.name}
      tabIndex={focused ? 0 : -1}
      onDoubleClick={() => navigate({ view: 'container', id, tab: 'summary' })}
    >
      <div role="gridcell" className="col-check">
        <input
          type="checkbox"
          aria-label={`select ${c.name}`}
          checked={selected}
          onChange={() => onToggle(id)}
        />
      </div>
      <div role="gridcell" className="col-name">
        <a href={href({ view: 'container', id, tab: 'summary' })}>{c.name}</a>
      </div>
      <div role="gridcell" className="col-image" title={c.image}>
        {c.image}
      </div>
      <div role="gridcell" className="col-state">
        <StateBadge state={c.state} /> <HealthBadge health={c.health} />{' '}
        <span className="muted">
          {c.state === 'running'
            ? uptime(c.startedAt, Date.now())
            : c.exitCode !== undefined
              ? `exit ${c.exitCode}`
              : ''}
        </span>
      </div>
      <div role="gridcell" className="col-ports">
        {c.ports.map((p, i) => {
          const l = portLink(p);
          return l.url ? (
            <a key={i} href={l.url} target="_blank" rel="noreferrer" className="port">
              {l.label}
            </a>
          ) : (
            <span key={i} className="port">
              {l.label}
            </span>
          );
        })}
      </div>
      <div role="gridcell" className="col-userns">
        <UsernsBadge mode={c.userns} />
      </div>
      <div role="gridcell" className="col-usage">
        {stat ? `${stat.cpuPercent.toFixed(1)}% · ${bytes(stat.memUsage)}` : '—'}
      </div>
    </div>
  );
});
