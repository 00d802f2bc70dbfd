// Long jobs (compose up/down, kube play, auto-update) stream what they print, and always end with one `done`
// item that says the outcome in words: the UI shows it as the job's last line, and a notification after a job
// that ran while the window was unfocused can use `summary` as it is.
import type { BurrowErrorData } from '../errors.js';

/** One line the job printed; `source` names who printed it when several things run (a service, a unit). */
export interface JobLine {
  kind: 'line';
  stream: 'stdout' | 'stderr' | 'info';
  text: string;
  source?: string;
}

export interface JobDone<R> {
  kind: 'done';
  ok: boolean;
  /** "Project shop is up: 2 services (ran podman-compose 1.0.3)" / "compose up failed: …" */
  summary: string;
  result?: R;
  error?: BurrowErrorData;
}

export function jobLine(text: string, stream: JobLine['stream'] = 'info', source?: string): JobLine {
  return { kind: 'line', stream, text, ...(source ? { source } : {}) };
}
