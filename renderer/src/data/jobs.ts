// Long operations (pull, push, save, load, volume export/import) are contract topics: a job subscribes, folds the
// items into its state with a pure reducer, and ends with the topic's end (an error, or none). Cancel is the
// unsubscribe, which aborts the operation in core (a half-written archive is removed there); a job whose view
// goes away is cancelled with it.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { BurrowErrorData } from '../../../electron/contract/index.js';
import type { Topic, TopicArgs, TopicData } from '../../../electron/contract/index.js';
import { useStore } from '../store/store.js';

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
