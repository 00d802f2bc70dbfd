// What a long job printed, line by line (stderr marked, each line's source named when there are several), and
// its outcome as the last line: the same sentence the toast says.
import { useEffect, useRef } from 'react';
import type { JobState } from '../data/jobs.js';

export function JobOutput({
  state,
  label,
  height = 260,
}: {
  state: JobState;
  label: string;
  height?: number;
}) {
  const end = useRef<HTMLDivElement>(null);
  useEffect(() => {
    end.current?.scrollIntoView?.({ block: 'nearest' });
  }, [state.lines.length, state.done]);
  if (!state.running && state.lines.length === 0 && !state.done && !state.error) return null;
  return (
    <div className="job">
      <div className="log-view" role="log" aria-label={label} style={{ height }}>
        {state.lines.map((l, i) => (
          <div key={i} className={l.stream === 'stderr' ? 'stderr' : l.stream === 'info' ? 'info' : ''}>
            {l.source ? <span className="source">{l.source} | </span> : null}
            {l.text}
          </div>
        ))}
        <div ref={end} />
      </div>
      {state.done ? (
        <p
          role="status"
          className={state.done.ok ? 'job-done ok' : 'job-done failed'}
          data-testid="job-outcome"
        >
          {state.done.ok ? '✓ ' : '✗ '}
          {state.done.summary}
          {state.done.error?.hint ? <span className="hint"> — {state.done.error.hint}</span> : null}
        </p>
      ) : state.error ? (
        <p role="alert" className="job-done failed" data-testid="job-outcome">
          ✗ {state.error.message}
          {state.error.hint ? <span className="hint"> — {state.error.hint}</span> : null}
        </p>
      ) : state.running ? (
        <p className="muted" aria-busy="true">
          Running…
        </p>
      ) : null}
    </div>
  );
}
