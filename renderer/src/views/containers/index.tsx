// The containers list: filtered by text and state, virtualised, multi-select with bulk actions.
import { useCallback, useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Empty, Skeleton } from '../../components/ui.js';
import { navigate } from '../../router.js';
import { matchesFilter } from '../../store/reducers.js';
import { startStatsPolling, useStore } from '../../store/store.js';
import { BulkActions } from './bulk-actions.js';
import { PruneDialog } from '../../components/prune-dialog.js';
import { ContainerGrid } from './container-grid.js';

export function ContainersView() {
  const loaded = useStore((s) => s.loaded);
  const statsUnsupported = useStore((s) => s.statsUnsupported);
  const [text, setText] = useState('');
  const [state, setState] = useState('all');
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  // The store keeps the order as events arrive; here it is only filtered (not sorted again on every change).
  const [pruning, setPruning] = useState(false);
  const ids = useStore(
    useShallow((s) =>
      text === '' && state === 'all'
        ? s.order
        : s.order.filter((id) => {
            const c = s.containers[id];
            return c !== undefined && matchesFilter(c, text, state);
          }),
    ),
  );
  const total = useStore((s) => s.order.length);
  useEffect(() => startStatsPolling(), []);
  const toggle = useCallback((id: string) => {
    setSelected((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }, []);
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
        <BulkActions selected={selected} onRemoved={() => setSelected(new Set())} />
        <button onClick={() => setPruning(true)}>Remove stopped…</button>
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
        <ContainerGrid
          ids={ids}
          selected={selected}
          onToggle={toggle}
          onSelectAll={(all) => setSelected(all ? new Set(ids) : new Set())}
        />
      )}
      {pruning ? <PruneDialog scope="containers" onClose={() => setPruning(false)} /> : null}
    </section>
  );
}
