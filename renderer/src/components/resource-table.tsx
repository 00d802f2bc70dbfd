// One table for every resource list (networks, volumes, pods, images): loading, error, empty and rows, with
// per-row actions. Views declare columns; the table owns the states every list has.
import type { ReactNode } from 'react';
import { Empty, ErrorNote, Skeleton } from './ui.js';

export interface Column<T> {
  header: string;
  cell(row: T): ReactNode;
  className?: string;
}

export function ResourceTable<T>({
  label,
  rows,
  error,
  rowKey,
  columns,
  actions,
  empty,
}: {
  /** Accessible name of the table ("Networks"). */
  label: string;
  /** undefined while loading. */
  rows: T[] | undefined;
  error?: unknown;
  rowKey(row: T): string;
  columns: Column<T>[];
  actions?(row: T): ReactNode;
  /** Shown instead of the table when there are no rows: a title, or a whole Empty with its call to action. */
  empty: string | ReactNode;
}) {
  if (error && !rows) return <ErrorNote error={error} />;
  if (!rows) return <Skeleton />;
  if (rows.length === 0) return typeof empty === 'string' ? <Empty title={empty} /> : <>{empty}</>;
  return (
    <table className="list" aria-label={label}>
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c.header}>{c.header}</th>
          ))}
          {actions ? <th>Actions</th> : null}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={rowKey(r)}>
            {columns.map((c) => (
              <td key={c.header} className={c.className}>
                {c.cell(r)}
              </td>
            ))}
            {actions ? <td className="actions">{actions(r)}</td> : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The heading row of a view: its title, then its actions on the right. */
export function ViewHeader({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="toolbar">
      <h1>{title}</h1>
      <span className="spacer" />
      {children}
    </div>
  );
}
