// The virtualised containers grid: a header row, then only the rows in view (thousands of containers render
// as a few dozen rows). Arrow keys move the focused row, Enter opens it, Space selects it.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, useState, type KeyboardEvent } from 'react';
import { containerIds, parseRowKey, type ListRowKey } from '../../../../core/model/compose.js';
import { navigate } from '../../router.js';
import { ProjectRow } from './project-row.js';
import { ROW_HEIGHT, Row } from './row.js';

const COLUMNS = [
  ['col-name', 'Name'],
  ['col-image', 'Image'],
  ['col-state', 'State'],
  ['col-ports', 'Ports'],
  ['col-userns', 'User ns'],
  ['col-usage', 'CPU · Memory'],
] as const;

export function ContainerGrid({
  rows,
  collapsed,
  onFold,
  selected,
  onToggle,
  onSelectAll,
}: {
  /** Containers (`c:<id>`) and compose project headers (`p:<name>`), in order. */
  rows: ListRowKey[];
  collapsed: ReadonlySet<string>;
  onFold(project: string): void;
  selected: ReadonlySet<string>;
  onToggle(id: string): void;
  onSelectAll(all: boolean): void;
}) {
  const [focus, setFocus] = useState(0);
  const parent = useRef<HTMLDivElement>(null);
  const ids = containerIds(rows);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => parent.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const onKey = (e: KeyboardEvent) => {
    if (e.target instanceof HTMLInputElement && e.target.type !== 'checkbox') return;
    const row = rows[focus] ? parseRowKey(rows[focus]) : undefined;
    const id = row?.kind === 'container' ? row.value : undefined;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const next = Math.max(0, Math.min(rows.length - 1, focus + (e.key === 'ArrowDown' ? 1 : -1)));
      setFocus(next);
      virtualizer.scrollToIndex(next);
      requestAnimationFrame(() =>
        parent.current?.querySelector<HTMLElement>(`[aria-rowindex="${next + 2}"]`)?.focus(),
      );
    } else if (e.key === 'Enter' && row?.kind === 'project') navigate({ view: 'project', name: row.value });
    else if (e.key === 'Enter' && id) navigate({ view: 'container', id, tab: 'summary' });
    else if (e.key === ' ' && id) {
      e.preventDefault();
      onToggle(id);
    }
  };
  return (
    <div
      role="grid"
      aria-label="Containers"
      aria-rowcount={rows.length + 1}
      className="table"
      onKeyDown={onKey}
    >
      <div role="row" className="row header" aria-rowindex={1}>
        <div role="columnheader" className="col-check">
          <input
            type="checkbox"
            aria-label="select all"
            checked={ids.length > 0 && ids.every((id) => selected.has(id))}
            onChange={(e) => onSelectAll(e.target.checked)}
          />
        </div>
        {COLUMNS.map(([cls, label]) => (
          <div key={cls} role="columnheader" className={cls}>
            {label}
          </div>
        ))}
      </div>
      <div ref={parent} className="table-body" data-testid="containers-scroll">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((v) => {
            const key = rows[v.index] as ListRowKey;
            const row = parseRowKey(key);
            return (
              <div
                key={key}
                className={row.member ? 'in-project' : undefined}
                style={{
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  right: 0,
                  height: ROW_HEIGHT,
                  transform: `translateY(${v.start}px)`,
                }}
              >
                {row.kind === 'project' ? (
                  <ProjectRow
                    name={row.value}
                    index={v.index}
                    collapsed={collapsed.has(row.value)}
                    onFold={onFold}
                    focused={v.index === focus}
                  />
                ) : (
                  <Row
                    id={row.value}
                    index={v.index}
                    selected={selected.has(row.value)}
                    onToggle={onToggle}
                    focused={v.index === focus}
                  />
                )}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
