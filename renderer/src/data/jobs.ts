// Long operations (pull, push, save, load, volume export/import, compose up/down, kube play, auto-update) are
// contract topics: a job subscribes, folds the items into its state with a pure reducer, and ends with the
// topic's end (an error, or none). Cancel is the unsubscribe, which aborts the operation in core (a half-written
// archive is removed there); a job whose view goes away is cancelled with it. The router records each of them in
// Activity (electron/activity.ts `jobOperations`). `useTopicJob` is the one hook; `useLineJob` is its state for
// the jobs that print lines and end with one `done` item (core/model/jobs.ts).
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { JobDone, JobLine } from '../../../core/model/jobs.js';
import type { BurrowErrorData } from '../../../electron/contract/index.js';
import type { Topic, TopicArgs, TopicData } from '../../../electron/contract/index.js';
import { useStore } from '../store/store.js';
import { invalidate } from './query-client.js';

export type JobPhase = 'idle' | 'running' | 'done' | 'failed' | 'cancelled';

export interface Job<S> {
  phase: JobPhase;
  state: S;
  error?: BurrowErrorData;
}

export interface JobControls<T extends Topic, S> {
  job: Job<S>;
  /** Resolves with the final job when the topic ends (or is cancelled). */
  start(args: TopicArgs<T>): Promise<Job<S>>;
  cancel(): void;
  reset(): void;
}

/** `initial(args)` is the state a job starts from (args are undefined while idle). */
export function useTopicJob<T extends Topic, S>(
  topic: T,
  initial: (args?: TopicArgs<T>) => S,
  reduce: (s: S, item: TopicData<T>) => S,
): JobControls<T, S> {
  const [job, setJob] = useState<Job<S>>(() => ({ phase: 'idle', state: initial() }));
  const stop = useRef<(() => void) | undefined>(undefined);
  const settle = useRef<((j: Job<S>) => void) | undefined>(undefined);
  const latest = useRef(job);
  latest.current = job;
  const initialRef = useRef(initial);
  const reduceRef = useRef(reduce);
  reduceRef.current = reduce;

  const finish = useCallback((j: Job<S>) => {
    stop.current = undefined;
    latest.current = j;
    setJob(j);
    settle.current?.(j);
    settle.current = undefined;
  }, []);

  const cancel = useCallback(() => {
    if (!stop.current) return;
    stop.current();
    finish({ ...latest.current, phase: 'cancelled' });
  }, [finish]);

  const start = useCallback(
    (args: TopicArgs<T>) => {
      const api = useStore.getState().api;
      stop.current?.();
      const first: Job<S> = { phase: 'running', state: initialRef.current(args) };
      latest.current = first;
      setJob(first);
      if (!api) {
        const failed: Job<S> = {
          ...first,
          phase: 'failed',
          error: { code: 'engine_unreachable', message: 'Not connected to Burrow' },
        };
        finish(failed);
        return Promise.resolve(failed);
      }
      return new Promise<Job<S>>((resolve) => {
        settle.current = resolve;
        let over = false;
        const off = api.subscribe(
          topic,
          args,
          (item) => {
            if (over) return;
            const next = { ...latest.current, state: reduceRef.current(latest.current.state, item) };
            latest.current = next;
            setJob(next);
          },
          (error) => {
            if (over) return; // cancelled: already settled
            over = true;
            finish({ ...latest.current, phase: error ? 'failed' : 'done', ...(error ? { error } : {}) });
          },
        );
        if (!over)
          stop.current = () => {
            over = true;
            off();
          };
      });
    },
    [topic, finish],
  );

  const reset = useCallback(() => {
    stop.current?.();
    stop.current = undefined;
    const fresh: Job<S> = { phase: 'idle', state: initialRef.current() };
    latest.current = fresh;
    setJob(fresh);
  }, []);

  // The view that asked for the job is gone: nothing of it may keep running.
  useEffect(() => () => stop.current?.(), []);

  return { job, start, cancel, reset };
}

const MAX_LINES = 5000;

/** What a view shows of a job that prints lines (components/job-output.tsx). */
export interface JobState {
  running: boolean;
  lines: JobLine[];
  done?: JobDone<unknown>;
  /** The job was refused or broke before it could say how it ended. */
  error?: BurrowErrorData;
}

interface Printed {
  lines: JobLine[];
  done?: JobDone<unknown>;
}

const isLine = (x: unknown): x is JobLine => (x as { kind?: unknown }).kind === 'line';
const isDone = (x: unknown): x is JobDone<unknown> => (x as { kind?: unknown }).kind === 'done';

/**
 * A job that prints lines (bounded) and ends with one `done` item: its outcome is toasted in the words its last
 * line says. Items that are neither go to `onItem` (a kube play's plan and pulls, the compose tool that ran);
 * useTopicJob calls the reducer once per item as it arrives, so that callback runs once each.
 */
export function useLineJob<T extends Topic>(
  topic: T,
  opts: { onItem?(item: TopicData<T>): void; invalidates?: string[] } = {},
): { state: JobState; start(args: TopicArgs<T>): void; cancel(): void } {
  const onItem = useRef(opts.onItem);
  onItem.current = opts.onItem;
  const invalidates = opts.invalidates;
  const { job, start, cancel } = useTopicJob<T, Printed>(
    topic,
    () => ({ lines: [] }),
    (s, item) => {
      if (isLine(item)) return { ...s, lines: [...s.lines, item].slice(-MAX_LINES) };
      if (isDone(item)) return { ...s, done: item };
      onItem.current?.(item);
      return s;
    },
  );
  const run = useCallback(
    (args: TopicArgs<T>) =>
      void start(args).then((j) => {
        // Even a cancelled job may have made or removed something.
        if (invalidates?.length) invalidate(...invalidates);
        const { toast } = useStore.getState();
        if (j.phase === 'cancelled') return;
        if (j.error) toast('error', j.error.message, j.error.hint);
        else if (j.state.done?.ok) toast('success', j.state.done.summary);
        else if (j.state.done) toast('error', j.state.done.summary, j.state.done.error?.hint);
      }),
    [start, invalidates],
  );
  const state = useMemo<JobState>(
    () => ({
      running: job.phase === 'running',
      lines: job.state.lines,
      ...(job.state.done ? { done: job.state.done } : {}),
      ...(job.error ? { error: job.error } : {}),
    }),
    [job],
  );
  return { state, start: run, cancel };
}
