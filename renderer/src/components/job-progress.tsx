// Progress of a long archive job (image save/load, volume export/import): bytes moved against the size when
// known, the engine's current step, then the outcome the job's last item states — or its error with the hint,
// or that it was cancelled. Cancel is offered while it runs.
import type { ArchiveEvent } from '../../../core/model/types.js';
import { ApiError } from '../api/types.js';
import type { Job } from '../data/jobs.js';
import { isFieldError } from './form.js';
import { ErrorNote, bytes } from './ui.js';

export interface ArchiveState {
  bytes: number;
  total?: number;
  status?: string;
  /** false: the engine is in a step that finishes even if the job is cancelled (an image load once uploaded). */
  cancellable?: false;
  done?: Extract<ArchiveEvent, { kind: 'done' }>;
}

export const startArchive = (): ArchiveState => ({ bytes: 0 });

export function reduceArchive(s: ArchiveState, e: ArchiveEvent): ArchiveState {
  switch (e.kind) {
    case 'status':
      return { ...s, status: e.text, ...(e.cancellable === false ? { cancellable: false as const } : {}) };
    case 'bytes':
      return { ...s, bytes: e.bytes, ...(e.total ? { total: e.total } : {}) };
    case 'done':
      return { ...s, bytes: e.bytes, done: e };
  }
}

export function JobFooter({ job, onCancel }: { job: Job<unknown>; onCancel(): void }) {
  return job.phase === 'running' ? <button onClick={onCancel}>Cancel</button> : null;
}

/** `fields`: the form's own fields; a failure about one of them shows under it, not here. */
export function ArchiveProgress({
  label,
  job,
  fields = [],
}: {
  label: string;
  job: Job<ArchiveState>;
  fields?: string[];
}) {
  if (job.phase === 'idle') return null;
  const s = job.state;
  const pct = s.total ? Math.min(100, Math.round((s.bytes / s.total) * 100)) : undefined;
  return (
    <section className="card job" aria-label={label}>
      {job.phase === 'running' ? (
        <>
          <progress
            aria-label={`${label} progress`}
            max={100}
            {...(pct !== undefined ? { value: pct } : {})}
          />
          <p className="muted" role="status">
            {s.status && (s.bytes === 0 || s.cancellable === false)
              ? s.status
              : `${bytes(s.bytes)}${s.total ? ` of about ${bytes(s.total)}` : ''}`}
          </p>
        </>
      ) : null}
      {job.phase === 'done' && s.done ? (
        <p className="ok" role="status">
          {s.done.outcome}
        </p>
      ) : null}
      {job.phase === 'cancelled' ? <p role="status">Cancelled.</p> : null}
      {job.phase === 'failed' && job.error && !fields.some((f) => isFieldError(job.error, f)) ? (
        <ErrorNote error={new ApiError(job.error)} />
      ) : null}
    </section>
  );
}
