// The containers list: virtualised (thousands of rows), filtered by text and state, multi-select with bulk
// actions. Each row subscribes to its own container, so one container's change re-renders one row.
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { PortMapping } from '../../../core/model/types.js';
import { invoke } from '../api/types.js';
import { Confirm, Empty, Skeleton, StateBadge, UsernsBadge, bytes } from '../components/ui.js';
import { href, navigate } from '../router.js';
import { matchesFilter, uptime } from '../store/reducers.js';
import { startStatsPolling, useStore } from '../store/store.js';

const ROW_HEIGHT = 40;

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
        <StateBadge state={c.state} />{' '}
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

export function ContainersView() {
  const loaded = useStore((s) => s.loaded);
  const statsUnsupported = useStore((s) => s.statsUnsupported);
  const [text, setText] = useState('');
  const [state, setState] = useState('all');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [focus, setFocus] = useState(0);
  const [confirm, setConfirm] = useState(false);
  const ids = useStore(
    useShallow((s) =>
      Object.values(s.containers)
        .filter((c) => matchesFilter(c, text, state))
        .sort((a, b) =>
          (a.state === 'running') === (b.state === 'running')
            ? a.name.localeCompare(b.name)
            : a.state === 'running'
              ? -1
              : 1,
        )
        .map((c) => c.id),
    ),
  );
  const total = useStore((s) => Object.keys(s.containers).length);
  const parent = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: ids.length,
    getScrollElement: () => parent.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  useEffect(() => startStatsPolling(), []);

  const toggle = useCallback((id: string) => {
    setSelected((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }, []);

  const bulk = async (action: 'start' | 'stop' | 'remove') => {
    const api = useStore.getState().api;
    if (!api) return;
    const list = [...selected];
    const results = await Promise.allSettled(
      list.map((id) =>
        action === 'remove'
          ? invoke(api, 'containers.remove', { id, force: true })
          : invoke(api, action === 'start' ? 'containers.start' : 'containers.stop', { id }),
      ),
    );
    const failed = results.filter((r) => r.status === 'rejected');
    if (failed.length) useStore.getState().error((failed[0] as PromiseRejectedResult).reason);
    else
      useStore
        .getState()
        .toast(
          'success',
          `${action === 'remove' ? 'Removed' : action === 'start' ? 'Started' : 'Stopped'} ${list.length} container${list.length === 1 ? '' : 's'}`,
        );
    if (action === 'remove') setSelected(new Set());
  };

  const onKey = (e: React.KeyboardEvent) => {
    if (e.target instanceof HTMLInputElement && e.target.type !== 'checkbox') return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const next = Math.max(0, Math.min(ids.length - 1, focus + (e.key === 'ArrowDown' ? 1 : -1)));
      setFocus(next);
      virtualizer.scrollToIndex(next);
      requestAnimationFrame(() =>
        parent.current?.querySelector<HTMLElement>(`[aria-rowindex="${next + 2}"]`)?.focus(),
      );
    } else if (e.key === 'Enter' && ids[focus])
      navigate({ view: 'container', id: ids[focus] as string, tab: 'summary' });
    else if (e.key === ' ' && ids[focus]) {
      e.preventDefault();
      toggle(ids[focus] as string);
    }
  };

  return (
    <section className="view" aria-label="Containers">
      <div className="toolbar">
        <h1>Containers</h1>
        <input
          id="filter"
          type="search"
          placeholder="Filter by name, image or id  ( / )"
          aria-label="Filter containers"
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <select aria-label="State filter" value={state} onChange={(e) => setState(e.target.value)}>
          <option value="all">All states</option>
          <option value="running">Running</option>
          <option value="stopped">Stopped</option>
          <option value="paused">Paused</option>
        </select>
        <span className="muted" aria-live="polite">
          {ids.length} of {total}
        </span>
        <span className="spacer" />
        {selected.size > 0 ? (
          <div role="group" aria-label="Bulk actions" className="bulk">
            <span>{selected.size} selected</span>
            <button onClick={() => void bulk('start')}>Start</button>
            <button onClick={() => void bulk('stop')}>Stop</button>
            <button className="danger" onClick={() => setConfirm(true)}>
              Remove
            </button>
          </div>
        ) : null}
        <button className="primary" onClick={() => navigate({ view: 'create' })}>
          Create container
        </button>
      </div>
      {statsUnsupported ? (
        <p className="note" role="note">
          CPU and memory: {statsUnsupported}
        </p>
      ) : null}
      {!loaded ? (
        <Skeleton />
      ) : total === 0 ? (
        <Empty title="No containers yet">
          <p>Create one from an image, with the user namespace, limits and security you choose.</p>
          <button className="primary" onClick={() => navigate({ view: 'create' })}>
            Create container
          </button>
        </Empty>
      ) : (
        <div
          role="grid"
          aria-label="Containers"
          aria-rowcount={ids.length + 1}
          className="table"
          onKeyDown={onKey}
        >
          <div role="row" className="row header" aria-rowindex={1}>
            <div role="columnheader" className="col-check">
              <input
                type="checkbox"
                aria-label="select all"
                checked={ids.length > 0 && ids.every((id) => selected.has(id))}
                onChange={(e) => setSelected(e.target.checked ? new Set(ids) : new Set())}
              />
            </div>
            <div role="columnheader" className="col-name">
              Name
            </div>
            <div role="columnheader" className="col-image">
              Image
            </div>
            <div role="columnheader" className="col-state">
              State
            </div>
            <div role="columnheader" className="col-ports">
              Ports
            </div>
            <div role="columnheader" className="col-userns">
              User ns
            </div>
            <div role="columnheader" className="col-usage">
              CPU · Memory
            </div>
          </div>
          <div ref={parent} className="table-body" data-testid="containers-scroll">
            <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
              {virtualizer.getVirtualItems().map((v) => (
                <div
                  key={ids[v.index]}
                  style={{
                    position: 'absolute',
                    top: 0,
                    left: 0,
                    right: 0,
                    height: ROW_HEIGHT,
                    transform: `translateY(${v.start}px)`,
                  }}
                >
                  <Row
                    id={ids[v.index] as string}
                    index={v.index}
                    selected={selected.has(ids[v.index] as string)}
                    onToggle={toggle}
                    focused={v.index === focus}
                  />
                </div>
              ))}
            </div>
          </div>
        </div>
      )}
      {confirm ? (
        <Confirm
          title="Remove containers"
          message={`Remove ${selected.size} container${selected.size === 1 ? '' : 's'}? Running ones are stopped first. Their data outside volumes is lost.`}
          confirmLabel="Remove"
          onCancel={() => setConfirm(false)}
          onConfirm={() => {
            setConfirm(false);
            void bulk('remove');
          }}
        />
      ) : null}
    </section>
  );
}
