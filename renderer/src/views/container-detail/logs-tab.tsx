// Logs: follow, tail, timestamps, search and save. Rows are virtualised (a long log renders only what is in
// view), and a stream that fails says why instead of going quiet.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { BurrowErrorData } from '../../../../electron/contract/index.js';
import type { LogLine } from '../../../../core/model/types.js';
import { ApiError } from '../../api/types.js';
import { ErrorNote } from '../../components/ui.js';
import { useStore } from '../../store/store.js';

/** Lines kept in memory; older ones scroll out (Save writes what is kept). */
export const MAX_LOG_LINES = 20_000;

function useLogStream(
  id: string,
  opts: { follow: boolean; tail: number; timestamps: boolean },
): { lines: LogLine[]; error: BurrowErrorData | undefined } {
  const api = useStore((s) => s.api);
  const [lines, setLines] = useState<LogLine[]>([]);
  const [error, setError] = useState<BurrowErrorData>();
  const { follow, tail, timestamps } = opts;
  useEffect(() => {
    if (!api) return;
    setLines([]);
    setError(undefined);
    const buf: LogLine[] = [];
    let t: ReturnType<typeof setTimeout> | undefined;
    // Lines arrive one message each: apply them once per 50 ms, not once per line.
    const off = api.subscribe(
      'logs',
      { id, follow, tail, timestamps },
      (l) => {
        buf.push(l);
        t ??= setTimeout(() => {
          t = undefined;
          const chunk = buf.splice(0);
          setLines((prev) => [...prev, ...chunk].slice(-MAX_LOG_LINES));
        }, 50);
      },
      (e) => {
        if (e) setError(e);
      },
    );
    return () => {
      off();
      if (t) clearTimeout(t);
    };
  }, [api, id, follow, tail, timestamps]);
  return { lines, error };
}

export function LogsTab({ id }: { id: string }) {
  const [follow, setFollow] = useState(true);
  const [tail, setTail] = useState(500);
  const [timestamps, setTimestamps] = useState(false);
  const [search, setSearch] = useState('');
  const { lines, error } = useLogStream(id, { follow, tail, timestamps });
  const shown = useMemo(() => {
    const q = search.toLowerCase();
    return q ? lines.filter((l) => l.text.toLowerCase().includes(q)) : lines;
  }, [lines, search]);
  const scroller = useRef<HTMLDivElement>(null);
  const rows = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 18,
    overscan: 20,
  });
  useEffect(() => {
    if (follow && shown.length > 0) rows.scrollToIndex(shown.length - 1, { align: 'end' });
  }, [shown.length, follow, rows]);
  const save = () => {
    const text = lines.map((l) => `${l.timestamp ? `${l.timestamp} ` : ''}${l.text}`).join('\n');
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `${id.slice(0, 12)}.log`;
    a.click();
    // The download has its own copy once the click is handled.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  };
  return (
    <div className="logs">
      <div className="toolbar">
        <label>
          <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} /> Follow
        </label>
        <label>
          Tail{' '}
          <input
            type="number"
            aria-label="Tail lines"
            min={0}
            value={tail}
            onChange={(e) => setTail(Number(e.target.value) || 0)}
          />
        </label>
        <label>
          <input type="checkbox" checked={timestamps} onChange={(e) => setTimestamps(e.target.checked)} />{' '}
          Timestamps
        </label>
        <input
          type="search"
          aria-label="Search logs"
          placeholder="Search"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <span className="muted" aria-live="polite">
          {search ? `${shown.length} of ${lines.length} lines` : `${lines.length} lines`}
        </span>
        <button onClick={save}>Save</button>
      </div>
      {error ? <ErrorNote error={new ApiError(error)} /> : null}
      <div className="log-view" role="log" aria-label="Container logs" ref={scroller}>
        <div style={{ height: rows.getTotalSize(), position: 'relative' }}>
          {rows.getVirtualItems().map((v) => {
            const l = shown[v.index] as LogLine;
            return (
              <div
                key={v.key}
                data-index={v.index}
                ref={rows.measureElement}
                className={l.stream === 'stderr' ? 'log-line stderr' : 'log-line'}
                style={{
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  right: 0,
                  transform: `translateY(${v.start}px)`,
                }}
              >
                {l.timestamp ? <span className="muted">{l.timestamp} </span> : null}
                {l.text}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
