// Long jobs (pull, build, push, compose up, kube play, auto-update) as records: started, then succeeded, failed
// (with core's message and hint) or cancelled. The router opens one for every subscription or call of an
// operation flagged as a job (electron/jobs.ts); the notification service is told when one ends.
import type { BurrowErrorData } from '../errors.js';
import type { JobRecord } from '../model/notifications.js';

export interface JobHandle {
  readonly id: string;
  succeed(detail?: string): void;
  fail(error: Pick<BurrowErrorData, 'message' | 'hint'>): void;
  /** `detail`: what still happens although the job was cancelled. */
  cancel(detail?: string): void;
}

export interface JobTrackerOptions {
  /** Records kept for the activity view (oldest dropped first). */
  keep?: number;
  now?: () => number;
}

export class JobTracker {
  private readonly records: JobRecord[] = [];
  private readonly listeners = new Set<(job: JobRecord) => void>();
  private seq = 0;
  private readonly idBase = Date.now().toString(36);

  constructor(private readonly opts: JobTrackerOptions = {}) {}

  private now(): string {
    return new Date((this.opts.now ?? Date.now)()).toISOString();
  }

  /** Every change of every job (start and end), in order. */
  onChange(fn: (job: JobRecord) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Newest first. */
  list(): JobRecord[] {
    return [...this.records].reverse();
  }

  /** `link`: where the job's result is seen (the Images view for a pull); its own page is the activity view. */
  start(operation: string, title: string, link?: string): JobHandle {
    this.seq += 1;
    const id = `job-${this.idBase}-${this.seq}`;
    const record: JobRecord = {
      id,
      operation,
      title,
      outcome: 'running',
      startedAt: this.now(),
      ...(link ? { link } : {}),
    };
    this.records.push(record);
    const keep = this.opts.keep ?? 50;
    while (this.records.length > keep) this.records.shift();
    this.emit(record);
    const end = (outcome: JobRecord['outcome'], detail?: string, hint?: string) => {
      if (record.outcome !== 'running') return;
      record.outcome = outcome;
      record.endedAt = this.now();
      if (detail) record.detail = detail;
      if (hint) record.hint = hint;
      this.emit(record);
    };
    return {
      id,
      succeed: (detail) => end('succeeded', detail),
      fail: (e) => end('failed', e.message, e.hint),
      cancel: (detail) => end('cancelled', detail),
    };
  }

  private emit(record: JobRecord): void {
    const copy = { ...record };
    for (const fn of this.listeners) fn(copy);
  }
}
